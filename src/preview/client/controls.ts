// createUiDefinition controls as the preview renders them: each one builds its elements, holds its value,
// validates itself the way the portal does (required, regex with its message, `validations` lists, password
// confirmation), and reports the value the outputs see. Controls the preview does not know are shown as a
// labelled placeholder whose value is their defaultValue, never dropped.

import { h, safeLink } from './dom.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';

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
  /** Re-evaluates `visible`; returns whether the control is visible. */
  refresh(): boolean;
  children?: Control[];
  /** Password values (masked in the review). */
  secret?: boolean;
}

export interface ControlContext {
  scope: ExpressionScope;
  /** Called whenever a value changes, so visibility and other expressions are re-evaluated. */
  changed(): void;
}

const obj = (v: unknown): Def => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Def) : {});
const isTrue = (v: unknown) => v === true || v === 'true';
/** An expression's value, or `fallback` when the preview cannot evaluate it (the control still renders). */
const tryEvaluate = (v: unknown, ctx: ControlContext, fallback: unknown): unknown => {
  try {
    return evaluateValue(v, ctx.scope);
  } catch {
    return fallback;
  }
};
const text = (v: unknown, ctx: ControlContext): string => {
  const r = tryEvaluate(v, ctx, typeof v === 'string' ? v : '');
  return r === undefined || r === null ? '' : typeof r === 'string' ? r : JSON.stringify(r);
};
let counter = 0;
const uid = (name: string) => `c${++counter}-${name.replace(/[^\w-]/g, '')}`;

function shell(def: Def, type: string, ctx: ControlContext, labelText: string, input: HTMLElement | null, inputId?: string): { el: HTMLElement; error: HTMLElement; refresh: () => boolean } {
  const error = h('div', { class: 'error', role: 'alert', hidden: true });
  const tip = def.toolTip ? h('span', { class: 'tooltip', title: text(def.toolTip, ctx) }, 'ⓘ') : null;
  const required = isTrue(obj(def.constraints).required);
  const el = h('div', { class: `control ${type.split('.').pop()!.toLowerCase()}`, 'data-control': String(def.name ?? ''), 'data-type': type },
    labelText ? h('label', { for: inputId }, labelText, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null, tip ? ' ' : null, tip) : null,
    input, error);
  const refresh = () => {
    const visible = def.visible === undefined || isTrue(tryEvaluate(def.visible, ctx, true));
    el.hidden = !visible;
    return visible;
  };
  return { el, error, refresh };
}

function base(def: Def, type: string, parts: ReturnType<typeof shell>, value: () => unknown, validate: () => string | null): Control {
  return {
    name: String(def.name ?? ''),
    type,
    el: parts.el,
    value,
    validate,
    showError(message) {
      parts.error.textContent = message ?? '';
      parts.error.hidden = !message;
      parts.el.classList.toggle('invalid', Boolean(message));
    },
    refresh: parts.refresh,
  };
}

const defaultValue = (def: Def, ctx: ControlContext): unknown => tryEvaluate(def.defaultValue, ctx, undefined);

/** A pattern from the createUiDefinition; one the browser cannot compile does not block the form. */
const matches = (pattern: string, v: string): boolean => {
  try {
    return new RegExp(pattern).test(v);
  } catch {
    return true;
  }
};

/** required / regex + validationMessage / validations[] of a text value. */
function checkText(v: string, def: Def, ctx: ControlContext): string | null {
  const c = obj(def.constraints);
  if (!v) return isTrue(c.required) ? String(c.validationMessage && !c.regex ? c.validationMessage : 'A value is required.') : null;
  if (typeof c.regex === 'string' && c.regex && !matches(c.regex, v)) return String(c.validationMessage ?? 'The value is not in the expected form.');
  for (const rule of Array.isArray(c.validations) ? c.validations : []) {
    const r = obj(rule);
    const ok = typeof r.regex === 'string' ? matches(r.regex, v) : r.isValid === undefined || isTrue(tryEvaluate(r.isValid, ctx, true));
    if (!ok) return String(r.message ?? 'The value is not valid.');
  }
  return null;
}

function textBox(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const multi = isTrue(obj(def.multiLine)) || isTrue(def.multiLine);
  const input = multi ? h('textarea', { id, name: String(def.name), placeholder: text(def.placeholder, ctx) || undefined }) : h('input', { id, name: String(def.name), type: 'text', placeholder: text(def.placeholder, ctx) || undefined });
  const d = defaultValue(def, ctx);
  if (d !== undefined && d !== null) input.value = String(d);
  input.addEventListener('input', () => ctx.changed());
  const parts = shell(def, type, ctx, text(def.label, ctx), input, id);
  return base(def, type, parts, () => input.value, () => checkText(input.value, def, ctx));
}

function passwordBox(def: Def, type: string, ctx: ControlContext): Control {
  const labels = obj(def.label);
  const id = uid(String(def.name));
  const pw = h('input', { id, name: String(def.name), type: 'password', autocomplete: 'new-password' });
  const hideConfirmation = isTrue(obj(def.options).hideConfirmation);
  const confirmId = `${id}-confirm`;
  const confirm = h('input', { id: confirmId, name: `${String(def.name)}-confirm`, type: 'password', autocomplete: 'new-password' });
  for (const i of [pw, confirm]) i.addEventListener('input', () => ctx.changed());
  const wrapper = h('div', { class: 'password' }, pw, hideConfirmation ? null : h('label', { for: confirmId, class: 'confirm' }, text(labels.confirmPassword ?? 'Confirm password', ctx)), hideConfirmation ? null : confirm);
  const parts = shell(def, type, ctx, text(labels.password ?? def.label, ctx), wrapper, id);
  const c = base(def, type, parts, () => pw.value, () => checkText(pw.value, def, ctx) ?? (!hideConfirmation && pw.value !== confirm.value ? 'The password and its confirmation do not match.' : null));
  c.secret = true;
  return c;
}

function choices(def: Def, ctx: ControlContext): Array<{ label: string; value: unknown }> {
  const allowed = evaluateValue(obj(def.constraints).allowedValues, ctx.scope);
  return (Array.isArray(allowed) ? allowed : []).map((a) => ({ label: text(obj(a).label, ctx), value: evaluateValue(obj(a).value, ctx.scope) }));
}

function dropDown(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const items = choices(def, ctx);
  const multi = isTrue(obj(def.multiselect)) || isTrue(def.multiselect);
  const select = h('select', { id, name: String(def.name), multiple: multi });
  if (!multi) select.appendChild(h('option', { value: '' }, '— select —'));
  items.forEach((it, i) => select.appendChild(h('option', { value: String(i) }, it.label)));
  const d = defaultValue(def, ctx);
  const index = items.findIndex((it) => it.label === d || JSON.stringify(it.value) === JSON.stringify(d));
  if (index >= 0) select.value = String(index);
  select.addEventListener('change', () => ctx.changed());
  const parts = shell(def, type, ctx, text(def.label, ctx), select, id);
  const value = () => (multi ? Array.from(select.selectedOptions).map((o) => items[Number(o.value)]?.value) : select.value === '' ? undefined : items[Number(select.value)]?.value);
  return base(def, type, parts, value, () => (isTrue(obj(def.constraints).required) && (value() === undefined || (Array.isArray(value()) && !(value() as unknown[]).length)) ? String(obj(def.constraints).validationMessage ?? 'Select a value.') : null));
}

function optionsGroup(def: Def, type: string, ctx: ControlContext): Control {
  const items = choices(def, ctx);
  const group = uid(String(def.name));
  const d = defaultValue(def, ctx);
  const radios = items.map((it, i) => {
    const r = h('input', { type: 'radio', name: group, value: String(i), id: `${group}-${i}` });
    r.checked = it.label === d || JSON.stringify(it.value) === JSON.stringify(d);
    r.addEventListener('change', () => ctx.changed());
    return r;
  });
  const box = h('div', { class: 'options', role: 'radiogroup' }, ...radios.flatMap((r, i) => [h('label', { for: r.id, class: 'option' }, r, ` ${items[i]!.label}`)]));
  const parts = shell(def, type, ctx, text(def.label, ctx), box);
  const value = () => {
    const picked = radios.findIndex((r) => r.checked);
    return picked < 0 ? undefined : items[picked]!.value;
  };
  return base(def, type, parts, value, () => (isTrue(obj(def.constraints).required) && value() === undefined ? 'Select an option.' : null));
}

function checkBox(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const box = h('input', { id, name: String(def.name), type: 'checkbox' });
  box.checked = isTrue(defaultValue(def, ctx));
  box.addEventListener('change', () => ctx.changed());
  const parts = shell(def, type, ctx, '', h('label', { for: id, class: 'checkbox' }, box, ` ${text(def.label, ctx)}`, isTrue(obj(def.constraints).required) ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null));
  return base(def, type, parts, () => box.checked, () => (isTrue(obj(def.constraints).required) && !box.checked ? String(obj(def.constraints).validationMessage ?? 'This box must be ticked to continue.') : null));
}

function slider(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const min = Number(evaluateValue(def.min, ctx.scope) ?? 0);
  const max = Number(evaluateValue(def.max, ctx.scope) ?? 100);
  const step = Number(evaluateValue(def.step, ctx.scope) ?? 1);
  const input = h('input', { id, name: String(def.name), type: 'range', min, max, step });
  const shown = h('output', { for: id });
  const d = defaultValue(def, ctx);
  input.value = String(typeof d === 'number' ? d : min);
  shown.textContent = `${input.value}${def.subLabel ? ` ${text(def.subLabel, ctx)}` : ''}`;
  input.addEventListener('input', () => {
    shown.textContent = `${input.value}${def.subLabel ? ` ${text(def.subLabel, ctx)}` : ''}`;
    ctx.changed();
  });
  const parts = shell(def, type, ctx, text(def.label, ctx), h('div', { class: 'slider' }, input, ' ', shown), id);
  return base(def, type, parts, () => Number(input.value), () => null);
}

function display(def: Def, type: string, ctx: ControlContext): Control {
  const o = obj(def.options);
  const link = obj(o.link);
  const body = type.endsWith('InfoBox')
    ? h('div', { class: `infobox ${String(o.icon ?? 'Info').toLowerCase()}` }, text(o.text, ctx), o.uri ? h('span', {}, ' ', safeLink(text(o.uri, ctx), 'Learn more')) : null)
    : h('p', { class: 'textblock' }, text(o.text, ctx), link.uri ? h('span', {}, ' ', safeLink(text(link.uri, ctx), text(link.label, ctx) || 'Link')) : null);
  return base(def, type, shell(def, type, ctx, '', body), () => undefined, () => null);
}

function tagsByResource(def: Def, type: string, ctx: ControlContext): Control {
  const resources = (Array.isArray(def.resources) ? def.resources : []).map(String);
  const rows = h('div', { class: 'tags' });
  const pairs: Array<{ name: HTMLInputElement; value: HTMLInputElement }> = [];
  const add = () => {
    const name = h('input', { type: 'text', placeholder: 'Name', 'aria-label': 'Tag name' });
    const value = h('input', { type: 'text', placeholder: 'Value', 'aria-label': 'Tag value' });
    for (const i of [name, value]) i.addEventListener('input', () => ctx.changed());
    pairs.push({ name, value });
    rows.appendChild(h('div', { class: 'tag-row' }, name, ' : ', value));
  };
  add();
  const more = h('button', { type: 'button', class: 'link' }, 'Add a tag');
  more.addEventListener('click', add);
  const parts = shell(def, type, ctx, text(def.label, ctx) || 'Tags', h('div', {}, rows, more, h('p', { class: 'hint' }, `Applied to: ${resources.join(', ') || 'all resources'}`)));
  const value = () => {
    const tags: Record<string, string> = {};
    for (const p of pairs) if (p.name.value.trim()) tags[p.name.value.trim()] = p.value.value;
    return Object.fromEntries(resources.map((r) => [r, { ...tags }]));
  };
  return base(def, type, parts, value, () => (pairs.some((p) => !p.name.value.trim() && p.value.value) ? 'A tag with a value needs a name.' : null));
}

function jitConfigurator(def: Def, type: string, ctx: ControlContext): Control {
  const d = obj(defaultValue(def, ctx));
  const enabled = h('input', { type: 'checkbox', id: uid('jit') });
  enabled.checked = d.jitEnabled !== false;
  const mode = h('select', { 'aria-label': 'Approval' }, h('option', { value: 'ManualApprove' }, 'I approve each request'), h('option', { value: 'AutoApprove' }, 'Approve automatically'));
  mode.value = d.jitApprovalMode === 'AutoApprove' ? 'AutoApprove' : 'ManualApprove';
  const duration = h('select', { 'aria-label': 'Maximum access duration' }, ...['PT1H', 'PT2H', 'PT4H', 'PT8H', 'PT24H'].map((v) => h('option', { value: v }, v.slice(2).toLowerCase())));
  duration.value = typeof d.maxAccessDuration === 'string' ? d.maxAccessDuration : 'PT8H';
  for (const i of [enabled, mode, duration]) i.addEventListener('change', () => ctx.changed());
  const parts = shell(def, type, ctx, text(def.label, ctx) || 'Just-in-time access', h('div', { class: 'jit' }, h('label', { for: enabled.id }, enabled, ' Publisher access only on request'), ' ', mode, ' ', duration));
  return base(def, type, parts, () => ({ jitEnabled: enabled.checked, jitApprovalMode: mode.value, maxAccessDuration: duration.value, jitApprovers: [] }), () => null);
}

function placeholder(def: Def, type: string, ctx: ControlContext): Control {
  const d = defaultValue(def, ctx);
  const body = h('div', { class: 'placeholder' }, `${type || 'A control without a type'} is not previewed here`, d !== undefined ? `; its default value is used: ${JSON.stringify(d)}` : '; it has no default value.');
  return base(def, type, shell(def, type, ctx, text(def.label, ctx) || String(def.name ?? ''), body), () => d, () => null);
}

function section(def: Def, type: string, ctx: ControlContext): Control {
  const children = (Array.isArray(def.elements) ? def.elements : []).map((e) => createControl(obj(e), ctx));
  const box = h('fieldset', { class: 'section' }, h('legend', {}, text(def.label, ctx)), ...children.map((c) => c.el));
  const parts = shell(def, type, ctx, '', box);
  const c = base(def, type, parts, () => Object.fromEntries(children.filter((x) => x.value() !== undefined).map((x) => [x.name, x.value()])), () => null);
  c.children = children;
  const own = c.refresh;
  c.refresh = () => {
    const visible = own();
    for (const child of children) child.refresh();
    return visible;
  };
  return c;
}

const FACTORIES: Record<string, (def: Def, type: string, ctx: ControlContext) => Control> = {
  'microsoft.common.textbox': textBox,
  'microsoft.common.passwordbox': passwordBox,
  'microsoft.common.dropdown': dropDown,
  'microsoft.common.optionsgroup': optionsGroup,
  'microsoft.common.checkbox': checkBox,
  'microsoft.common.slider': slider,
  'microsoft.common.infobox': display,
  'microsoft.common.textblock': display,
  'microsoft.common.section': section,
  'microsoft.common.tagsbyresource': tagsByResource,
  'microsoft.solutions.jitconfigurator': jitConfigurator,
};

export function createControl(def: Def, ctx: ControlContext): Control {
  const type = String(def.type ?? '');
  return (FACTORIES[type.toLowerCase()] ?? placeholder)(def, type, ctx);
}

/** Every control in a tree, sections included (for validation). */
export function allControls(list: Control[]): Control[] {
  return list.flatMap((c) => [c, ...allControls(c.children ?? [])]);
}
