import { textOf } from '../../util/text-of.js';
import { dict } from '../../util/dict.js';
// Compares what offerkit wants in Partner Center with what Partner Center holds, the way the service stores
// it, so that a re-run against an unchanged offer finds nothing to write. Only what offerkit owns is compared:
// properties the service adds (ids such as a meter's uniqueID, price tiers) are left out; a market offerkit
// does not name counts as Disabled however the service lists it; sets compare without order; HTML compares
// after the rewriting a service does (tag case, <br />, entities, whitespace between tags).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One field that differs between what Partner Center holds and what the offer declares. */
export interface FieldChange {
  resource: string;
  field: string;
  from: Json | undefined;
  to: Json;
}

/** Fields whose items form a set: order is the service's business. */
const SET_FIELDS = new Set(['marketStates', 'marketCodes', 'allowedCustomerActions', 'allowedDataActions', 'publicAzureAuthorizations', 'policies', 'customMeters', 'audiences', 'values', 'tenantIds', 'packageReferences', 'priceSchedules']);
/** Fields that hold HTML the service may rewrite. */
const HTML_FIELDS = new Set(['description', 'termsOfUse']);

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** HTML as a comparison sees it: what a sanitiser's rewriting leaves the same. */
export function normalizeHtml(html: string): string {
  return html
    .replace(/<(\/?)([A-Za-z][A-Za-z0-9]*)/g, (_m, slash: string, tag: string) => `<${slash}${tag.toLowerCase()}`)
    .replace(/<(br|hr|img)([^>]*?)\s*\/?>/g, '<$1$2>')
    .replace(/&(quot|#34|#x22);/gi, '"')
    .replace(/&(apos|#39|#x27);/gi, "'")
    .replace(/&nbsp;|&#160;/gi, '\u00a0')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A market list as offerkit owns it: the markets that are Enabled, in code order. */
function enabledMarkets(v: Json | undefined): Json {
  if (!Array.isArray(v)) return [];
  return v
    .filter((m): m is Record<string, Json> => isObj(m) && m.state === 'Enabled')
    .map((m) => ({ marketCode: textOf(m.marketCode).toUpperCase(), state: 'Enabled' }))
    .sort((a, b) => (a.marketCode < b.marketCode ? -1 : a.marketCode > b.marketCode ? 1 : 0));
}

/**
 * `v` reduced to what `shape` (the desired value) has: keys the desired objects do not name are dropped,
 * sets sorted, HTML normalised. Applied to both sides, so each is seen the same way.
 */
function owned(field: string, v: Json | undefined, shape: Json | undefined): Json | undefined {
  if (v === undefined || v === null) return v;
  if (field === 'marketStates') return enabledMarkets(v);
  // Category ids are data, not a shape: every category counts, each with its subcategories as a set.
  if (field === 'leveledCategories' && isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, subs]) => [k, Array.isArray(subs) ? [...subs].map(String).sort() : subs]));
  if (typeof v === 'string' && HTML_FIELDS.has(field)) return normalizeHtml(v);
  if (Array.isArray(v)) {
    const itemShape = Array.isArray(shape) ? mergedShape(shape) : undefined;
    const items = v.map((x) => owned(field, x, itemShape) as Json);
    return SET_FIELDS.has(field) ? [...items].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0)) : items;
  }
  if (isObj(v)) {
    if (!isObj(shape)) return v;
    const out: Record<string, Json> = {};
    for (const k of Object.keys(shape)) if (v[k] !== undefined) out[k] = owned(k, v[k], shape[k]) as Json;
    return out;
  }
  return v;
}

/** One object shape for the items of a desired list (the union of their keys). */
function mergedShape(items: Json[]): Json | undefined {
  const objects = items.filter(isObj);
  if (!objects.length) return items[0];
  // Keys are Partner Center's: a prototype-free map, so `constructor` is not already "in" it.
  const out = dict<Json>();
  for (const o of objects) for (const [k, v] of Object.entries(o)) if (!(k in out) || (Array.isArray(v) && v.length)) out[k] = v;
  return out;
}

/** What an absent field means in Partner Center (an empty list, an empty text). */
function emptyLike(v: Json): Json {
  if (Array.isArray(v)) return [];
  if (typeof v === 'string') return '';
  if (typeof v === 'boolean') return false;
  if (isObj(v)) return {};
  return null;
}

/** The fields of `desired` whose value differs in `current`, each side as the service stores it (missing counts as empty). */
export function diffFields(resource: string, current: Record<string, unknown> | undefined, desired: Record<string, Json>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, to] of Object.entries(desired)) {
    const raw = current?.[field] as Json | undefined;
    const from = owned(field, raw ?? emptyLike(to), to);
    const want = owned(field, to, to) as Json;
    if (canonical(from) !== canonical(want)) out.push({ resource, field, from: raw === undefined ? undefined : (from), to: want });
  }
  return out;
}
