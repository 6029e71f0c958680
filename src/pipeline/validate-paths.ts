// `offerkit validate`: classifies each path (offer folder, package folder, app.zip, single JSON file),
// reads it, and runs the rule catalogue with the repository's configuration. An offer goes through the
// pipeline's stages (render, compare, README, validate); a package is read as it is.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { keepOncePerFile, usageError, type Diagnostic } from '../diagnostics.js';
import { renderOffer } from '../render/render-offer.js';
import { validatePackage } from '../validate/engine.js';
import { packageFromFile, packageFromFolder, packageFromZip, type PackageInput } from '../validate/package-input.js';
import { prepareValidation, type ValidateOptions } from '../validate/prepare.js';
import { compareStage, packageInputs, readmeStage } from './offer-pipeline.js';

export type { ValidateOptions };

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Every file that was checked, as diagnostics name them (for per-file pass/fail counts). */
  files: string[];
  inputs: { label: string; kind: PackageInput['kind'] }[];
  /** Per path given: what it was and what was found in it (for summaries). */
  groups: { path: string; kind: PathKind; name: string; diagnostics: Diagnostic[] }[];
}

export type PathKind = 'offer' | 'folder' | 'zip' | 'file';

export async function classifyPath(path: string): Promise<PathKind> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw usageError(`${path} does not exist.`);
  if (st.isDirectory()) return existsSync(join(path, 'offer.yaml')) ? 'offer' : 'folder';
  if (/\.zip$/i.test(path)) return 'zip';
  if (!st.isFile()) throw usageError(`${path} is not a file or folder.`);
  return 'file';
}

export async function validatePaths(paths: string[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const kinds = await Promise.all(paths.map(async (p) => [p, await classifyPath(p)] as const));
  const prepared = await prepareValidation({ ...options, configStart: options.configStart ?? paths[0] ?? process.cwd() });
  const result: ValidationResult = { diagnostics: [...prepared.diagnostics], files: [], inputs: [], groups: [] };
  for (const [path, kind] of kinds) {
    const inputs: PackageInput[] = [];
    const before = result.diagnostics.length;
    let name = path;
    if (kind === 'offer') {
      const r = await renderOffer(path, []);
      if (r.offerId) name = r.offerId;
      result.diagnostics.push(...r.diagnostics);
      const offerFile = relative(process.cwd(), join(resolve(path), 'offer.yaml'));
      result.files.push(offerFile);
      const compared = await compareStage(r, prepared);
      result.diagnostics.push(...compared.diagnostics);
      inputs.push(...packageInputs(readmeStage(r, compared)));
    } else if (kind === 'folder') {
      inputs.push(await packageFromFolder(path));
    } else if (kind === 'zip') {
      inputs.push(await packageFromZip(path));
    } else {
      inputs.push(await packageFromFile(path));
    }
    const found: Diagnostic[] = [];
    for (const input of inputs) {
      result.inputs.push({ label: input.label, kind: input.kind });
      result.files.push(...(input.files.length ? input.files.map((f) => f.display) : [input.label]));
      found.push(...validatePackage(input, prepared.engine));
    }
    // An offer's plans share offer.yaml: a finding there is reported once, not once per plan.
    result.diagnostics.push(...(kind === 'offer' && inputs[0]?.offer ? keepOncePerFile(found, inputs[0].offer.file) : found));
    result.groups.push({ path, kind, name, diagnostics: result.diagnostics.slice(before) });
  }
  return result;
}
