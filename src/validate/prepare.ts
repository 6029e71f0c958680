// The validator's settings for a run: flags, the repository's configuration file (rule levels, provider cache,
// today's date, the target, the baseline offers are compared with) and defaults.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError, type Diagnostic } from '../diagnostics.js';
import { preloadValidators } from '../util/compiled-schema.js';
import { findConfig, loadConfig } from './config.js';
import type { EngineOptions } from './engine.js';
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
  baseline?: { spec: string; dir: string; at?: Pick<Diagnostic, 'file' | 'pointer' | 'line' | 'column'> };
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
  const cacheRoot = options.providerCache ? undefined : config.providerCacheRoot;
  let providerCache;
  if (cachePath) {
    try {
      providerCache = await loadProviderCache(cachePath, cacheRoot);
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

