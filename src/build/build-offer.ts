// From an offer folder to its packages: load the offer, render the chosen plans, run the validator on each
// rendered package, and — only when no plan has an error — write dist/<offer>/<plan>/{app.zip,
// definition.json, README.md}, each plan folder replaced at once so a reader never sees a mix.

import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadOffer } from '../offer/load-offer.js';
import type { Offer } from '../offer/model.js';
import { writeDeterministicZip } from '../package/zip-write.js';
import { renderPlan, type RenderedPlan } from '../render/render-plan.js';
import { replaceDirectory } from '../util/atomic-write.js';
import { didYouMean } from '../util/nearest.js';
import { stableJson } from '../util/stable-json.js';
import type { ValidateOptions } from '../validate/validate-paths.js';

export interface RenderOfferOptions {
  /** Run the rule catalogue on every rendered plan (default true). */
  validate?: boolean;
  /** Flags for the validator (config file, provider cache, target…). */
  validation?: ValidateOptions;
}

export interface RenderedOffer {
  offerDir: string;
  offerId?: string;
  offer?: Offer;
  rendered: RenderedPlan[];
  diagnostics: Diagnostic[];
}

/** Loads and renders the offer's plans (all, or those named), validating each unless told not to. */
export async function renderOffer(dir: string, planIds: readonly string[] = [], options: RenderOfferOptions = {}): Promise<RenderedOffer> {
  const loaded = await loadOffer(dir);
  const result: RenderedOffer = { offerDir: dir, rendered: [], diagnostics: [...loaded.diagnostics] };
  const { offer, templateSet } = loaded;
  if (!offer || !templateSet) return result;
  result.offer = offer;
  result.offerId = offer.id;

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

  for (const plan of plans) {
    const r = await renderPlan(offer, templateSet, plan);
    result.diagnostics.push(...r.diagnostics);
    result.rendered.push(r);
  }
  if (options.validate === false || hasErrors(result.diagnostics)) return result;

  const { prepareValidation } = await import('../validate/validate-paths.js');
  const { validatePackage } = await import('../validate/engine.js');
  const { packageFromRendered } = await import('../validate/package-input.js');
  const prepared = await prepareValidation({ configStart: offer.dir, ...options.validation });
  result.diagnostics.push(...prepared.diagnostics);
  for (const r of result.rendered) {
    for (const { armTtkError: _ignored, ...d } of validatePackage(packageFromRendered(r), prepared.engine)) result.diagnostics.push(d);
  }
  return result;
}

export interface BuiltPlan {
  plan: string;
  version: string;
  /** Absolute paths of what was (or, on a dry run, would be) written. */
  zip: string;
  definition: string;
  readme: string;
  size: number;
  sha256: string;
}

export interface OfferBuild {
  offerDir: string;
  offerId?: string;
  /** False on a dry run or when nothing was written because of errors. */
  written: boolean;
  plans: BuiltPlan[];
  diagnostics: Diagnostic[];
}

export interface PackagedPlan {
  rendered: RenderedPlan;
  zip: Buffer;
  sha256: string;
}

/** The deterministic app.zip of a rendered plan and its sha256. */
export async function packagePlan(rendered: RenderedPlan): Promise<PackagedPlan> {
  const zip = await writeDeterministicZip(rendered.files);
  return { rendered, zip, sha256: createHash('sha256').update(zip).digest('hex') };
}

export async function buildOffer(dir: string, options: { outDir: string; plans?: readonly string[]; dryRun?: boolean; validation?: ValidateOptions }): Promise<OfferBuild> {
  const r = await renderOffer(dir, options.plans ?? [], { ...(options.validation ? { validation: options.validation } : {}) });
  const build: OfferBuild = { offerDir: dir, ...(r.offerId ? { offerId: r.offerId } : {}), written: false, plans: [], diagnostics: r.diagnostics };
  if (!r.offerId || hasErrors(r.diagnostics)) return build;

  const writes: Array<{ target: string; files: Map<string, string | Uint8Array> }> = [];
  for (const rendered of r.rendered) {
    const { zip, sha256 } = await packagePlan(rendered);
    const target = resolve(options.outDir, r.offerId, rendered.plan.id);
    const files = new Map<string, string | Uint8Array>([
      ['app.zip', zip],
      ['definition.json', stableJson(rendered.definition)],
      ['README.md', rendered.readme ?? ''],
    ]);
    writes.push({ target, files });
    build.plans.push({
      plan: rendered.plan.id,
      version: rendered.plan.version,
      zip: join(target, 'app.zip'),
      definition: join(target, 'definition.json'),
      readme: join(target, 'README.md'),
      size: zip.length,
      sha256,
    });
  }
  if (options.dryRun) return build;
  // Every plan rendered and validated cleanly: only now does anything reach the output folder.
  for (const w of writes) await replaceDirectory(w.target, w.files);
  build.written = true;
  return build;
}
