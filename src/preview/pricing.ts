// The price list behind the cost estimate: offerkit's dated default (pricing.json beside this module's
// source), with a publisher's pricing.json in the offer folder laid over it key by key. A malformed
// override is a diagnostic and the default stays in force.

import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { FileRoot } from '../fs/read-inside.js';
import { packagePath } from '../paths.js';
import type { Pricing } from './client/cost.js';

export interface LoadedPricing {
  pricing: Pricing;
  /** Where the figures came from, for the page. */
  source: string;
  diagnostics: Diagnostic[];
}

let defaults: Pricing | undefined;

export function defaultPricing(): Pricing {
  defaults ??= JSON.parse(readFileSync(packagePath('src', 'preview', 'pricing.json'), 'utf8')) as Pricing;
  return structuredClone(defaults);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` laid on `base` key by key. Keys are data: `__proto__` or `constructor` are plain keys, never prototypes. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(base)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(over)) Object.defineProperty(out, k, { value: Object.hasOwn(base, k) ? merge(base[k], v) : v, enumerable: true, writable: true, configurable: true });
  return out;
}

const MAX_PRICING_FILE = 256 * 1024;

/** Problems with a price list, as JSON pointers and what is wrong. */
export function checkPricing(p: Pricing): string[] {
  const problems: string[] = [];
  const nonNegative = (v: unknown, at: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${at} must be a number ≥ 0`);
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(p.asOf))) problems.push('/asOf must be a date yyyy-mm-dd');
  if (!/^[A-Z]{3}$/.test(String(p.currency))) problems.push('/currency must be a three-letter currency code');
  nonNegative(p.graphDataConnect?.unitPrice, '/graphDataConnect/unitPrice');
  nonNegative(p.graphDataConnect?.objectsPerUnit, '/graphDataConnect/objectsPerUnit');
  if (!Array.isArray(p.graphDataConnect?.freeDatasets)) problems.push('/graphDataConnect/freeDatasets must be a list of dataset names');
  for (const [name, v] of Object.entries(p.graphDataConnect?.perDataset ?? {})) {
    if (v.unitPrice !== undefined) nonNegative(v.unitPrice, `/graphDataConnect/perDataset/${name}/unitPrice`);
    if (v.objectsPerUnit !== undefined) nonNegative(v.objectsPerUnit, `/graphDataConnect/perDataset/${name}/objectsPerUnit`);
  }
  for (const engine of ['dataFactory', 'synapse'] as const) {
    for (const k of ['activityRunsPrice', 'activityRunsPerUnit', 'dataMovementPerDiuHour', 'diusPerCopy', 'hoursPerCopy'] as const) nonNegative(p[engine]?.[k], `/${engine}/${k}`);
  }
  for (const [sku, v] of Object.entries(p.storage?.perGbMonth ?? {})) nonNegative(v, `/storage/perGbMonth/${sku}`);
  nonNegative(p.storage?.bytesPerColumnValue, '/storage/bytesPerColumnValue');
  if ((p.graphDataConnect?.objectsPerUnit ?? 1) === 0 || (p.dataFactory?.activityRunsPerUnit ?? 1) === 0 || (p.synapse?.activityRunsPerUnit ?? 1) === 0) problems.push('units (objectsPerUnit, activityRunsPerUnit) must not be 0');
  return problems;
}

/** The price list for an offer: its pricing.json (read through the offer folder's root) over the defaults. */
export async function loadPricing(offer: FileRoot | string): Promise<LoadedPricing> {
  const root = typeof offer === 'string' ? await FileRoot.open(offer, `the offer folder`) : offer;
  const read = await root.readText('pricing.json', { maxBytes: MAX_PRICING_FILE, what: 'pricing.json', code: 'pricing' });
  if (read.text === undefined) {
    if (read.missing) return { pricing: defaultPricing(), source: 'offerkit', diagnostics: [] };
    return { pricing: defaultPricing(), source: 'offerkit', diagnostics: read.diagnostics.map((d) => ({ ...d, message: `${d.message} The default prices are used.` })) };
  }
  const text = read.text;
  const shown = root.displayOf(read.path);
  let override: unknown;
  try {
    override = JSON.parse(text);
  } catch (e) {
    return { pricing: defaultPricing(), source: 'offerkit', diagnostics: [{ code: 'pricing-invalid', severity: 'error', message: `pricing.json is not JSON: ${(e as Error).message}. The default prices are used.`, file: shown }] };
  }
  const merged = merge(defaultPricing(), override) as Pricing;
  const problems = checkPricing(merged);
  if (problems.length) {
    return { pricing: defaultPricing(), source: 'offerkit', diagnostics: problems.map((p) => ({ code: 'pricing-invalid', severity: 'error' as const, message: `pricing.json: ${p}. The default prices are used.`, file: shown, pointer: p.split(' ')[0] })) };
  }
  return { pricing: merged, source: shown, diagnostics: [] };
}
