// An offer's plans compared with a baseline, plan by plan; and, when the repository's configuration names a
// baseline, the same comparison attached to the rendered plans so the version rule, the customer README
// and the preview can use it.

import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Offer } from '../offer/model.js';
import type { RenderedOffer } from '../render/render-offer.js';
import { gitBaseline, packageBaseline, type Baseline } from './baseline.js';
import { comparePlan, type PlanChanges } from './compare.js';
import { factsFromOffer, type PlanFacts } from './facts.js';
import { changesReadmeSection } from './format-changes.js';

export interface OfferChanges {
  offer: string;
  baseline: string;
  plans: PlanChanges[];
  diagnostics: Diagnostic[];
}

/** A baseline given as text: an existing path (dist folder, app.zip) wins over a git revision of the same name. */
export async function localBaseline(spec: string, offerDir: string, offer: Offer, planIds: readonly string[], base = process.cwd()): Promise<Baseline> {
  const path = isAbsolute(spec) ? spec : resolve(base, spec);
  if (existsSync(path)) return packageBaseline(path, offer, planIds);
  return gitBaseline(offerDir, spec);
}

export function compareWithBaseline(offer: Offer, current: Map<string, PlanFacts>, baseline: Baseline, planIds: readonly string[]): OfferChanges {
  const plans: PlanChanges[] = [];
  for (const [id, after] of current) {
    const before = baseline.plans.get(id);
    // A lone app.zip is one plan: the others are not part of the question.
    if (!before && baseline.kind === 'zip') continue;
    if (!before && !baseline.complete) {
      plans.push({ plan: id, status: 'compared', changes: [], notCompared: [`everything (${baseline.name} holds no package of plan ${id})`], reapproval: false, verdict: 'unknown', verdictText: `Not compared: ${baseline.name} holds no package of plan ${id}.`, ...(after.version ? { after: after.version } : {}) });
      continue;
    }
    plans.push(comparePlan(id, before, after, baseline.name));
  }
  for (const [id, before] of baseline.plans) {
    if (!current.has(id) && !offer.plans.some((p) => p.id === id) && (!planIds.length || planIds.includes(id))) plans.push(comparePlan(id, before, undefined, baseline.name));
  }
  return { offer: offer.id, baseline: baseline.name, plans, diagnostics: baseline.diagnostics };
}

/** Verdicts the version rule reports. */
export const VERSION_ERRORS = new Set(['lowered', 'not-raised', 'minor-needed']);

/**
 * With a baseline from the configuration: compares the rendered plans with it, attaches each plan's changes
 * and adds "What changes in this version" to its README. Returns the baseline's own findings.
 */
export async function attachChanges(rendered: RenderedOffer, spec: string, base: string): Promise<Diagnostic[]> {
  const offer = rendered.offer;
  if (!offer || !rendered.rendered.length) return [];
  if (/^(service-catalog|marketplace)(:|$)/.test(spec)) {
    return [{ code: 'config-invalid', severity: 'error', message: `baseline: ${spec} needs Azure; the configuration's baseline must be a git revision or a path (use offerkit changes --since ${spec} for what is published).` }];
  }
  let baseline: Baseline;
  try {
    baseline = await localBaseline(spec, offer.dir, offer, rendered.rendered.map((r) => r.plan.id), base);
  } catch (e) {
    const d = (e as { diagnostics?: Diagnostic[] }).diagnostics;
    if (d) return d.map((x) => ({ ...x, message: `The configured baseline: ${x.message}` }));
    throw e;
  }
  const current = new Map<string, PlanFacts>();
  // Local baselines (git, dist, app.zip) hold the package content itself: no zip needs building to compare.
  for (const r of rendered.rendered) current.set(r.plan.id, factsFromOffer(offer, r.plan, r.files, r.definition));
  const changes = compareWithBaseline(offer, current, baseline, []);
  for (const r of rendered.rendered) {
    const c = changes.plans.find((p) => p.plan === r.plan.id);
    if (!c) continue;
    r.changes = c;
    if (r.readme !== undefined) {
      const section = changesReadmeSection(c, baseline.name);
      // The section goes after the opening lines (title, summary, publisher and version), before "What gets deployed".
      const at = r.readme.indexOf('\n## ');
      r.readme = at < 0 ? `${r.readme}\n${section}` : `${r.readme.slice(0, at + 1)}${section}\n${r.readme.slice(at + 1)}`;
      r.files.set('README.md', Buffer.from(r.readme, 'utf8'));
    }
  }
  return changes.diagnostics;
}
