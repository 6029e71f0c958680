// An offer rendered and put through the rule catalogue, plan by plan: what build, preview and publish
// start from. The validator's settings come from the offer's repository configuration and the flags.

import { hasErrors, keepOncePerFile } from '../diagnostics.js';
import { renderOffer, type RenderedOffer, type RenderOptions } from '../render/render-offer.js';
import { attachChanges } from '../changes/offer-changes.js';
import { validatePackage } from './engine.js';
import { packageFromRendered } from './package-input.js';
import { prepareValidation, type ValidateOptions } from './validate-paths.js';

export type { RenderedOffer };

export interface RenderAndValidateOptions extends RenderOptions {
  /** Run the rule catalogue on every rendered plan (default true). */
  validate?: boolean;
  /** Flags for the validator (config file, provider cache, target…). */
  validation?: ValidateOptions;
}

/** Renders the offer's plans (all, or those named) and validates each unless told not to. */
export async function renderAndValidateOffer(dir: string, planIds: readonly string[] = [], options: RenderAndValidateOptions = {}): Promise<RenderedOffer> {
  const result = await renderOffer(dir, planIds, options);
  if (!result.offer || options.validate === false || hasErrors(result.diagnostics)) return result;
  const prepared = await prepareValidation({ configStart: result.offer.dir, ...options.validation });
  result.diagnostics.push(...prepared.diagnostics);
  if (prepared.baseline) result.diagnostics.push(...(await attachChanges(result, prepared.baseline.spec, prepared.baseline.dir)));
  for (const r of result.rendered) {
    result.diagnostics.push(...validatePackage(packageFromRendered(r), prepared.engine));
  }
  // Findings about offer.yaml itself come from every plan's run of a rule: each is kept once.
  result.diagnostics = keepOncePerFile(result.diagnostics, result.offer.file);
  return result;
}
