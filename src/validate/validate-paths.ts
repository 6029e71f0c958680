// `offerkit validate`: classifies each path (offer folder, package folder, app.zip, single JSON file),
// reads it, and runs the rule catalogue with the repository's configuration.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { hasErrors, keepOncePerFile, usageError, type Diagnostic } from '../diagnostics.js';
import { attachChanges } from '../changes/offer-changes.js';
import { renderOffer } from '../render/render-offer.js';
import { preloadValidators } from '../util/compiled-schema.js';
import { findConfig, loadConfig } from './config.js';
import { validatePackage, type EngineOptions } from './engine.js';
import { packageFromFile, packageFromFolder, packageFromRendered, packageFromZip, type PackageInput } from './package-input.js';
import { loadProviderCache } from './provider-cache.js';
import { RULES } from './rules/index.js';
import { SCHEMA_NAMES } from './rules/schema-rules.js';

export interface ValidateOptions {
  configFile?: string;
  providerCache?: string;
  today?: string;
  target?: 'marketplace' | 'service-catalog';
  /** Where to look for offerkit.config.* when no configFile is given. */
  configStart?: string;
}

export interface PreparedOptions {
  engine: EngineOptions;
  diagnostics: Diagnostic[];
  configFile?: string;
  /** The configured baseline offers are compared with. */
  baseline?: { spec: string; dir: string };
}

/** Engine options from flags, the configuration file and defaults; usage errors throw. */
export async function prepareValidation(options: ValidateOptions): Promise<PreparedOptions> {
  await preloadValidators(SCHEMA_NAMES);
  const configPath = options.configFile ? resolve(options.configFile) : findConfig(options.configStart ?? process.cwd());
  if (options.configFile && !existsSync(configPath!)) throw usageError(`Configuration file ${options.configFile} does not exist.`);
  const config = await loadConfig(configPath, RULES);
  if (config.diagnostics.some((d) => d.severity === 'error')) {
    const { UserError } = await import('../diagnostics.js');
    throw new UserError(config.diagnostics, 2);
  }
  const cachePath = options.providerCache ? resolve(options.providerCache) : config.providerCache;
  let providerCache;
  if (cachePath) {
    try {
      providerCache = await loadProviderCache(cachePath);
    } catch (e) {
      throw usageError((e as Error).message, 'Pass --provider-cache <file> (the shape of ARM GET /providers, or arm-ttk\'s cache), or run `offerkit cache update`.');
    }
  }
  const todayText = options.today ?? config.today;
  let today: Date | undefined;
  if (todayText) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(todayText) || Number.isNaN(Date.parse(`${todayText}T00:00:00Z`))) throw usageError(`--today must be a date yyyy-mm-dd (got ${JSON.stringify(todayText)}).`);
    today = new Date(`${todayText}T00:00:00Z`);
  }
  const target = options.target ?? config.target;
  return {
    engine: { rules: RULES, levels: config.levels, ...(providerCache ? { providerCache } : {}), ...(today ? { today } : {}), ...(target ? { target } : {}) },
    diagnostics: config.diagnostics,
    ...(config.file ? { configFile: config.file } : {}),
    ...(config.baseline ? { baseline: config.baseline } : {}),
  };
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Every file that was checked, as diagnostics name them (for per-file pass/fail counts). */
  files: string[];
  inputs: Array<{ label: string; kind: PackageInput['kind'] }>;
  /** Per path given: what it was and what was found in it (for summaries). */
  groups: Array<{ path: string; kind: PathKind; name: string; diagnostics: Diagnostic[] }>;
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
      if (prepared.baseline && !hasErrors(r.diagnostics)) result.diagnostics.push(...(await attachChanges(r, prepared.baseline.spec, prepared.baseline.dir)));
      for (const plan of r.rendered) inputs.push(packageFromRendered(plan));
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
