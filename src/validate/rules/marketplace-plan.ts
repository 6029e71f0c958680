// What Partner Center would refuse in a plan, found before any request: the plan id, name, summary and
// description, its markets, and a price Partner Center can take (USD, at most two decimals, a meter for
// per-user prices). Runs only for `--target marketplace`.

import { PARTNER_CENTER_MARKETS } from '../../offer/marketplace-markets.js';
import { defineRule, type ReportFile } from '../rule.js';
import { LIMITS } from '../marketplace-limits.js';

export default defineRule({
  id: 'marketplace-plan',
  description: 'With --target marketplace: each plan has an id, name, summary, description, markets and price Partner Center accepts for an Azure Application plan.',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const offer = ctx.offer;
    const plan = ctx.plan;
    if (ctx.target !== 'marketplace' || !offer || !plan) return;
    const file: ReportFile = { display: offer.file, json: { locate: (p, o) => offer.source.locate(p, o) } };
    const base = `/plans/${plan.index}`;
    const report = (pointer: string, message: string, hint?: string) => ctx.report({ file, pointer, message, key: true, ...(hint ? { hint } : {}) });
    const mp = offer.marketplace.plans.get(plan.id)!;
    if (!/^[a-z0-9][a-z0-9_-]{0,49}$/.test(plan.id)) report(`${base}/id`, `Plan id "${plan.id}" is not one Partner Center accepts (lower-case letters, digits, dashes and underscores, at most 50).`);
    if (plan.displayName.length > LIMITS.planName) report(`${base}/displayName`, `The plan name is ${plan.displayName.length} characters; Partner Center accepts at most ${LIMITS.planName}.`);
    if (!mp.summary) report(`${base}/description`, `Plan ${plan.id} has no summary of at most ${LIMITS.planSummary} characters: its description is longer, and its first sentence too.`, `Add marketplace.plans.${plan.id}.summary.`);
    else if (mp.summary.length > LIMITS.planSummary) report(`/marketplace/plans/${plan.id}/summary`, `The plan summary is ${mp.summary.length} characters; Partner Center accepts at most ${LIMITS.planSummary}.`);
    if (plan.description.length > LIMITS.planDescription) report(`${base}/description`, `The plan description is ${plan.description.length} characters; Partner Center accepts at most ${LIMITS.planDescription}.`);
    const price = plan.price;
    if (price.model !== 'free' && price.currency !== 'USD') report(`${base}/price/currency`, `Partner Center prices Azure Application plans in USD (it converts them for each market); ${price.currency} cannot be sent.`, 'Give the price in USD.');
    if (price.model === 'flat' && price.amount <= 0) report(`${base}/price/amount`, 'A flat price must be above 0; a plan that costs nothing is model: free.');
    if (price.model === 'perUser' && price.amount <= 0) report(`${base}/price/amount`, 'A per-user price must be above 0.');
    if (Math.round(price.amount * 100) !== price.amount * 100) report(`${base}/price/amount`, `Partner Center takes prices with at most two decimals (got ${price.amount}).`);
    if (price.model === 'perUser' && mp.meterId.length > LIMITS.meterId) report(`/marketplace/plans/${plan.id}/meterId`, `The meter id is longer than ${LIMITS.meterId} characters.`);
    if (!mp.markets.length) report(`/marketplace/plans/${plan.id}/markets`, `Plan ${plan.id} is sold in no market.`);
    const unknown = mp.markets.filter((m) => !PARTNER_CENTER_MARKETS.includes(m));
    if (unknown.length) {
      const own = Object.hasOwn((offer.source.value as { marketplace?: { plans?: Record<string, { markets?: unknown }> } }).marketplace?.plans?.[plan.id] ?? {}, 'markets');
      report(own ? `/marketplace/plans/${plan.id}/markets` : '/marketplace/markets', `Partner Center does not sell Azure Applications in ${unknown.join(', ')} (plan ${plan.id}).`, 'Use the ISO codes of the markets Partner Center lists (the README links them).');
    }
  },
});
