// The cost estimate form: recomputes the estimate whenever an input changes, with the same function that
// produced the figures in the page, and redraws the table.

import { estimateMonthlyCost, type CostDataset, type CostInputs, type CostPlan, type Frequency, type Pricing } from './cost.js';
import { clear, h } from './dom.js';

export interface OverviewData {
  plans: CostPlan[];
  defaultPlan?: string;
  datasets: CostDataset[];
  defaults?: CostInputs;
  pricing?: Pricing;
}

export function startEstimateForm(form: HTMLFormElement, output: HTMLElement, data: OverviewData): void {
  if (!data.pricing || !data.defaults) return;
  const pricing = data.pricing;
  const defaults = data.defaults;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const numberOf = (name: string, fallback: number) => {
    const f = field(name);
    const n = f ? Number(f.value) : NaN;
    return Number.isFinite(n) ? n : fallback;
  };
  const planOf = () => data.plans.find((p) => p.id === field('plan')?.value) ?? data.plans[0];
  /** Counts are whole and not negative; the interval is at least 1. A wrong one is marked and the estimate waits. */
  const invalid = (): boolean => {
    let bad = false;
    for (const name of ['users', 'itemsPerUserPerDay', 'tenantObjects', 'interval', 'retentionDays']) {
      const f = field(name) as HTMLInputElement | null;
      if (!f) continue;
      const n = Number(f.value);
      const min = name === 'interval' ? 1 : 0;
      const problem = f.value.trim() === '' || !Number.isInteger(n) || n < min ? `Enter a whole number of at least ${min}.` : '';
      let error = document.getElementById(`${f.name}-error`);
      if (!error) {
        error = h('span', { class: 'error', id: `${f.name}-error`, role: 'alert' });
        f.setAttribute('aria-describedby', error.id);
        f.insertAdjacentElement('afterend', error);
      }
      error.textContent = problem;
      if (problem) f.setAttribute('aria-invalid', 'true');
      else f.removeAttribute('aria-invalid');
      if (problem) bad = true;
    }
    return bad;
  };
  const render = () => {
    if (invalid()) return;
    const inputs: CostInputs = {
      users: numberOf('users', defaults.users),
      itemsPerUserPerDay: numberOf('itemsPerUserPerDay', defaults.itemsPerUserPerDay),
      tenantObjects: numberOf('tenantObjects', defaults.tenantObjects),
      frequency: (field('frequency')?.value as Frequency | undefined) ?? defaults.frequency,
      interval: numberOf('interval', defaults.interval),
      retentionDays: numberOf('retentionDays', defaults.retentionDays),
    };
    const e = estimateMonthlyCost(planOf(), data.datasets, pricing, inputs);
    const table = h('table', { class: 'estimate', id: 'estimate' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Line'), h('th', {}, 'How it is counted'), h('th', { class: 'num' }, 'Per month'))),
      h('tbody', {}, ...e.lines.map((l) => h('tr', { 'data-line': l.key }, h('td', {}, l.label), h('td', { class: 'detail' }, l.detail), h('td', { class: 'num', 'data-amount': l.amount.toFixed(2) }, `${l.amount.toFixed(2)} ${l.currency}`))),
        ...e.notEstimated.map((n) => h('tr', { 'data-not-estimated': n.type }, h('td', {}, h('code', {}, n.type)), h('td', { class: 'detail' }, `${n.count} in the package, billed by Azure at its own prices`), h('td', { class: 'num' }, 'not estimated'))),
        ...e.notKnown.map((n) => h('tr', { 'data-not-known': '' }, h('td', {}, n), h('td', { class: 'detail' }, 'what it creates is not known, nor what that bills'), h('td', { class: 'num' }, 'not estimated')))),
      h('tfoot', {}, ...Object.entries(e.totals).map(([cur, amount]) => h('tr', { class: 'total' }, h('th', { colspan: 2 }, `Estimated total (${cur})${e.notEstimated.length || e.notKnown.length ? ', without what is not estimated' : ''}`), h('td', { class: 'num', 'data-total': cur }, `${amount.toFixed(2)} ${cur}`)))));
    clear(output);
    output.appendChild(table);
  };
  field('plan')?.addEventListener('change', () => {
    const retention = field('retentionDays');
    if (retention) retention.value = String(planOf().retentionDays);
    render();
  });
  form.addEventListener('input', render);
  form.addEventListener('change', render);
  form.addEventListener('submit', (ev) => ev.preventDefault());
}
