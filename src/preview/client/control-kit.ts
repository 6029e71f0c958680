// What every previewed control shares: the label, tooltip and error elements tied together for assistive
// technology (aria-describedby, aria-invalid), visibility, validation of text values as the portal does it,
// defaults that track the fields they refer to until the user edits them, labels that may be objects, and
// InfoBox/TextBlock markup rendered from a small safe subset.

import { h, safeLink } from './dom.js';
import { isExpression } from '../../arm/expressions.js';
import { evaluateOrNot, evaluateValue, NotEvaluated, type ExpressionScope } from './expressions.js';
import { textOf } from '../../util/text-of.js';
import { compileLinear } from '../../util/linear-regex.js';
import { parseMarkup, textContent, type MarkupNode } from './markup.js';

export { NotEvaluated };

export type Def = Record<string, unknown>;

export interface Control {
  name: string;
  type: string;
  el: HTMLElement;
  /** The value the outputs and expressions see (undefined for display-only controls). */
  value(): unknown;
  /** The first validation message, or null when valid. */
  validate(): string | null;
  showError(message: string | null): void;
  /** Re-evaluates `visible` (and defaults that still track other fields); returns whether the control is visible. */
  refresh: () => boolean;
  /** The element that takes focus when the control is invalid. */
  focusTarget?: HTMLElement;
  children?: Control[];
  /** Password values (masked in the review). */
  secret?: boolean;
}

export interface ControlContext {
  scope: ExpressionScope;
  /** Called whenever a value changes, so visibility and other expressions are re-evaluated. */
  changed(): void;
}

export const obj = (v: unknown): Def => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Def) : {});
export const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

/** `constraints.required` of an element: true, false, or an expression over the form's values. */
export const isRequired = (def: Def, ctx: ControlContext): boolean => isTrue(tryEvaluate(obj(def.constraints).required, ctx, false));

/** An expression's value, or `fallback` when the preview cannot evaluate it (the control still renders). */
export const tryEvaluate = (v: unknown, ctx: ControlContext, fallback: unknown): unknown => {
  try {
    return evaluateValue(v, ctx.scope);
  } catch {
    return fallback;
  }
};

export const text = (v: unknown, ctx: ControlContext): string => {
  const r = tryEvaluate(v, ctx, typeof v === 'string' ? new NotEvaluated(v, '') : '');
  if (r instanceof NotEvaluated) return r.toString();
  return r === undefined || r === null ? '' : typeof r === 'string' ? r : typeof r === 'object' ? labelFromObject(r) : textOf(r);
};

/** The portal shows an object label by its parts (password / confirmPassword, …): the first one names the control. */
function labelFromObject(v: object): string {
  const first = Object.values(v).find((x) => typeof x === 'string');
  return typeof first === 'string' ? first : '';
}

/** The label of a control: a string, or an object whose `key` (else first) part names the control. */
export const labelOf = (def: Def, ctx: ControlContext, key?: string): string => {
  const l = def.label;
  if (typeof l === 'object' && l !== null && !Array.isArray(l)) return text(key && (l as Def)[key] !== undefined ? (l as Def)[key] : labelFromObject(l), ctx);
  return text(l, ctx);
};

let counter = 0;
export const uid = (name: string) => `c${++counter}-${name.replace(/[^\w-]/g, '')}`;

export interface Shell {
  el: HTMLElement;
  error: HTMLElement;
  refresh: () => boolean;
  /** Inputs whose aria-invalid follows the error. */
  inputs: HTMLElement[];
}

/** The frame of a control: label (with required mark and a keyboard-reachable tooltip), the input, its error. */
export function shell(def: Def, type: string, ctx: ControlContext, labelText: string, input: HTMLElement | null, inputId?: string): Shell {
  const errorId = uid(`${textOf(def.name ?? 'control')}-error`);
  const error = h('div', { class: 'error', id: errorId, role: 'alert', hidden: true });
  const tipText = def.toolTip ? text(def.toolTip, ctx) : '';
  const tipId = tipText ? uid(`${textOf(def.name ?? 'control')}-tip`) : undefined;
  const tip = tipText ? h('button', { type: 'button', class: 'tooltip', 'aria-label': `About ${labelText || textOf(def.name ?? '')}`, 'aria-describedby': tipId, 'aria-expanded': 'false' }, '?') : null;
  const tipBody = tipText ? h('span', { class: 'tooltip-text', id: tipId, role: 'tooltip', hidden: true }, tipText) : null;
  if (tip && tipBody) {
    const toggle = (open: boolean) => {
      tipBody.hidden = !open;
      tip.setAttribute('aria-expanded', String(open));
    };
    tip.addEventListener('click', () => toggle(tipBody.hidden));
    tip.addEventListener('focus', () => toggle(true));
    tip.addEventListener('blur', () => toggle(false));
    tip.addEventListener('mouseenter', () => toggle(true));
    tip.addEventListener('mouseleave', () => toggle(false));
    tip.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') toggle(false);
    });
  }
  const required = isRequired(def, ctx);
  const notes = h('p', { class: 'hint not-evaluated', hidden: true });
  const el = h('div', { class: `control ${type.split('.').pop()!.toLowerCase()}`, 'data-control': textOf(def.name ?? ''), 'data-type': type },
    labelText ? h('div', { class: 'label-row' }, h('label', { for: inputId }, labelText, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null), tip ? ' ' : null, tip) : null,
    tipBody,
    input, notes, error);
  const inputs = input ? (['INPUT', 'SELECT', 'TEXTAREA'].includes(input.tagName) ? [input] : Array.from(input.querySelectorAll<HTMLElement>('input, select, textarea'))) : [];
  for (const i of inputs) {
    i.setAttribute('aria-describedby', [i.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
    if (required) i.setAttribute('aria-required', 'true');
    if (!i.id && !i.getAttribute('aria-label') && labelText) i.setAttribute('aria-label', labelText);
  }
  const refresh = () => {
    const visible = def.visible === undefined || isTrue(tryEvaluate(def.visible, ctx, true));
    el.hidden = !visible;
    const missed = notEvaluatedParts(def, ctx);
    notes.textContent = missed.join(' ');
    notes.hidden = !missed.length;
    return visible;
  };
  return { el, error, refresh, inputs };
}

/**
 * The expressions of an element the preview cannot compute (its visibility, whether it is required, its default),
 * said in place: the control still works, on the value the preview falls back to.
 */
function notEvaluatedParts(def: Def, ctx: ControlContext): string[] {
  const parts: [string, unknown, string][] = [
    ['visible', def.visible, 'shown'],
    ['constraints.required', obj(def.constraints).required, 'not required'],
    ['defaultValue', def.defaultValue, 'no default'],
  ];
  return parts.flatMap(([what, v, fallback]) => {
    if (!isExpression(v)) return [];
    const r = evaluateOrNot(v, ctx.scope);
    return r instanceof NotEvaluated ? [`${what} not evaluated: ${r.expression} (${r.reason}); the preview uses: ${fallback}.`] : [];
  });
}

export function base(def: Def, type: string, parts: Shell, value: () => unknown, validate: () => string | null): Control {
  return {
    name: textOf(def.name ?? ''),
    type,
    el: parts.el,
    value,
    validate,
    showError(message) {
      parts.error.textContent = message ?? '';
      parts.error.hidden = !message;
      parts.el.classList.toggle('invalid', Boolean(message));
      for (const i of parts.inputs) {
        if (message) i.setAttribute('aria-invalid', 'true');
        else i.removeAttribute('aria-invalid');
      }
    },
    refresh: parts.refresh,
    ...(parts.inputs[0] ? { focusTarget: parts.inputs[0] } : {}),
  };
}

export const defaultValue = (def: Def, ctx: ControlContext): unknown => tryEvaluate(def.defaultValue, ctx, undefined);

/**
 * A default that refers to other fields (`[concat(basics('vmName'), '-dns')]`) follows them, as in the portal,
 * until the user edits the field; `set` writes it, `edited` tells whether the user has typed.
 */
export function trackDefault(def: Def, ctx: ControlContext, set: (v: unknown) => void, edited: () => boolean): () => void {
  const d = def.defaultValue;
  const dynamic = typeof d === 'string' && d.trim().startsWith('[') && !d.trim().startsWith('[[');
  return () => {
    if (!dynamic || edited()) return;
    const v = tryEvaluate(d, ctx, undefined);
    if (v !== undefined && v !== null) set(v);
  };
}

/**
 * A pattern from the createUiDefinition, run in linear time (a hostile package cannot hang the page); one
 * that cannot be compiled or run that way does not block the form.
 */
const compiledPatterns = new Map<string, ReturnType<typeof compileLinear>>();
export const matches = (pattern: string, v: string): boolean => {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) compiledPatterns.set(pattern, (compiled = compileLinear(pattern)));
  return 'regex' in compiled ? compiled.regex.test(v) : true;
};

/** required / regex + validationMessage / validations[] of a text value. */
export function checkText(v: string, def: Def, ctx: ControlContext): string | null {
  const c = obj(def.constraints);
  if (!v) return isRequired(def, ctx) ? textOf(c.validationMessage && !c.regex ? c.validationMessage : 'A value is required.') : null;
  if (typeof c.regex === 'string' && c.regex && !matches(c.regex, v)) return textOf(c.validationMessage ?? 'The value is not in the expected form.');
  for (const rule of Array.isArray(c.validations) ? c.validations : []) {
    const r = obj(rule);
    const ok = typeof r.regex === 'string' ? matches(r.regex, v) : r.isValid === undefined || isTrue(tryEvaluate(r.isValid, ctx, true));
    if (!ok) return textOf(r.message ?? 'The value is not valid.');
  }
  return null;
}

/**
 * InfoBox and TextBlock text as the portal shows it: the markup it allows (paragraphs, lists, emphasis, https
 * links) rebuilt element by element from offerkit's own tokenizer (markup.ts); anything else becomes its text.
 * No HTML string is ever parsed by the browser, no attribute but a safe href is kept.
 */
export function markup(source: string): Node {
  const out = h('span', { class: 'markup' });
  if (!/[<&]/.test(source)) {
    out.textContent = source;
    return out;
  }
  const build = (nodes: readonly MarkupNode[], to: Node) => {
    for (const n of nodes) {
      if (typeof n === 'string') to.appendChild(document.createTextNode(n));
      else if (n.tag === 'a') to.appendChild(safeLink(n.href ?? '', textContent(n.children)));
      else {
        const el = document.createElement(n.tag);
        build(n.children, el);
        to.appendChild(el);
      }
    }
  };
  build(parseMarkup(source), out);
  return out;
}

// Shared by the controls that stand in for the customer's Azure.

export const SAMPLE = 'Sample data: in the portal this lists what your subscription offers in the chosen region.';
export const note = (s = SAMPLE) => h('p', { class: 'hint sample-data' }, s);
export const input = (attrs: Record<string, string | undefined>) => h('input', { type: 'text', ...attrs });
export const onInput = (el: HTMLElement, ctx: ControlContext, mark?: () => void) => el.addEventListener(el.tagName === 'SELECT' ? 'change' : 'input', () => {
  mark?.();
  ctx.changed();
});
export const rg = (ctx: ControlContext) => textOf(obj(tryEvaluate('[resourceGroup()]', ctx, {})).name ?? '');
/** A text field whose default is one part of the control's defaultValue object, following what it refers to. */
export function fieldDefault(el: HTMLInputElement, source: unknown, ctx: ControlContext, fallback = ''): { follow: () => void; edited: () => void } {
  let edited = false;
  const first = tryEvaluate(source, ctx, undefined);
  el.value = typeof first === 'string' || typeof first === 'number' ? String(first) : fallback;
  const follow = trackDefault({ defaultValue: source }, ctx, (v) => (el.value = String(v)), () => edited);
  return { follow, edited: () => (edited = true) };
}

export const withTracking = (c: Control, ...follow: (() => void)[]): Control => {
  const own = c.refresh;
  c.refresh = () => {
    for (const f of follow) f();
    return own();
  };
  return c;
};
