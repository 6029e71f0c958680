// From an offer folder to its rendered plans: load the offer, check the plans asked for exist, render each.
// No validation here (that is validate/validate-offer.ts), so the validator can render offers without a loop.

import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadOffer } from '../offer/load-offer.js';
import type { Offer } from '../offer/model.js';
import type { TemplateSet } from '../template-set/template-set.js';
import { didYouMean } from '../util/nearest.js';
import { renderPlan, type RenderedPlan } from './render-plan.js';

export interface RenderedOffer {
  offerDir: string;
  offerId?: string;
  offer?: Offer;
  templateSet?: TemplateSet;
  rendered: RenderedPlan[];
  diagnostics: Diagnostic[];
}

export interface RenderOptions {
  /** Where the packages will be written (names them in messages); `dist` by default. */
  outDir?: string;
}

/** Loads and renders the offer's plans (all, or those named). */
export async function renderOffer(dir: string, planIds: readonly string[] = [], options: RenderOptions = {}): Promise<RenderedOffer> {
  const loaded = await loadOffer(dir);
  const result: RenderedOffer = { offerDir: dir, rendered: [], diagnostics: [...loaded.diagnostics] };
  const { offer, templateSet } = loaded;
  if (!offer || !templateSet) return result;
  result.offer = offer;
  result.offerId = offer.id;
  result.templateSet = templateSet;

  const known = offer.plans.map((p) => p.id);
  for (const id of planIds) {
    if (!known.includes(id)) {
      result.diagnostics.push({
        code: 'build-unknown-plan',
        severity: 'error',
        message: `Offer ${offer.id} has no plan "${id}".${didYouMean(id, known)}`,
        file: offer.file,
        pointer: '/plans',
        ...offer.source.locate('/plans', { key: true }),
        hint: `Plans of this offer: ${known.join(', ')}.`,
      });
    }
  }
  if (hasErrors(result.diagnostics)) return result;
  const plans = planIds.length ? offer.plans.filter((p) => planIds.includes(p.id)) : offer.plans;
  // A template mistake fails every plan the same way: reported once, not once per plan.
  const seen = new Set<string>();
  for (const plan of plans) {
    const r = await renderPlan(offer, templateSet, plan, options.outDir);
    for (const d of r.diagnostics) {
      const key = JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.message]);
      if (!seen.has(key)) result.diagnostics.push(d);
      seen.add(key);
    }
    result.rendered.push(r);
  }
  return result;
}
