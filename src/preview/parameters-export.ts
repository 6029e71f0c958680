// The parameters file of `offerkit preview --parameters-out`: which plan (or the package), its form evaluated
// with every default, written whole through the output module; parameters that would get no value are
// warnings naming the parameter and why. A secure parameter's value is never written (the deployment asks for it).

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError, type Diagnostic } from '../diagnostics.js';
import { assertFileOutsideInputs } from '../fs/output-folder.js';
import { checkOutputFile, writeOutputFile, type Written } from '../fs/output-file.js';
import { TEMPLATES_DIR } from '../template-set/template-set.js';
import { stableJson } from '../util/stable-json.js';
import { defaultParameters } from './default-parameters.js';
import { renderPreviewSite } from './site.js';

export interface ParametersExport {
  /** The absolute path written, or the stream. */
  file: string;
  written: Written;
  plan: string;
  parameters: string[];
  missing: { name: string; why: string }[];
  /** Secure parameters the form gives a value that the file leaves out. */
  secure: string[];
  diagnostics: Diagnostic[];
  fatal: boolean;
}

export async function writeDefaultParameters(path: string, file: string, planId?: string): Promise<ParametersExport> {
  const site = await renderPreviewSite(path, planId ? { plan: planId } : {});
  let ui: unknown;
  let templateParameters: Record<string, { type: string; hasDefault: boolean }> = {};
  let regions: string[] = [];
  let plan = 'the package';
  if (site.package) {
    if (site.package.fatal) throw usageError(site.package.fatal);
    ui = site.package.createUiDefinition;
    templateParameters = site.package.templateParameters;
  } else {
    const model = site.model!;
    const chosen = model.plans.find((p) => p.id === (planId ?? model.defaultPlan));
    if (!chosen) throw usageError(planId ? `The offer has no plan "${planId}".` : 'The offer does not load; fix the findings of offerkit validate first.');
    if (chosen.createUiDefinition === undefined) throw usageError(`The createUiDefinition of plan ${chosen.id} could not be rendered; see offerkit validate.`);
    ui = chosen.createUiDefinition;
    templateParameters = chosen.templateParameters ?? {};
    regions = model.regions;
    plan = `plan ${chosen.id}`;
  }
  const r = defaultParameters(ui, templateParameters, regions, { secure: 'omit' });
  const target = resolve(file);
  const inputs = [{ dir: statSync(path).isDirectory() ? path : dirname(path), label: site.package ? 'the package folder' : 'the offer folder' }, { dir: TEMPLATES_DIR, label: "offerkit's template sets" }];
  if (site.model?.templateSetDir) inputs.push({ dir: site.model.templateSetDir, label: 'the template set' });
  await assertFileOutsideInputs(target, site.package && !statSync(path).isDirectory() ? inputs.slice(1) : inputs, '--parameters-out');
  // Refused before anything is written: a FIFO, a device, a link, or a file offerkit did not write.
  await checkOutputFile(file, { option: '--parameters-out', channel: 'json' });
  const written = await writeOutputFile(file, stableJson(r.document), { option: '--parameters-out', channel: 'json' });
  const diagnostics: Diagnostic[] = r.missing.map((m) => ({ code: 'preview-parameter-without-value', severity: 'warning', message: `Parameter ${m.name} gets no value from the form's defaults: ${m.why}. A customer must fill it in.`, file }));
  return { file: target, written, plan, parameters: Object.keys(r.document.parameters), missing: r.missing, secure: r.secure, diagnostics, fatal: site.fatal };
}
