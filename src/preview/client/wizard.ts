// The install wizard: Basics (subscription, resource group, region, application name and the basics controls),
// then each step of the createUiDefinition, then "Review + create". Moving on validates the visible controls of
// the step, as the portal does, and puts the focus on the first field to fix. The review tells the truth: the
// values chosen per step, the plan and its price, the terms and the data approval, each output and the
// mainTemplate parameter it feeds, every parameter left without a value (an error), and the values as an ARM
// deployment parameters file to download.

import { allControls, createControl, type Control, type ControlContext, type Def } from './controls.js';
import { clear, h } from './dom.js';
import { evaluateDeep, NotEvaluated, type ExpressionScope } from './expressions.js';
import { deploymentParameters, FALLBACK_REGIONS, MASK, PLATFORM_OUTPUTS, SAMPLE_SUBSCRIPTION, sampleResourceGroup } from './parameters-file.js';
import { textOf } from '../../util/text-of.js';
import type { NextStep, NextSteps } from '../../package-model/next-steps.js';

/** What the customer will do after "Create", with the values each step needs. */
function nextStepsSection(steps: NextSteps): HTMLElement {
  const list = (items: NextStep[]) =>
    h('ol', {}, ...items.map((s) => h('li', { 'data-next-step': s.id }, h('strong', {}, `${s.title}.`), ` ${s.text}`,
      s.values.length ? h('ul', {}, ...s.values.map((v) => h('li', {}, `${v.label}: ${v.value}`, v.output ? h('span', { class: 'note' }, ' (its name is the deployment output ', h('code', {}, v.output), ')') : null))) : null)));
  return h('section', { class: 'next-steps', id: 'review-next-steps' },
    h('h3', {}, 'After you create'), list(steps.afterInstall),
    h('h3', {}, 'Stopping and uninstalling'), list(steps.stopping));
}

export interface InstallData {
  offerName: string;
  plan: { id: string; displayName: string; createUiDefinition: unknown; templateParameters: Record<string, { type: string; hasDefault: boolean }>; priceText?: string; meteringText?: string };
  regions: string[];
  /** What the customer accepts by creating (offers only). */
  agreement?: { termsHref: string; dataApproval?: string; dataHref?: string };
  /** What the customer does after creating (offers only), from the plan's next-steps model. */
  nextSteps?: NextSteps;
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
const shown = (v: unknown): string => (v instanceof NotEvaluated ? v.toString() : v === undefined ? '(no value)' : typeof v === 'string' ? v : JSON.stringify(v));

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
    appName: h('input', { id: 'basics-app-name', name: 'applicationName', type: 'text', value: '', 'aria-describedby': 'basics-app-name-error', 'aria-required': 'true' }),
  };
  const steps: Step[] = [
    { name: 'basics', label: 'Basics', defs: Array.isArray(ui.basics) ? (ui.basics as Def[]) : [], valid: false },
    ...(Array.isArray(ui.steps) ? (ui.steps as Def[]) : []).map((s, i) => ({ name: textOf(s.name ?? `step${i + 1}`), label: textOf(s.label ?? s.name ?? 'Step'), defs: Array.isArray(s.elements) ? (s.elements as Def[]) : [], valid: false })),
  ];

  const values = (list: Control[] | undefined) => Object.fromEntries((list ?? []).filter((c) => c.value() !== undefined).map((c) => [c.name, c.value()]));
  const scope: ExpressionScope = {
    basics: (name) => values(steps[0].controls)[name],
    steps: (name) => values(steps.find((s) => s.name === name)?.controls),
    location: () => fixed.region.value,
    resourceGroup: () => sampleResourceGroup(fixed.resourceGroup.value, fixed.region.value),
    subscription: () => SAMPLE_SUBSCRIPTION,
  };
  let current: Step | undefined;
  const ctx: ControlContext = { scope, changed: () => current?.controls?.forEach((c) => c.refresh()) };

  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Installation steps' });
  const body = h('div', { class: 'step-body', role: 'tabpanel', id: 'wizard-panel', tabindex: '-1' });
  const back = h('button', { type: 'button', id: 'wizard-previous' }, 'Previous');
  const next = h('button', { type: 'button', id: 'wizard-next', class: 'primary' }, 'Next');
  const message = h('p', { class: 'step-message', role: 'status', id: 'wizard-message' });
  root.append(tabs, body, message, h('div', { class: 'buttons' }, back, next));

  let index = 0;
  const tabButtons: HTMLButtonElement[] = [];
  const labels = [...steps.map((s) => s.label), 'Review + create'];
  labels.forEach((label, i) => {
    const b = h('button', { type: 'button', role: 'tab', id: `wizard-tab-${i}`, 'aria-controls': 'wizard-panel', 'data-step': i < steps.length ? steps[i].name : 'review' }, label);
    b.addEventListener('click', () => go(i));
    b.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -1;
      if (to >= 0 && to < labels.length) tabButtons[to].focus();
    });
    tabButtons.push(b);
    tabs.appendChild(b);
  });

  const build = (s: Step, i: number) => {
    // Controls are added one by one, so a default may refer to a field above it on the same step.
    s.controls = [];
    // An empty element ({}: no name, no type) is a blank the validator reports; the portal draws nothing for it.
    for (const d of s.defs) if (d.type !== undefined || d.name !== undefined) s.controls.push(createControl(d, ctx));
    for (const c of s.controls) c.refresh();
    const intro = i === 0
      ? [
          h('h3', {}, 'Project details'),
          h('div', { class: 'control' }, h('label', { for: 'basics-subscription' }, 'Subscription'), fixed.subscription),
          h('div', { class: 'control' }, h('label', { for: 'basics-resource-group' }, 'Resource group'), fixed.resourceGroup),
          h('h3', {}, 'Instance details'),
          h('div', { class: 'control' }, h('label', { for: 'basics-region' }, textOf(obj(basicsConfig.location).label ?? 'Region')), fixed.region),
          h('div', { class: 'control', 'data-control': 'applicationName' }, h('label', { for: 'basics-app-name' }, 'Application name', h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')), fixed.appName, h('div', { class: 'error', hidden: true, id: 'basics-app-name-error', role: 'alert' })),
          basicsConfig.description ? h('p', { class: 'note' }, textOf(basicsConfig.description)) : null,
        ]
      : [];
    s.panel = h('section', { class: 'step', 'data-step-panel': s.name }, h('h2', {}, s.label), ...intro.filter((x) => x !== null), ...s.controls.map((c) => c.el));
  };
  for (const input of Object.values(fixed)) input.addEventListener('input', () => ctx.changed());

  /** Validates the visible controls of a step; shows messages; returns the first field to fix, or null. */
  const validate = (s: Step): HTMLElement | null => {
    if (!s.controls) return null;
    let first: HTMLElement | null = null;
    for (const c of allControls(s.controls)) {
      const hidden = c.el.hidden || Boolean(c.el.parentElement?.closest('[hidden]'));
      const problem = hidden ? null : c.validate();
      c.showError(problem);
      if (problem && !first) first = c.focusTarget ?? c.el;
    }
    if (s.name === 'basics') {
      const err = document.getElementById('basics-app-name-error')!;
      const bad = !/^[a-z0-9][-\w.]{2,63}$/i.test(fixed.appName.value);
      err.textContent = bad ? 'Enter an application name of 3 to 64 letters, digits, -, _ or .' : '';
      err.hidden = !bad;
      if (bad) fixed.appName.setAttribute('aria-invalid', 'true');
      else fixed.appName.removeAttribute('aria-invalid');
      if (bad) first = fixed.appName;
    }
    s.valid = !first;
    return first;
  };

  const go = (target: number) => {
    if (target > index) {
      // Moving forward: every step up to the target must pass.
      for (let i = index; i < Math.min(target, steps.length); i++) {
        if (!steps[i].controls) build(steps[i], i);
        const bad = validate(steps[i]);
        if (bad) {
          show(i, false);
          message.textContent = `Fix the fields marked in "${steps[i].label}" to continue.`;
          bad.focus();
          return;
        }
      }
    }
    show(target);
  };

  const show = (i: number, reset = true) => {
    index = i;
    if (reset) message.textContent = '';
    clear(body);
    tabButtons.forEach((b, k) => {
      b.setAttribute('aria-selected', String(k === i));
      b.tabIndex = k === i ? 0 : -1;
    });
    body.setAttribute('aria-labelledby', `wizard-tab-${i}`);
    back.disabled = i === 0;
    next.textContent = i === steps.length - 1 ? 'Review + create' : 'Next';
    next.hidden = i === steps.length;
    if (i === steps.length) {
      current = undefined;
      body.appendChild(review());
      return;
    }
    const s = steps[i];
    if (!s.controls) build(s, i);
    current = s;
    s.controls!.forEach((c) => c.refresh());
    body.appendChild(s.panel!);
  };

  const review = (): HTMLElement => {
    try {
      return reviewSection();
    } catch (e) {
      // Never a blank page: what failed is said where the review would be.
      return h('section', { class: 'review', id: 'review' }, h('h2', {}, 'Review + create'), h('p', { class: 'error', role: 'alert' }, `The preview could not draw the review: ${(e as Error).message}`));
    }
  };

  const reviewSection = (): HTMLElement => {
    // Each output on its own: one the preview cannot compute is "not evaluated", the others still show.
    const outputs = Object.create(null) as Record<string, unknown>;
    for (const [k, expr] of Object.entries(obj(ui.outputs))) {
      try {
        outputs[k] = evaluateDeep(expr, scope);
      } catch (e) {
        outputs[k] = new NotEvaluated(typeof expr === 'string' ? expr : JSON.stringify(expr), (e as Error).message);
      }
    }
    // Secrets never show: the string values of secret controls (a password, or the password part of credentials),
    // and whatever an output passes to a secure parameter of mainTemplate, whichever control gave it.
    const secretStrings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (/password/i.test(k) && typeof x === 'string' ? [x] : [])) : []);
    const leaves = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(leaves) : v && typeof v === 'object' && !(v instanceof NotEvaluated) ? Object.values(v).flatMap(leaves) : []);
    const secureOutputs = Object.entries(outputs).filter(([k]) => {
      const p = Object.entries(data.plan.templateParameters).find(([name]) => name.toLowerCase() === k.toLowerCase());
      return p !== undefined && /^secure(string|object)$/i.test(p[1].type);
    });
    const secrets = new Set([...steps.flatMap((s) => allControls(s.controls ?? [])).filter((c) => c.secret).flatMap((c) => secretStrings(c.value())), ...secureOutputs.flatMap(([, v]) => leaves(v))].filter(Boolean));
    const secureNames = new Set(secureOutputs.map(([k]) => k));
    const mask = (v: unknown): unknown => (typeof v === 'string' && secrets.has(v) ? MASK : Array.isArray(v) ? v.map(mask) : v && typeof v === 'object' && !(v instanceof NotEvaluated) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)])) : v);
    const file = deploymentParameters(outputs, data.plan.templateParameters);
    const params = data.plan.templateParameters;
    const rows = Object.entries(outputs).map(([k, v]) => {
      const param = Object.keys(params).find((p) => p.toLowerCase() === k.toLowerCase());
      const platform = Object.hasOwn(PLATFORM_OUTPUTS, k.toLowerCase()) ? PLATFORM_OUTPUTS[k.toLowerCase()] : undefined;
      const feeds = param ? `parameter ${param} (${params[param].type})` : platform ?? 'no parameter of this name in mainTemplate.json';
      return h('tr', { 'data-output': k, 'data-parameter': param ?? '', class: `${param || platform ? '' : 'unmatched'}${v instanceof NotEvaluated ? ' not-evaluated' : ''}` }, h('td', {}, h('code', {}, k)), h('td', {}, h('code', {}, secureNames.has(k) && !(v instanceof NotEvaluated) && v !== undefined ? MASK : shown(mask(v)))), h('td', {}, feeds));
    });
    const stepTables = steps.map((s) => h('section', { class: 'review-step', 'data-review-step': s.name }, h('h3', {}, s.label),
      h('dl', { class: 'values' }, ...(s.name === 'basics' ? [h('dt', {}, 'Resource group'), h('dd', {}, fixed.resourceGroup.value), h('dt', {}, 'Region'), h('dd', {}, fixed.region.value), h('dt', {}, 'Application name'), h('dd', {}, fixed.appName.value)] : []),
        ...allControls(s.controls ?? []).filter((c) => c.value() !== undefined && !c.children && !c.el.hidden).flatMap((c) => [h('dt', {}, c.el.querySelector('label')?.textContent?.replace(/\s*\*$/, '') || c.name), h('dd', {}, shown(mask(c.value())))]))));
    const download = h('button', { type: 'button', id: 'download-parameters' }, 'Download parameters file');
    download.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(mask(file.document), null, 2)}\n`], { type: 'application/json' }));
      const a = h('a', { href: url, download: `${data.plan.id}.parameters.json` });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    const agreement = data.agreement;
    return h('section', { class: 'review', id: 'review' },
      h('h2', {}, 'Review + create'),
      h('p', {}, `The portal would deploy ${data.offerName} (${data.plan.displayName}) as "${fixed.appName.value}" in resource group ${fixed.resourceGroup.value}, region ${fixed.region.value}.`),
      h('section', { class: 'review-terms', id: 'review-terms' }, h('h3', {}, 'Plan, price and terms'),
        h('p', {}, `Plan: ${data.plan.displayName}. Price: ${data.plan.priceText ?? 'not stated (a package without an offer has no price)'}.`, data.plan.meteringText ? ` ${data.plan.meteringText}` : ''),
        agreement ? h('p', {}, 'By creating, you accept the publisher\'s ', h('a', { href: agreement.termsHref }, 'terms of service'), ' and the Azure Marketplace terms.') : h('p', { class: 'note' }, 'No terms: this preview is of a package, not an offer.'),
        agreement?.dataApproval ? h('p', { class: 'approval', id: 'review-data-approval' }, agreement.dataApproval, agreement.dataHref ? h('span', {}, ' ', h('a', { href: agreement.dataHref }, 'See the data requested.')) : null) : null),
      h('h3', {}, 'Values chosen'), ...stepTables,
      h('h3', {}, 'Outputs and the parameters they feed'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'outputs' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Output'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Feeds'))), h('tbody', {}, ...rows))),
      file.missing.length
        ? h('div', { class: 'error', id: 'missing-parameters', role: 'alert' }, h('p', {}, `${file.missing.length} mainTemplate parameter${file.missing.length === 1 ? '' : 's'} without a default would receive no value, and the deployment would fail:`), h('ul', {}, ...file.missing.map((m) => h('li', { 'data-missing-parameter': m.name }, h('code', {}, m.name), ` — ${m.why}`))))
        : h('p', { class: 'ok', id: 'parameters-complete' }, 'Every mainTemplate parameter without a default receives a value.'),
      h('p', {}, download, ' ', h('span', { class: 'note' }, 'an ARM deployment parameters file with these values (passwords masked).')),
      h('details', {}, h('summary', {}, 'Parameters file'), h('pre', { id: 'parameters-json' }, JSON.stringify(mask(file.document), null, 2))),
      data.nextSteps ? nextStepsSection(data.nextSteps) : null,
      h('p', { class: 'note' }, 'This is a preview: "Create" is not available and nothing is deployed.'));
  };

  back.addEventListener('click', () => go(Math.max(0, index - 1)));
  next.addEventListener('click', () => go(index + 1));
  show(0);
}
