// The Azure facts the apiVersions rules need: for each resource type, the API versions ARM knows.
// Read from a cache file, either arm-ttk's shape ({ "Ns/type": [{ apiVersions: [...] }] }) or ARM's
// `GET /providers` response ({ value: [{ namespace, resourceTypes: [{ resourceType, apiVersions }] }] }).
// The rules never guess: without a cache they report that they did not check.

import { displayPath, FileRoot, readUserText } from '../fs/read-inside.js';
import { parseJsonSource } from '../util/json-source.js';
import { isObject } from '../arm/template.js';

export interface ProviderCache {
  source: string;
  /** lower-case full resource type → API versions (any order). */
  types: Map<string, string[]>;
}

export function providerCacheFrom(value: unknown, source: string): ProviderCache {
  const types = new Map<string, string[]>();
  const add = (type: string, versions: unknown) => {
    if (!Array.isArray(versions)) return;
    const list = types.get(type.toLowerCase()) ?? [];
    for (const v of versions) if (typeof v === 'string' && !list.includes(v)) list.push(v);
    types.set(type.toLowerCase(), list);
  };
  if (isObject(value) && Array.isArray(value.value)) {
    for (const p of value.value) {
      if (!isObject(p) || typeof p.namespace !== 'string' || !Array.isArray(p.resourceTypes)) continue;
      for (const rt of p.resourceTypes) if (isObject(rt) && typeof rt.resourceType === 'string') add(`${p.namespace}/${rt.resourceType}`, rt.apiVersions);
    }
  } else if (isObject(value)) {
    for (const [type, entries] of Object.entries(value)) {
      for (const e of Array.isArray(entries) ? entries : [entries]) if (isObject(e)) add(type, e.apiVersions);
    }
  } else {
    throw new Error('not a provider cache: expected an object');
  }
  return { source, types };
}

/** Reads a provider cache; `root` (a configured cache) confines it, links included, to that folder. */
export async function loadProviderCache(path: string, root?: string): Promise<ProviderCache> {
  const o = { maxBytes: 64 * 1024 * 1024, what: 'Provider cache' };
  const read = root ? await (await FileRoot.open(root, `the folder of the configuration`)).readText(path, o) : await readUserText(path, o);
  if (read.text === undefined) throw new Error(read.diagnostics.map((d) => d.message).join(' '));
  const parsed = parseJsonSource(read.text);
  const problem = parsed.diagnostics.find((d) => d.severity === 'error');
  // Where, never what: the file may not be the user's (its content is not quoted back).
  if (parsed.value === undefined || problem) throw new Error(`provider cache ${displayPath(path)} is not JSON${problem?.line ? ` (line ${problem.line}, column ${problem.column ?? 1})` : ''}.`);
  return providerCacheFrom(parsed.value, path);
}

export interface ApiVersionVerdict {
  ok: boolean;
  /** Why not (for messages). */
  reason?: string;
  /** The version arm-ttk would suggest. */
  latestStable?: string;
}

const DATE = /(\d{4})-(\d{2})-(\d{2})/;
export const MAX_API_AGE_DAYS = 730;

const dateOf = (v: string): number | undefined => {
  const m = DATE.exec(v);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
};
/** A version with a suffix after the date (2019-01-01-preview, -beta, -privatepreview…). */
const isPreview = (v: string) => /^\d{4}-\d{2}-\d{2}-./.test(v);

/**
 * The API versions known for a type. `typeChain` is the resource's own type preceded by its parents'
 * (as declared); like arm-ttk, the longest chain prefix found in the cache wins, so a child type missing
 * from the cache is judged by its parent's versions.
 */
export function knownVersions(cache: ProviderCache, typeChain: string[]): string[] | undefined {
  for (let i = typeChain.length; i > 0; i--) {
    const joined = typeChain.slice(0, i).join('/').toLowerCase();
    const v = cache.types.get(joined);
    if (v?.length) return v;
    // A child declared with its full type (Microsoft.X/a/b under Microsoft.X/a) is also looked up as is.
    const own = typeChain[i - 1].toLowerCase();
    if (own.includes('.') && own.includes('/') && i > 1) {
      const o = cache.types.get(own);
      if (o?.length) return o;
    }
  }
  return undefined;
}

/**
 * arm-ttk's judgement of an apiVersion: a preview is wrong when a newer stable version exists or its
 * same-date stable version exists; a version more than 730 days older than today is wrong when newer
 * versions exist, unless it is the newest stable version. `undefined` when the type is not in the cache
 * or the version is not one the cache lists (nothing to compare with).
 */
export function judgeApiVersion(cache: ProviderCache, typeChain: string | string[], apiVersion: string, today: Date): ApiVersionVerdict | undefined {
  const known = knownVersions(cache, Array.isArray(typeChain) ? typeChain : [typeChain]);
  if (!known) return undefined;
  const used = dateOf(apiVersion);
  if (used === undefined) return { ok: false, reason: 'is not a date-based API version' };
  const sorted = [...known].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const idx = sorted.findIndex((v) => v.toLowerCase() === apiVersion.toLowerCase());
  const latestStable = sorted.find((v) => !isPreview(v));
  if (idx < 0) return undefined;
  if (isPreview(apiVersion)) {
    const newerStable = sorted.slice(0, idx).find((v) => !isPreview(v));
    if (newerStable) return { ok: false, reason: `is a preview version and the stable version ${newerStable} is newer`, latestStable: newerStable };
    const truncated = apiVersion.slice(0, apiVersion.lastIndexOf('-'));
    if (idx === 0 && sorted[1] === truncated) return { ok: false, reason: `is a preview version and the stable ${truncated} of the same date exists`, latestStable: truncated };
  }
  const ageDays = (today.getTime() - used) / 86400000;
  if (ageDays > MAX_API_AGE_DAYS && idx > 0 && apiVersion !== latestStable) {
    const first = sorted[0];
    const sameDatePreviewFirst = idx === 1 && first.slice(0, first.lastIndexOf('-')) === apiVersion;
    if (!sameDatePreviewFirst) return { ok: false, reason: `is ${Math.floor(ageDays)} days old (more than ${MAX_API_AGE_DAYS}) and newer versions exist`, ...(latestStable ? { latestStable } : {}) };
  }
  return { ok: true };
}

/** A full type as the chain arm-ttk would have joined: `Ns/a/b` → [`Ns/a`, `b`]. */
export function chainOfFullType(type: string): string[] {
  const [ns, first, ...rest] = type.split('/');
  return first === undefined ? [type] : [`${ns}/${first}`, ...rest];
}
