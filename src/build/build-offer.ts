// From an offer folder to its packages: render and validate the chosen plans, and — only when no plan has
// an error — write <out>/<offer>/<plan>/{app.zip, definition.json, README.md} through the output-folder
// module: each plan folder replaced at once, nothing written over files offerkit did not write, and the
// output never inside the offer or its template set (nor they inside it).

import { join, relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { assertOutsideInputs, checkOutputFolder, writeOutputFolder, type OutputFolder } from '../fs/output-folder.js';
import { packagePlan } from '../package/package-plan.js';
import { TEMPLATES_DIR } from '../template-set/template-set.js';
import { stableJson } from '../util/stable-json.js';
import { renderAndValidateOffer } from '../pipeline/offer-pipeline.js';
import type { ValidateOptions } from '../validate/prepare.js';

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

/** The files offerkit writes in a plan folder (and recognises there from builds made before manifests). */
export const PLAN_FILES = ['app.zip', 'definition.json', 'README.md'] as const;

export async function buildOffer(
  dir: string,
  options: { outDir: string; plans?: readonly string[]; dryRun?: boolean; force?: boolean; validation?: ValidateOptions },
): Promise<OfferBuild> {
  const shownOut = relative(process.cwd(), resolve(options.outDir)) || '.';
  const r = await renderAndValidateOffer(dir, options.plans ?? [], { outDir: shownOut, ...(options.validation ? { validation: options.validation } : {}) });
  const build: OfferBuild = { offerDir: dir, ...(r.offerId ? { offerId: r.offerId } : {}), written: false, plans: [], diagnostics: r.diagnostics };
  if (!r.offer || !r.offerId || hasErrors(r.diagnostics)) return build;

  const inputs = [{ dir: r.offer.dir, label: 'the offer folder' }];
  if (r.templateSet) inputs.push({ dir: r.templateSet.dir, label: 'the template set' });
  inputs.push({ dir: TEMPLATES_DIR, label: "offerkit's template sets" });
  await assertOutsideInputs(options.outDir, inputs);

  const writes: OutputFolder[] = [];
  for (const rendered of r.rendered) {
    const { zip, sha256 } = await packagePlan(rendered);
    const target = resolve(options.outDir, r.offerId, rendered.plan.id);
    writes.push({
      root: options.outDir,
      below: [r.offerId, rendered.plan.id],
      files: new Map<string, string | Uint8Array>([
        ['app.zip', zip],
        ['definition.json', stableJson(rendered.definition)],
        ['README.md', rendered.readme ?? ''],
      ]),
      legacyNames: PLAN_FILES,
      ...(options.force ? { force: true } : {}),
    });
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
  // Every folder is checked before any is written: a refusal for one plan leaves all of them as they were.
  const checked = [];
  for (const w of writes) checked.push(await checkOutputFolder(w));
  if (options.dryRun) return build;
  // Every plan rendered and validated cleanly: only now does anything reach the output folder.
  for (let i = 0; i < writes.length; i++) await writeOutputFolder(writes[i], checked[i]);
  build.written = true;
  return build;
}
