// Per-repository validation settings (the bicepconfig.json model): offerkit.config.json or
// offerkit.config.yaml, found in the folder being validated or the nearest parent. Rules are named by
// their offerkit id or arm-ttk name; levels are error, warning, info or off.

import { existsSync } from 'node:fs';
import { readUserText } from '../fs/read-inside.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { isObject } from '../arm/template.js';
import { nearest } from '../util/nearest.js';
import { parseJsonSource } from '../util/json-source.js';
import type { Level } from './engine.js';
import type { Rule } from './rule.js';

export const CONFIG_NAMES = ['offerkit.config.json', 'offerkit.config.yaml', 'offerkit.config.yml'];
const LEVELS = ['error', 'warning', 'info', 'off'];
const KEYS = ['$schema', 'rules', 'target', 'providerCache', 'today', 'baseline'];

export interface ValidateConfig {
  file?: string;
  levels: Map<string, Level>;
  target?: 'marketplace' | 'service-catalog';
  /** Absolute path. */
  providerCache?: string;
  /** The folder the configured provider cache must stay inside (links included). */
  providerCacheRoot?: string;
  today?: string;
  /** The earlier version offers are compared with (a git revision, or a dist folder or app.zip relative to `dir`). */
  /** `at`: where the configuration names it, for findings about it. */
  baseline?: { spec: string; dir: string; at?: Pick<Diagnostic, 'file' | 'pointer' | 'line' | 'column'> };
  diagnostics: Diagnostic[];
}

export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !/\.(json|ya?ml|zip)$/i.test(dir)) {
    // a folder
  } else {
    dir = dirname(dir);
  }
  for (;;) {
    for (const n of CONFIG_NAMES) if (existsSync(join(dir, n))) return join(dir, n);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadConfig(path: string | undefined, rules: readonly Rule[]): Promise<ValidateConfig> {
  const config: ValidateConfig = { levels: new Map(), diagnostics: [] };
  if (!path) return config;
  const display = relative(process.cwd(), path) || path;
  config.file = display;
  const read = await readUserText(path, { maxBytes: 1024 * 1024, what: 'Configuration', code: 'config' });
  if (read.text === undefined) {
    config.diagnostics.push(...read.diagnostics);
    return config;
  }
  const text = read.text;
  // The YAML reader is loaded only for YAML configurations.
  const source = /\.json$/i.test(path) ? parseJsonSource(text) : (await import('../util/yaml-source.js')).parseYamlSource(text);
  config.diagnostics.push(...source.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: display })));
  const value = source.value;
  if (value === undefined || value === null) return config;
  const at = (pointer: string, key = false) => {
    const p = source.locate(pointer, { key });
    return { file: display, pointer, ...(p ? { line: p.line, column: p.column } : {}) };
  };
  if (!isObject(value)) {
    config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: 'The configuration must be a mapping (rules, target, providerCache, today, baseline).', ...at('') });
    return config;
  }
  for (const k of Object.keys(value)) {
    if (!KEYS.includes(k)) config.diagnostics.push({ code: 'config-unknown-key', severity: 'warning', message: `Unknown configuration key "${k}".${nearest(k, KEYS) ? ` Did you mean "${nearest(k, KEYS)}"?` : ''}`, ...at(`/${k}`, true) });
  }
  const names = new Map<string, string>();
  for (const r of rules) {
    names.set(r.id, r.id);
    if (r.armTtk) names.set(r.armTtk.toLowerCase(), r.id);
  }
  if (value.rules !== undefined) {
    if (!isObject(value.rules)) config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: 'rules must map rule names to levels.', ...at('/rules') });
    else {
      for (const [name, raw] of Object.entries(value.rules)) {
        const level = isObject(raw) ? raw.level : raw;
        const id = names.get(name.toLowerCase());
        if (!id) {
          const s = nearest(name, [...rules.map((r) => r.id), ...rules.flatMap((r) => (r.armTtk ? [r.armTtk] : []))]);
          config.diagnostics.push({ code: 'config-unknown-rule', severity: 'warning', message: `No rule named "${name}".${s ? ` Did you mean "${s}"?` : ''}`, ...at(`/rules/${name}`, true) });
          continue;
        }
        if (typeof level !== 'string' || !LEVELS.includes(level)) {
          config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: `The level of ${name} must be one of ${LEVELS.join(', ')} (got ${JSON.stringify(level)}).`, ...at(`/rules/${name}`) });
          continue;
        }
        config.levels.set(id, level as Level);
      }
    }
  }
  if (value.target !== undefined) {
    if (value.target === 'marketplace' || value.target === 'service-catalog') config.target = value.target;
    else config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: 'target must be marketplace or service-catalog.', ...at('/target') });
  }
  if (typeof value.providerCache === 'string') {
    // A path the configuration names stays inside the configuration's folder (a pull request's config may not
    // point offerkit at /proc/self/environ or a secret beside the repository).
    const named = resolve(dirname(path), value.providerCache);
    const rel = relative(dirname(path), named);
    if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: 'providerCache must name a file inside the folder of the configuration.', ...at('/providerCache') });
    else {
      config.providerCache = named;
      config.providerCacheRoot = dirname(path);
    }
  }
  if (typeof value.today === 'string') config.today = value.today;
  if (value.baseline !== undefined) {
    if (typeof value.baseline === 'string' && value.baseline.trim() && !value.baseline.startsWith('-')) config.baseline = { spec: value.baseline.trim(), dir: dirname(path), at: at('/baseline') };
    else config.diagnostics.push({ code: 'config-invalid', severity: 'error', message: 'baseline must be a git revision (e.g. origin/main, v1.2.0) or the path of a built dist/ folder or app.zip.', ...at('/baseline') });
  }
  return config;
}
