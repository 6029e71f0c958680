// The install wizard: Basics (subscription, resource group, region, application name and the basics controls),
// then each step of the createUiDefinition, then "Review + create". Moving on validates the visible controls of
// the step, as the portal does; the review evaluates the outputs and shows which mainTemplate parameter each
// one feeds — the mapping offerkit validate checks — and which parameters would be left without a value.

import { allControls, createControl, type Control, type ControlContext, type Def } from './controls.js';
import { clear, h } from './dom.js';
import { evaluateDeep, type ExpressionScope } from './expressions.js';

export interface InstallData {
  offerName: string;
  plan: { id: string; displayName: string; createUiDefinition: unknown; templateParameters: Record<string, { type: string; hasDefault: boolean }> };
  regions: string[];
}

interface Step {
  name: string;
  label: string;
  defs: Def[];
  controls?: Control[];
  panel?: HTMLElement;
  valid: boolean;
}

const obj = (v: unknown): Def => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Def) : {});
/** Output names the managed-application platform consumes itself, not mainTemplate parameters. */
const PLATFORM_OUTPUTS: Record<string, string> = {
  jitaccesspolicy: 'managed application setting: just-in-time access',
  managedidentity: 'managed application setting: managed identity',
  applicationresourcename: 'managed application setting: application name',
  managedresourcegroupid: 'managed application setting: managed resource group',
};
const MASK = '••••••••';
const FALLBACK_REGIONS = ['eastus', 'westus2', 'westeurope', 'northeurope', 'uksouth', 'southeastasia'];

export function startWizard(root: HTMLElement, data: InstallData): void {
  const ui = obj(obj(data.plan.createUiDefinition).parameters);
  const config = obj(ui.config);
  const basicsConfig = obj(config.basics);
  const allowed = Array.isArray(obj(basicsConfig.location).allowedValues) ? (obj(basicsConfig.location).allowedValues as unknown[]).map(String) : data.regions;
  const regions = allowed.length ? allowed : FALLBACK_REGIONS;

  const fixed = {
    subscription: h('select', { id: 'basics-subscription', name: 'subscription' }, h('option', { value: 'preview' }, 'Contoso subscription (preview)')),
    resourceGroup: h('input', { id: 'basics-resource-group', name: 'resourceGroup', type: 'text', value: `rg-${data.plan.id}` }),
    region: h('select', { id: 'basics-region', name: 'region' }, ...regions.map((r) => h('option', { value: r }, r))),
    appName: h('input', { id: 'basics-app-name', name: 'applicationName', type: 'text', value: '' }),
  };
  const steps: Step[] = [
    { name: 'basics', label: 'Basics', defs: Array.isArray(ui.basics) ? (ui.basics as Def[]) : [], valid: false },
    ...(Array.isArray(ui.steps) ? (ui.steps as Def[]) : []).map((s) => ({ name: String(s.name ?? ''), label: String(s.label ?? s.name ?? 'Step'), defs: Array.isArray(s.elements) ? (s.elements as Def[]) : [], valid: false })),
  ];

  const values = (list: Control[] | undefined) => Object.fromEntries((list ?? []).filter((c) => c.value() !== undefined).map((c) => [c.name, c.value()]));
  const scope: ExpressionScope = {
    basics: (name) => values(steps[0]!.controls)[name],
    steps: (name) => values(steps.find((s) => s.name === name)?.controls),
    location: () => fixed.region.value,
    resourceGroup: () => ({ name: fixed.resourceGroup.value, location: fixed.region.value, id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${fixed.resourceGroup.value}` }),
    subscription: () => ({ displayName: 'Contoso subscription (preview)', subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: '00000000-0000-0000-0000-000000000000' }),
  };
  const ctx: ControlContext = { scope, changed: () => current?.controls?.forEach((c) => c.refresh()) };

  const tabs = h('ol', { class: 'tabs', role: 'tablist' });
  const body = h('div', { class: 'step-body' });
  const back = h('button', { type: 'button', id: 'wizard-previous' }, 'Previous');
  const next = h('button', { type: 'button', id: 'wizard-next', class: 'primary' }, 'Next');
  const message = h('p', { class: 'step-message', role: 'status', id: 'wizard-message' });
  root.append(tabs, body, message, h('div', { class: 'buttons' }, back, next));

  let current: Step | undefined;
  let index = 0;
  const tabButtons: HTMLButtonElement[] = [];
  const labels = [...steps.map((s) => s.label), 'Review + create'];
  labels.forEach((label, i) => {
    const b = h('button', { type: 'button', role: 'tab', 'data-step': i < steps.length ? steps[i]!.name : 'review' }, label);
    b.addEventListener('click', () => go(i));
    tabButtons.push(b);
    tabs.appendChild(h('li', {}, b));
  });

  const build = (s: Step, i: number) => {
    s.controls = s.defs.map((d) => createControl(d, ctx));
    const intro = i === 0
      ? [
          h('h3', {}, 'Project details'),
          h('div', { class: 'control' }, h('label', { for: 'basics-subscription' }, 'Subscription'), fixed.subscription),
          h('div', { class: 'control' }, h('label', { for: 'basics-resource-group' }, 'Resource group'), fixed.resourceGroup),
          h('h3', {}, 'Instance details'),
          h('div', { class: 'control' }, h('label', { for: 'basics-region' }, String(obj(basicsConfig.location).label ?? 'Region')), fixed.region),
          h('div', { class: 'control', 'data-control': 'applicationName' }, h('label', { for: 'basics-app-name' }, 'Application name', h('span', { class: 'req' }, ' *')), fixed.appName, h('div', { class: 'error', hidden: true, id: 'basics-app-name-error' })),
          basicsConfig.description ? h('p', { class: 'note' }, String(basicsConfig.description)) : null,
        ]
      : [];
    s.panel = h('section', { class: 'step', 'data-step-panel': s.name }, h('h2', {}, s.label), ...intro.filter((x) => x !== null), ...s.controls.map((c) => c.el));
  };
  for (const input of Object.values(fixed)) input.addEventListener('input', () => ctx.changed());

  /** Validates the visible controls of a step; shows messages; true when every one passes. */
  const validate = (s: Step): boolean => {
    if (!s.controls) return false;
    let ok = true;
    for (const c of allControls(s.controls)) {
      const hidden = c.el.hidden || Boolean(c.el.parentElement?.closest('[hidden]'));
      const problem = hidden ? null : c.validate();
      c.showError(problem);
      if (problem) ok = false;
    }
    if (s.name === 'basics') {
      const err = document.getElementById('basics-app-name-error')!;
      const bad = !/^[a-z0-9][-\w.]{2,63}$/i.test(fixed.appName.value);
      err.textContent = bad ? 'Enter an application name of 3 to 64 letters, digits, -, _ or .' : '';
      err.hidden = !bad;
      if (bad) ok = false;
    }
    s.valid = ok;
    return ok;
  };

  const go = (target: number) => {
    if (target > index) {
      // Moving forward: every step up to the target must pass.
      for (let i = index; i < Math.min(target, steps.length); i++) {
        if (!steps[i]!.controls) build(steps[i]!, i);
        if (!validate(steps[i]!)) {
          show(i);
          message.textContent = `Fix the fields marked in "${steps[i]!.label}" to continue.`;
          return;
        }
      }
    }
    show(target);
  };

  const show = (i: number) => {
    index = i;
    message.textContent = '';
    clear(body);
    tabButtons.forEach((b, k) => b.setAttribute('aria-selected', String(k === i)));
    back.disabled = i === 0;
    next.textContent = i === steps.length - 1 ? 'Review + create' : 'Next';
    next.hidden = i === steps.length;
    if (i === steps.length) {
      current = undefined;
      body.appendChild(review());
      return;
    }
    const s = steps[i]!;
    if (!s.controls) build(s, i);
    current = s;
    s.controls!.forEach((c) => c.refresh());
    body.appendChild(s.panel!);
  };

  const review = (): HTMLElement => {
    const outputsDef = ui.outputs ?? {};
    let outputs: Record<string, unknown> = {};
    let problem = '';
    try {
      outputs = obj(evaluateDeep(outputsDef, scope));
    } catch (e) {
      problem = `The outputs could not be evaluated: ${(e as Error).message}`;
    }
    const secrets = new Set(steps.flatMap((s) => allControls(s.controls ?? [])).filter((c) => c.secret && typeof c.value() === 'string' && c.value()).map((c) => c.value() as string));
    const mask = (v: unknown): unknown => (typeof v === 'string' && secrets.has(v) ? MASK : Array.isArray(v) ? v.map(mask) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)])) : v);
    const shown = mask(outputs) as Record<string, unknown>;
    const params = data.plan.templateParameters;
    const rows = Object.entries(shown).map(([k, v]) => {
      const param = Object.keys(params).find((p) => p.toLowerCase() === k.toLowerCase());
      const platform = Object.hasOwn(PLATFORM_OUTPUTS, k.toLowerCase()) ? PLATFORM_OUTPUTS[k.toLowerCase()] : undefined;
      const feeds = param ? `parameter ${param} (${params[param]!.type})` : platform ?? 'no parameter of this name in mainTemplate.json';
      return h('tr', { 'data-output': k, 'data-parameter': param ?? '', class: param || platform ? '' : 'unmatched' }, h('td', {}, h('code', {}, k)), h('td', {}, h('code', {}, JSON.stringify(v))), h('td', {}, feeds));
    });
    const missing = Object.entries(params).filter(([p, d]) => !d.hasDefault && !Object.keys(outputs).some((k) => k.toLowerCase() === p.toLowerCase())).map(([p]) => p);
    return h('section', { class: 'review', id: 'review' },
      h('h2', {}, 'Review + create'),
      h('p', {}, `The portal would deploy ${data.offerName} (${data.plan.displayName}) as "${fixed.appName.value}" in resource group ${fixed.resourceGroup.value}, region ${fixed.region.value}, passing these values to mainTemplate.json:`),
      problem ? h('p', { class: 'error' }, problem) : null,
      h('table', { class: 'outputs' }, h('thead', {}, h('tr', {}, h('th', {}, 'Output'), h('th', {}, 'Value'), h('th', {}, 'Feeds'))), h('tbody', {}, ...rows)),
      missing.length ? h('p', { class: 'error', id: 'missing-parameters' }, `Parameters without a default that no output provides (the deployment would fail): ${missing.join(', ')}`) : h('p', { class: 'ok' }, 'Every mainTemplate parameter without a default receives a value.'),
      h('details', { open: true }, h('summary', {}, 'Outputs object'), h('pre', { id: 'outputs-json' }, JSON.stringify(shown, null, 2))),
      h('p', { class: 'note' }, 'This is a preview: "Create" is not available and nothing is deployed.'));
  };

  back.addEventListener('click', () => go(Math.max(0, index - 1)));
  next.addEventListener('click', () => go(index + 1));
  show(0);
}
