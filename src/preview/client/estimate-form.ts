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
  const planOf = () => data.plans.find((p) => p.id === field('plan')?.value) ?? data.plans[0]!;
  const render = () => {
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
      h('tbody', {}, ...e.lines.map((l) => h('tr', { 'data-line': l.key }, h('td', {}, l.label), h('td', { class: 'detail' }, l.detail), h('td', { class: 'num', 'data-amount': l.amount.toFixed(2) }, `${l.amount.toFixed(2)} ${l.currency}`)))),
      h('tfoot', {}, ...Object.entries(e.totals).map(([cur, amount]) => h('tr', { class: 'total' }, h('th', { colspan: 2 }, `Estimated total (${cur})`), h('td', { class: 'num', 'data-total': cur }, `${amount.toFixed(2)} ${cur}`)))));
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
