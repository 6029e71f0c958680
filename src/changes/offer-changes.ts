// An offer's plans compared with a baseline, plan by plan; and, when the repository's configuration names a
// baseline, the same comparison attached to the rendered plans so the version rule, the customer README
// and the preview can use it.

import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Offer } from '../offer/model.js';
import type { RenderedOffer } from '../render/render-offer.js';
import { clipped } from '../format/terminal-safe.js';
import { gitBaseline, packageBaseline, type Baseline } from './baseline.js';
import { comparePlan, type OfferChanges, type PlanChanges } from './compare.js';
import { factsFromOffer, type PlanFacts } from './facts.js';
import { changesReadmeSection } from './format-changes.js';

export type { OfferChanges };

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

/** What the configured baseline says of each plan: its changes, and the README section that tells them. */
export interface ConfiguredChanges {
  plans: Map<string, { changes: PlanChanges; readmeSection: string }>;
  diagnostics: Diagnostic[];
}

/**
 * With a baseline from the configuration: compares the rendered plans with it. Returns each plan's changes and
 * the "What changes in this version" section for its README, and the baseline's own findings; the rendered
 * plans are left as they are (the pipeline puts the parts together).
 */
export async function changesSinceBaseline(rendered: RenderedOffer, spec: string, base: string, at: Pick<Diagnostic, 'file' | 'pointer' | 'line' | 'column'> = {}): Promise<ConfiguredChanges> {
  const offer = rendered.offer;
  const out: ConfiguredChanges = { plans: new Map(), diagnostics: [] };
  if (!offer || !rendered.rendered.length) return out;
  if (/^(service-catalog|marketplace)(:|$)/.test(spec)) {
    out.diagnostics.push({ code: 'config-invalid', severity: 'error', message: `baseline: ${clipped(spec)} needs Azure; the configuration's baseline must be a git revision or a path (use offerkit changes --since ${clipped(spec)} for what is published).` });
    return out;
  }
  // A path the configuration names is read only inside the configuration's own folder (links resolved): a
  // stranger's offerkit.config.yaml cannot make offerkit read a package elsewhere on the machine.
  const named = isAbsolute(spec) ? spec : resolve(base, spec);
  if (existsSync(named)) {
    const inside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
    if (!inside(realpathSync.native(named), realpathSync.native(base))) {
      out.diagnostics.push({ code: 'config-invalid', severity: 'error', message: `baseline: ${JSON.stringify(spec)} is outside the folder of the configuration; a configured baseline must be a git revision or a path inside that folder.`, ...at });
      return out;
    }
  }
  let baseline: Baseline;
  try {
    baseline = await localBaseline(spec, offer.dir, offer, rendered.rendered.map((r) => r.plan.id), base);
  } catch (e) {
    const d = (e as { diagnostics?: Diagnostic[] }).diagnostics;
    if (d) return { ...out, diagnostics: d.map((x) => ({ ...x, message: `The configured baseline: ${x.message}` })) };
    throw e;
  }
  const current = new Map<string, PlanFacts>();
  // Local baselines (git, dist, app.zip) hold the package content itself: no zip needs building to compare.
  for (const r of rendered.rendered) current.set(r.plan.id, factsFromOffer(offer, r.plan, r.files, r.definition));
  const changes = compareWithBaseline(offer, current, baseline, []);
  for (const c of changes.plans) out.plans.set(c.plan, { changes: c, readmeSection: changesReadmeSection(c, baseline.name) });
  out.diagnostics.push(...changes.diagnostics);
  return out;
}
