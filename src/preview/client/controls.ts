// createUiDefinition controls as the preview renders them: each one builds its elements, holds its value,
// validates itself the way the portal does (required, regex with its message, `validations` lists, password
// confirmation), and reports the value the outputs see. Controls that need the customer's Azure (sizes,
// networks, storage accounts, identities) are in controls-azure.ts with bundled sample data. An element the
// preview cannot draw is a labelled placeholder (data-unsupported-control) that blocks Next when required.

import { h, safeLink } from './dom.js';
import { isExpression } from '../../arm/expressions.js';
import { evaluateOrNot, NotEvaluated } from './expressions.js';
import { AZURE_FACTORIES } from './controls-azure.js';
import { PORTAL_FACTORIES } from './controls-portal.js';
import { base, isRequired, checkText, defaultValue, isTrue, labelOf, markup, obj, shell, text, trackDefault, uid, type Control, type ControlContext, type Def } from './control-kit.js';
import { textOf } from '../../util/text-of.js';

export type { Control, ControlContext, Def };

export function textBox(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const multi = isTrue(obj(def.multiLine)) || isTrue(def.multiLine);
  const input = multi ? h('textarea', { id, name: String(def.name), placeholder: text(def.placeholder, ctx) || undefined }) : h('input', { id, name: String(def.name), type: 'text', placeholder: text(def.placeholder, ctx) || undefined });
  const d = defaultValue(def, ctx);
  if (d !== undefined && d !== null) input.value = typeof d === 'string' ? d : JSON.stringify(d);
  let edited = false;
  input.addEventListener('input', () => {
    edited = true;
    ctx.changed();
  });
  const follow = trackDefault(def, ctx, (v) => (input.value = typeof v === 'string' ? v : JSON.stringify(v)), () => edited);
  const parts = shell(def, type, ctx, labelOf(def, ctx), input, id);
  const c = base(def, type, parts, () => input.value, () => checkText(input.value, def, ctx));
  const own = c.refresh;
  c.refresh = () => {
    follow();
    return own();
  };
  return c;
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
  const parts = shell(def, type, ctx, typeof def.label === 'string' ? text(def.label, ctx) : text(labels.password ?? 'Password', ctx), wrapper, id);
  const c = base(def, type, parts, () => pw.value, () => checkText(pw.value, def, ctx) ?? (!hideConfirmation && pw.value !== confirm.value ? 'The password and its confirmation do not match.' : null));
  c.secret = true;
  return c;
}

interface Choices {
  items: { label: string; value: unknown }[];
  /** Why the list is not the portal's: an expression not evaluated, or one that gives no choices here. */
  note?: string;
}

/** The choices of a DropDown or OptionsGroup: a list, or an expression over the form (map(), filter()…). */
function choices(def: Def, ctx: ControlContext): Choices {
  const source = obj(def.constraints).allowedValues;
  const allowed = evaluateOrNot(source, ctx.scope);
  if (allowed instanceof NotEvaluated) return { items: [], note: `The choices are not evaluated: ${allowed.expression} (${allowed.reason}).` };
  if (!Array.isArray(allowed)) return { items: [], note: isExpression(source) ? `The choices are not evaluated: ${source} gives ${JSON.stringify(allowed) ?? 'nothing'}, not a list.` : 'No choices: constraints.allowedValues is not a list.' };
  const items = allowed.map((a) => ({ label: text(obj(a).label, ctx), value: evaluateOrNot(obj(a).value, ctx.scope) }));
  if (!items.length && isExpression(source)) return { items, note: `No choices here: in the portal they come from ${source}, over what the customer's Azure returns; the preview's sample data gives none.` };
  return { items };
}

/**
 * Choices that follow the form: an allowedValues expression is evaluated again whenever a value changes (as the
 * portal does), the selection kept when it is still offered. `draw` rebuilds the options from the list.
 */
function liveChoices(def: Def, ctx: ControlContext, draw: (c: Choices) => void): { current: () => Choices; refresh: () => void } {
  let current = choices(def, ctx);
  let drawn = JSON.stringify(current);
  draw(current);
  const refresh = () => {
    if (!isExpression(obj(def.constraints).allowedValues)) return;
    const next = choices(def, ctx);
    const text = JSON.stringify(next);
    if (text === drawn) return;
    current = next;
    drawn = text;
    draw(next);
  };
  return { current: () => current, refresh };
}

/** A choice the customer must make but the preview cannot list does not block the form. */
const cannotList = (c: Choices) => Boolean(c.note) && !c.items.length;

function dropDown(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const multi = isTrue(obj(def.multiselect)) || isTrue(def.multiselect);
  const select = h('select', { id, name: String(def.name), multiple: multi });
  const note = h('p', { class: 'hint not-evaluated', hidden: true });
  const d = defaultValue(def, ctx);
  let first = true;
  const live = liveChoices(def, ctx, (c) => {
    const kept = first ? undefined : Array.from(select.selectedOptions).map((o) => JSON.stringify(items()[Number(o.value)]?.value));
    select.replaceChildren();
    if (!multi) select.appendChild(h('option', { value: '' }, '— select —'));
    c.items.forEach((it, i) => select.appendChild(h('option', { value: String(i) }, it.label)));
    if (first) {
      const index = c.items.findIndex((it) => it.label === d || JSON.stringify(it.value) === JSON.stringify(d));
      if (index >= 0) select.value = String(index);
    } else {
      for (const o of Array.from(select.options)) o.selected = o.value !== '' && kept!.includes(JSON.stringify(c.items[Number(o.value)]?.value));
    }
    note.textContent = c.note ?? '';
    note.hidden = !c.note;
    first = false;
  });
  function items() {
    return live.current().items;
  }
  select.addEventListener('change', () => ctx.changed());
  const parts = shell(def, type, ctx, labelOf(def, ctx), h('div', { class: 'choices' }, select, note), id);
  const value = () => (multi ? Array.from(select.selectedOptions).map((o) => items()[Number(o.value)]?.value) : select.value === '' ? undefined : items()[Number(select.value)]?.value);
  const c = base(def, type, parts, value, () => (isRequired(def, ctx) && !cannotList(live.current()) && (value() === undefined || (Array.isArray(value()) && !(value() as unknown[]).length)) ? textOf(obj(def.constraints).validationMessage ?? 'Select a value.') : null));
  c.focusTarget = select;
  return withRefresh(c, live.refresh);
}

function optionsGroup(def: Def, type: string, ctx: ControlContext): Control {
  const group = uid(String(def.name));
  const d = defaultValue(def, ctx);
  const box = h('div', { class: 'options', role: 'radiogroup' });
  const note = h('p', { class: 'hint not-evaluated', hidden: true });
  let radios: HTMLInputElement[] = [];
  let first = true;
  const live = liveChoices(def, ctx, (c) => {
    const kept = first ? undefined : JSON.stringify(value());
    radios = c.items.map((it, i) => {
      const r = h('input', { type: 'radio', name: group, value: String(i), id: `${group}-${i}` });
      r.checked = first ? it.label === d || JSON.stringify(it.value) === JSON.stringify(d) : JSON.stringify(it.value) === kept;
      r.addEventListener('change', () => ctx.changed());
      return r;
    });
    box.replaceChildren(...radios.map((r, i) => h('label', { for: r.id, class: 'option' }, r, ` ${c.items[i].label}`)));
    note.textContent = c.note ?? '';
    note.hidden = !c.note;
    first = false;
  });
  function value(): unknown {
    const picked = radios.findIndex((r) => r.checked);
    return picked < 0 ? undefined : live.current().items[picked]?.value;
  }
  const parts = shell(def, type, ctx, labelOf(def, ctx), h('div', {}, box, note));
  box.setAttribute('aria-label', labelOf(def, ctx));
  const c = base(def, type, parts, value, () => (isRequired(def, ctx) && !cannotList(live.current()) && value() === undefined ? 'Select an option.' : null));
  return withRefresh(c, live.refresh);
}

/** A control whose own parts follow the form too (choices), besides visibility. */
function withRefresh(c: Control, follow: () => void): Control {
  const own = c.refresh;
  c.refresh = () => {
    follow();
    return own();
  };
  return c;
}

function checkBox(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const box = h('input', { id, name: String(def.name), type: 'checkbox' });
  box.checked = isTrue(defaultValue(def, ctx));
  box.addEventListener('change', () => ctx.changed());
  const parts = shell(def, type, ctx, '', h('label', { for: id, class: 'checkbox' }, box, ` ${text(def.label, ctx)}`, isRequired(def, ctx) ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null));
  return base(def, type, parts, () => box.checked, () => (isRequired(def, ctx) && !box.checked ? textOf(obj(def.constraints).validationMessage ?? 'This box must be ticked to continue.') : null));
}

function slider(def: Def, type: string, ctx: ControlContext): Control {
  const id = uid(String(def.name));
  const numberOr = (v: unknown, fallback: number) => {
    const r = evaluateOrNot(v, ctx.scope);
    const n = typeof r === 'number' || typeof r === 'string' ? Number(r) : NaN;
    return Number.isFinite(n) ? n : fallback;
  };
  const min = numberOr(def.min, 0);
  const max = numberOr(def.max, 100);
  const step = numberOr(def.step, 1);
  const input = h('input', { id, name: String(def.name), type: 'range', min, max, step });
  const shown = h('output', { for: id });
  const d = defaultValue(def, ctx);
  input.value = String(typeof d === 'number' ? d : min);
  shown.textContent = `${input.value}${def.subLabel ? ` ${text(def.subLabel, ctx)}` : ''}`;
  input.addEventListener('input', () => {
    shown.textContent = `${input.value}${def.subLabel ? ` ${text(def.subLabel, ctx)}` : ''}`;
    ctx.changed();
  });
  const parts = shell(def, type, ctx, labelOf(def, ctx), h('div', { class: 'slider' }, input, ' ', shown), id);
  return base(def, type, parts, () => Number(input.value), () => null);
}

function display(def: Def, type: string, ctx: ControlContext): Control {
  const o = obj(def.options);
  const link = obj(o.link);
  const body = type.toLowerCase().endsWith('infobox')
    ? h('div', { class: `infobox ${textOf(o.icon ?? 'Info').toLowerCase()}`, role: 'note' }, markup(text(o.text, ctx)), o.uri ? h('span', {}, ' ', safeLink(text(o.uri, ctx), 'Learn more')) : null)
    : h('p', { class: 'textblock' }, text(o.text, ctx), link.uri ? h('span', {}, ' ', safeLink(text(link.uri, ctx), text(link.label, ctx) || 'Link')) : null);
  return base(def, type, shell(def, type, ctx, '', body), () => undefined, () => null);
}

function tagsByResource(def: Def, type: string, ctx: ControlContext): Control {
  const resources = (Array.isArray(def.resources) ? def.resources : []).map(String);
  const rows = h('div', { class: 'tags' });
  const pairs: { name: HTMLInputElement; value: HTMLInputElement }[] = [];
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
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Tags', h('div', {}, rows, more, h('p', { class: 'hint' }, `Applied to: ${resources.join(', ') || 'all resources'}`)));
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
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Just-in-time access', h('div', { class: 'jit' }, h('label', { for: enabled.id }, enabled, ' Publisher access only on request'), ' ', mode, ' ', duration));
  return base(def, type, parts, () => ({ jitEnabled: enabled.checked, jitApprovalMode: mode.value, maxAccessDuration: duration.value, jitApprovers: [] }), () => null);
}

function placeholder(def: Def, type: string, ctx: ControlContext): Control {
  const d = defaultValue(def, ctx);
  const required = isRequired(def, ctx);
  const body = h('div', { class: 'placeholder', 'data-unsupported-control': type || '(no type)', tabindex: '0' }, `${type || 'A control without a type'} is not previewed here`, d !== undefined ? `; its default value is used: ${JSON.stringify(d)}` : '; it has no default value.');
  const c = base(def, type, shell(def, type, ctx, labelOf(def, ctx) || textOf(def.name ?? ''), body), () => d, () => (required && d === undefined ? `${labelOf(def, ctx) || textOf(def.name ?? 'This field')} is required, and the preview cannot draw a ${type || 'control without a type'} to fill it.` : null));
  c.focusTarget = body;
  return c;
}

function section(def: Def, type: string, ctx: ControlContext): Control {
  const children = (Array.isArray(def.elements) ? def.elements : []).map((e) => createControl(obj(e), ctx));
  const box = h('fieldset', { class: 'section' }, h('legend', {}, labelOf(def, ctx)), ...children.map((c) => c.el));
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
  ...AZURE_FACTORIES,
  ...PORTAL_FACTORIES,
};

/** The element types the preview draws (lower case); any other is a placeholder. */
export const SUPPORTED_TYPES: readonly string[] = Object.keys(FACTORIES);

export function createControl(def: Def, ctx: ControlContext): Control {
  const type = textOf(def.type ?? '');
  try {
    return guarded((FACTORIES[type.toLowerCase()] ?? placeholder)(def, type, ctx));
  } catch (e) {
    // Never a dead form: an element the preview fails to draw says so in place, and the rest of the form works.
    return failed(def, type, ctx, (e as Error).message);
  }
}

/**
 * A control whose value, validation or refresh throws says so under itself and falls back (no value, valid,
 * visible as it was), so one element cannot stop the steps, the review or the other controls' refresh.
 */
function guarded(c: Control): Control {
  let note: HTMLElement | undefined;
  const say = (e: unknown) => {
    note ??= c.el.appendChild(h('p', { class: 'hint not-evaluated', 'data-control-failure': '' }));
    note.textContent = `The preview could not follow this element: ${(e as Error).message}`;
  };
  const value = c.value.bind(c);
  const validate = c.validate.bind(c);
  const refresh = c.refresh;
  let visible = true;
  c.value = () => {
    try {
      return value();
    } catch (e) {
      say(e);
      return undefined;
    }
  };
  c.validate = () => {
    try {
      return validate();
    } catch (e) {
      say(e);
      return null;
    }
  };
  c.refresh = () => {
    try {
      visible = refresh();
    } catch (e) {
      say(e);
    }
    return visible;
  };
  return c;
}

function failed(def: Def, type: string, ctx: ControlContext, reason: string): Control {
  const body = h('div', { class: 'placeholder not-evaluated', 'data-not-drawn': type || '(no type)', tabindex: '0' }, `${type || 'This element'} is not drawn: ${reason}`);
  const c = base(def, type, shell(def, type, ctx, textOf(def.name ?? ''), body), () => undefined, () => null);
  c.focusTarget = body;
  return c;
}

/** Every control in a tree, sections included (for validation). */
export function allControls(list: Control[]): Control[] {
  return list.flatMap((c) => [c, ...allControls(c.children ?? [])]);
}
