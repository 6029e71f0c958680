// The pipeline every command starts from: offer → render → compare → README → validate (packaging follows
// in the commands that write or send packages). Each stage returns its own result and leaves the others'
// alone: rendering gives the package files, the comparison with the configured baseline gives each plan's
// changes and their README section, the README stage writes the customer README once, with that section,
// into a new set of files, and validation gives findings.

import { hasErrors, keepOncePerFile, type Diagnostic } from '../diagnostics.js';
import type { PlanChanges } from '../changes/compare.js';
import { changesSinceBaseline, type ConfiguredChanges } from '../changes/offer-changes.js';
import { customerReadme } from '../render/customer-readme.js';
import { pointAtSources } from '../render/source-positions.js';
import { renderOffer, type RenderedOffer, type RenderOptions } from '../render/render-offer.js';
import type { RenderedPlan } from '../render/render-plan.js';
import { validatePackage } from '../validate/engine.js';
import { packageFromRendered, type PackageInput } from '../validate/package-input.js';
import { prepareValidation, type PreparedOptions, type ValidateOptions } from '../validate/prepare.js';

/** A plan through the pipeline: its rendered files with the customer README, and what it changes. */
export interface PipelinePlan extends RenderedPlan {
  /** The customer README (also `files.get('README.md')`). */
  readme?: string;
  /** What this plan changes since the configured baseline, when one is configured. */
  changes?: PlanChanges;
}

export interface PipelineResult extends Omit<RenderedOffer, 'rendered'> {
  rendered: PipelinePlan[];
}

export interface PipelineOptions extends RenderOptions {
  /** Run the rule catalogue on every plan (default true). Without it there is no configuration, so no comparison. */
  validate?: boolean;
  /** Flags for the validator (config file, provider cache, target…). */
  validation?: ValidateOptions;
}

/** Compare: each plan against the baseline the configuration names (nothing when it names none). */
export async function compareStage(rendered: RenderedOffer, prepared: PreparedOptions): Promise<ConfiguredChanges> {
  if (!prepared.baseline || !rendered.offer || hasErrors(rendered.diagnostics)) return { plans: new Map(), diagnostics: [] };
  return changesSinceBaseline(rendered, prepared.baseline.spec, prepared.baseline.dir, prepared.baseline.at);
}

/** README: new plan objects whose files hold the customer README, written once with the change section. */
export function readmeStage(rendered: RenderedOffer, compared?: ConfiguredChanges): PipelinePlan[] {
  return rendered.rendered.map((r): PipelinePlan => {
    const c = compared?.plans.get(r.plan.id);
    const main = r.parsed.get('mainTemplate.json')?.value;
    if (!rendered.templateSet || !main || typeof main !== 'object' || Array.isArray(main)) return { ...r, ...(c ? { changes: c.changes } : {}) };
    const json = new Map([...r.parsed].map(([name, source]) => [name, source.value]));
    const readme = customerReadme(r.offer, r.plan, main as Record<string, unknown>, rendered.templateSet, c?.readmeSection, json);
    const files = new Map(r.files);
    files.set('README.md', Buffer.from(readme, 'utf8'));
    return { ...r, files, readme, ...(c ? { changes: c.changes } : {}) };
  });
}

/**
 * What the validator reads of each plan: its package as rendered, with what it changes. A plan that did not
 * render has no package to check: its render findings are the whole story (a missing mainTemplate.json
 * would only repeat them).
 */
export function packageInputs(plans: readonly PipelinePlan[]): PackageInput[] {
  return plans.filter((p) => !hasErrors(p.diagnostics)).map((p) => packageFromRendered(p, p.changes));
}

/** Validate: the rule catalogue on each plan; a finding about offer.yaml itself is kept once. */
export function validateStage(plans: readonly PipelinePlan[], prepared: PreparedOptions, offerFile: string): Diagnostic[] {
  return keepOncePerFile(packageInputs(plans).flatMap((input) => validatePackage(input, prepared.engine)), offerFile);
}

/** Renders the offer's plans (all, or those named), compares them with the configured baseline, writes their READMEs and validates them. */
export async function runOfferPipeline(dir: string, planIds: readonly string[] = [], options: PipelineOptions = {}): Promise<PipelineResult> {
  const rendered = await renderOffer(dir, planIds, options);
  const diagnostics = [...rendered.diagnostics];
  if (!rendered.offer || options.validate === false || hasErrors(diagnostics)) return { ...rendered, rendered: readmeStage(rendered), diagnostics };
  const prepared = await prepareValidation({ configStart: rendered.offer.dir, ...options.validation });
  diagnostics.push(...prepared.diagnostics);
  const compared = await compareStage(rendered, prepared);
  diagnostics.push(...compared.diagnostics);
  const plans = readmeStage(rendered, compared);
  diagnostics.push(...validateStage(plans, prepared, rendered.offer.file));
  // Findings where the user edits them: an adopted package's template, not the built app.zip.
  const located = pointAtSources(diagnostics, plans, rendered.templateSet);
  return { ...rendered, rendered: plans, diagnostics: keepOncePerFile(located, rendered.offer.file) };
}

/** The name commands used before the pipeline had a home of its own. */
export const renderAndValidateOffer = runOfferPipeline;
export type { RenderedOffer, ValidateOptions };
