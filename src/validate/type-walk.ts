// A template value checked against a type of Azure's catalogue (src/arm/type-catalogue.ts), the way a resource
// provider reads the request ARM sends it: each property known, of the kind and values it allows, read-only
// ones left to Azure, required ones present; discriminated objects followed by their discriminator; property
// `copy` loops as the arrays they make. An expression is followed where its value or kind is static
// (a parameter's allowed values or declared type, a variable's literal, a function's result kind) and is
// otherwise left alone: only what is certain is reported.

import { isExpression, simpleReference, unescapeLiteral } from '../arm/expressions.js';
import { expressionKind, literalKind } from '../arm/static-eval.js';
import { findParameter, isObject, keyOf, prop, type JsonObject } from '../arm/template.js';
import { FLAG, type CatalogueType } from '../arm/type-catalogue.js';
import { appendPointer } from '../util/json-pointer.js';
import type { Severity } from '../diagnostics.js';
import { accepts, describeAt, fits, quoteList, type Described } from './type-kinds.js';

export type TypeRuleId =
  | 'resource-type-defined'
  | 'resource-property-known'
  | 'resource-property-required'
  | 'resource-property-type'
  | 'resource-property-allowed-value'
  | 'resource-property-read-only'
  | 'resource-name-format';

export interface TypeBreach {
  rule: TypeRuleId;
  message: string;
  pointer: string;
  key?: boolean;
  severity?: Severity;
  note?: boolean;
  hint?: string;
  /** For a missing property: its name and the path of the object that lacks it ('' for the resource). */
  missing?: { name: string; path: string };
  /** The specification itself is in doubt here (reported as a warning; an emulator does not refuse it). */
  doubtful?: boolean;
  /** Pointer of the resource the breach is in. */
  resource?: string;
}

/** Where a walk's breaches go: listed up to a bound per rule, counted beyond it. */
export interface BreachSink {
  push(b: TypeBreach): void;
  /** No more of this rule's breaches are listed (they are only counted). */
  full(rule: TypeRuleId): boolean;
  /** Counts one breach of a rule that is full, without building it (`pointer`, `key`: where it is). */
  count(rule: TypeRuleId, severity?: Severity, pointer?: string, key?: boolean): void;
}

export interface WalkContext {
  /** The namespace's type at an index. */
  type(index: number): CatalogueType | undefined;
  /** What describeAt found, per type index of the namespace (shared by every walk in it). */
  described: Map<number, Described>;
  /** The closest known name, for a "did you mean" (bounded per template: each costs a scan of the candidates). */
  suggest(name: string, candidates: Iterable<string>): string | undefined;
  /** `Microsoft.Storage/storageAccounts@2023-05-01`, for messages. */
  label: string;
  /** The template the values are evaluated in (its parameters and variables) and its pointer in the file. */
  template: JsonObject;
  base: string;
  out: BreachSink;
}

/** Nesting beyond this is not followed: as deep as offerkit's JSON reader goes (util/json-source.ts MAX_DEPTH). */
const MAX_DEPTH = 256;

type Props = Record<string, [number, number]>;

const article = (k: string) => (/^[aeiou]/.test(k) ? `an ${k}` : `a ${k}`);
const where = (path: string) => (path ? path : 'the resource');
const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** The property of `props` named `key` (ARM and the providers read names case-insensitively). */
function findName(props: Props, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(props, key)) return key;
  let names = lowerNames.get(props);
  if (!names) lowerNames.set(props, (names = new Map(Object.keys(props).map((n) => [n.toLowerCase(), n]))));
  return names.get(key.toLowerCase());
}

function findProp(props: Props, key: string): [string, [number, number]] | undefined {
  const n = findName(props, key);
  return n === undefined ? undefined : [n, props[n]];
}
/** Each property table's names by their lower case (the tables are parsed once per namespace and kept). */
const lowerNames = new WeakMap<Props, Map<string, string>>();

/** The string itself when it is not an expression. */
const literalString = (v: string): string | undefined => (isExpression(v) ? undefined : v);

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Checks `value` (at `pointer`, `path` for messages) against type `t`. `via` says where a resolved value came
 * from (`parameter 'sku'`), for messages.
 */
export function checkValue(w: WalkContext, value: unknown, t: number, pointer: string, path: string, depth = 0, via?: string): void {
  if (depth > MAX_DEPTH) return;
  const type = w.type(t);
  if (type === undefined) return;
  if (typeof type !== 'string' && type[0] === 'a') return;
  if (isExpression(value)) return checkExpression(w, value, t, pointer, path, depth);
  const v = typeof value === 'string' ? unescapeLiteral(value) : value;
  const kind = literalKind(v);
  if (kind === 'null') return;
  if (!fits(w, type, t, kind)) {
    w.out.push({ rule: 'resource-property-type', pointer, message: `${where(path)} of ${w.label} is ${article(kind)} (${short(v)})${fromText(via)}; Azure expects ${describeAt(w, t).text}.` });
    return;
  }
  if (typeof type === 'string') {
    if (typeof v === 'string' && v.toLowerCase() !== type.toLowerCase()) w.out.push({ rule: 'resource-property-allowed-value', pointer, message: `${where(path)} of ${w.label} is ${JSON.stringify(v)}${fromText(via)}; Azure allows only ${JSON.stringify(type)}.` });
    return;
  }
  switch (type[0]) {
    case 'e':
      if (typeof v === 'string' && !type[2]) checkEnum(w, v, type[1], pointer, path, fromText(via));
      return;
    case 'u':
      return checkUnion(w, v, type[1], pointer, path, depth, fromText(via));
    case 's':
      if (typeof v === 'string' && (type[1] != null || type[2] != null)) checkLength(w, v.length, type[1], type[2], pointer, path, 'characters', fromText(via));
      return;
    case 'i':
      if (typeof v === 'number') {
        const [min, max] = [type[1] ?? null, type[2] ?? null];
        if ((min !== null && v < min) || (max !== null && v > max)) w.out.push({ rule: 'resource-property-allowed-value', pointer, message: `${where(path)} of ${w.label} is ${v}${fromText(via)}; Azure allows ${range(min, max)}.` });
      }
      return;
    case 'r':
      if (Array.isArray(v)) {
        if (type[2] != null || type[3] != null) checkLength(w, v.length, type[2], type[3], pointer, path, 'items', fromText(via));
        for (let i = 0; i < v.length; i++) checkValue(w, v[i], type[1], appendPointer(pointer, i), join(path, i), depth + 1, via);
      }
      return;
    case 'o':
      if (isObject(v)) checkObject(w, v, type[1], type[2], pointer, path, depth, via);
      return;
    case 'd':
      if (isObject(v)) checkDiscriminated(w, v, type, pointer, path, depth, via);
      return;
  }
}

/** Where a resolved value came from, for messages. */
const fromText = (via: string | undefined) => (via ? ` (from ${via})` : '');

const range = (min: number | null, max: number | null) => (min !== null && max !== null ? `${min} to ${max}` : min !== null ? `${min} or more` : `at most ${max}`);

function checkLength(w: WalkContext, n: number, min: number | null | undefined, max: number | null | undefined, pointer: string, path: string, unit: string, from: string): void {
  const lo = min ?? null;
  const hi = max ?? null;
  if ((lo !== null && n < lo) || (hi !== null && n > hi)) w.out.push({ rule: 'resource-property-allowed-value', pointer, message: `${where(path)} of ${w.label} has ${n} ${unit}${from}; Azure allows ${range(lo, hi)}.` });
}

/** A string of a closed set. */
function checkEnum(w: WalkContext, v: string, literals: string[], pointer: string, path: string, from: string): void {
  if (!literals.length || literals.some((l) => l.toLowerCase() === v.toLowerCase())) return;
  const guess = w.suggest(v, literals);
  w.out.push({ rule: 'resource-property-allowed-value', pointer, message: `${where(path)} of ${w.label} is ${JSON.stringify(v)}${from}; Azure allows ${quoteList(literals, 12)}.${guess ? ` Did you mean ${JSON.stringify(guess)}?` : ''}` });
}

function checkUnion(w: WalkContext, v: unknown, elements: number[], pointer: string, path: string, depth: number, from: string): void {
  const literals: string[] = [];
  let open = false;
  const structured: number[] = [];
  for (const e of elements) {
    const el = w.type(e);
    if (el === undefined) open = true;
    else if (typeof el === 'string') literals.push(el);
    else if (el[0] === 's') open = true;
    else structured.push(e);
  }
  if (typeof v === 'string') {
    if (!open) checkEnum(w, v, literals, pointer, path, from);
    return;
  }
  // A union of several structured types: the first that takes the value's kind checks it.
  const kind = literalKind(v);
  const fit = structured.find((e) => accepts(describeAt(w, e).kinds, kind));
  if (fit !== undefined) checkValue(w, v, fit, pointer, path, depth + 1);
}

/** An expression: its static values or kind, when it has them. */
function checkExpression(w: WalkContext, value: string, t: number, pointer: string, path: string, depth: number): void {
  const param = simpleReference(value, 'parameters');
  if (param !== undefined) {
    const decl = findParameter(w.template, param);
    const allowed = decl ? prop(decl.decl, 'allowedValues') : undefined;
    if (decl && Array.isArray(allowed) && allowed.length) {
      for (const a of allowed) checkValue(w, a, t, pointer, path, depth + 1, `parameter '${decl.name}', which allows ${short(a)}`);
      return;
    }
  }
  const variable = simpleReference(value, 'variables');
  if (variable !== undefined) {
    const vk = keyOf(w.template, 'variables');
    const vars = vk ? w.template[vk] : undefined;
    const k = keyOf(vars, variable);
    // A variable holding a literal is checked where it is written; `copy` variables are built at deployment.
    if (k && k.toLowerCase() !== 'copy') checkValue(w, (vars as JsonObject)[k], t, appendPointer(w.base, vk!, k), path, depth + 1, `variable '${k}'`);
    return;
  }
  const kind = expressionKind(value, w.template);
  if (kind === undefined || kind === 'null') return;
  const d = describeAt(w, t);
  if (!accepts(d.kinds, kind)) {
    const what = param !== undefined ? `parameter '${param}' (declared ${findParameter(w.template, param)?.type ?? 'of another type'})` : `${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value)}, which is always ${article(kind)}`;
    w.out.push({ rule: 'resource-property-type', pointer, message: `${where(path)} of ${w.label} is given ${what}; Azure expects ${d.text}.` });
  }
}

/** A name the object's type does not have. */
function unknownProperty(w: WalkContext, key: string, props: Props, pointer: string, path: string): void {
  if (w.out.full('resource-property-known')) return w.out.count('resource-property-known', undefined, pointer, true);
  const writable = Object.entries(props).filter(([, p]) => !(p[1] & FLAG.readOnly)).map(([n]) => n);
  const guess = w.suggest(key, writable);
  w.out.push({
    rule: 'resource-property-known',
    pointer,
    key: true,
    message: `${w.label} has no property ${JSON.stringify(key)} in ${where(path)}.${guess ? ` Did you mean ${JSON.stringify(guess)}?` : ''}`,
    ...(!guess && writable.length ? { hint: `Known here: ${quoteList(writable, 12)}.` } : {}),
  });
}

/** Each property table's required, writable names (the tables are parsed once per namespace and kept). */
const requiredNames = new WeakMap<Props, string[]>();
function requiredOf(props: Props): string[] {
  let required = requiredNames.get(props);
  if (!required) {
    required = [];
    for (const n in props) if (props[n][1] & FLAG.required && !(props[n][1] & FLAG.readOnly)) required.push(n);
    requiredNames.set(props, required);
  }
  return required;
}

/** The required (writable) properties the object does not set, one finding each (template keywords in `skip` count as set). */
function requireProps(w: WalkContext, props: Props, present: ReadonlySet<string>, pointer: string, path: string, kinds?: string[], skip?: ReadonlySet<string>): void {
  for (const name of requiredOf(props)) {
    const lower = name.toLowerCase();
    if (present.has(lower) || skip?.has(lower)) continue;
    const of = kinds?.length ? ` (one of ${quoteList(kinds)})` : '';
    w.out.push({ rule: 'resource-property-required', pointer, key: path !== '', missing: { name, path }, message: `${w.label} requires ${JSON.stringify(name)}${of} in ${where(path)}, which is not set.` });
  }
}

/** One property's value: read-only ones are reported, others checked against their type. */
function checkProperty(w: WalkContext, name: string, [t, flags]: [number, number], v: unknown, pointer: string, path: string, depth: number, via?: string): void {
  if (flags & FLAG.readOnly && !(flags & FLAG.required)) {
    w.out.push({ rule: 'resource-property-read-only', pointer, key: true, message: `${join(path, name)} of ${w.label} is read-only: Azure sets it, and a value in the template is ignored or refused. Remove it.` });
    return;
  }
  checkValue(w, v, t, pointer, join(path, name), depth + 1, via);
}

/**
 * An object against its properties (and additional properties): unknown names, read-only ones, values, and
 * the required names missing. `skip` names template keywords that are not part of the object (at a resource's
 * top level: type, apiVersion, dependsOn…).
 */
export function checkObject(w: WalkContext, obj: JsonObject, props: Props, additional: number | undefined, pointer: string, path: string, depth: number, via?: string, skip?: ReadonlySet<string>): void {
  const required = requiredOf(props);
  const present = required.length ? new Set<string>() : undefined;
  for (const key of Object.keys(obj)) {
    if (skip?.has(key.toLowerCase())) continue;
    const v = obj[key];
    const name = findName(props, key);
    if (name !== undefined) {
      present?.add(name.toLowerCase());
      checkProperty(w, name, props[name], v, appendPointer(pointer, key), path, depth, via);
    } else if (Array.isArray(v) && key.toLowerCase() === 'copy') propertyLoops(w, v, props, appendPointer(pointer, key), path, depth, present);
    else if (additional !== undefined) checkValue(w, v, additional, appendPointer(pointer, key), join(path, key), depth + 1, via);
    else unknownProperty(w, key, props, appendPointer(pointer, key), path);
  }
  if (required.length) requireProps(w, props, present!, pointer, path, undefined, skip);
}

/** Property iteration: `copy: [{ name, count, input }]` makes the array property `name` of `input` items. */
function propertyLoops(w: WalkContext, loops: unknown[], props: Props, pointer: string, path: string, depth: number, present: Set<string> | undefined): void {
  loops.forEach((loop, i) => {
    const name = prop(loop, 'name');
    if (!isObject(loop) || typeof name !== 'string') return;
    const found = findProp(props, name);
    if (!found) {
      unknownProperty(w, name, props, appendPointer(pointer, i, keyOf(loop, 'name')!), path);
      return;
    }
    present?.add(found[0].toLowerCase());
    const type = w.type(found[1][0]);
    const ik = keyOf(loop, 'input');
    if (Array.isArray(type) && type[0] === 'r' && ik) checkValue(w, loop[ik], type[1], appendPointer(pointer, i, ik), `${join(path, found[0])}[]`, depth + 1);
  });
}

/** A kind's properties with its base's, per kind (so their lookups are built once too). */
const withBase = new WeakMap<object, Props>();

/** Every property any kind of a discriminated type has, per type (parsed once per namespace and kept). */
const anyKind = new WeakMap<object, Props>();

/** An object of a discriminated type: its kind's properties when the discriminator names one. */
export function checkDiscriminated(w: WalkContext, obj: JsonObject, type: Extract<CatalogueType, ['d', ...unknown[]]>, pointer: string, path: string, depth: number, via?: string, skip?: ReadonlySet<string>, ownName?: string): void {
  const [, discriminator, base, elements] = type;
  const dk = keyOf(obj, discriminator);
  // A resource discriminated by its name (Microsoft.Web/sites/config: "web", "appsettings"…) by its own segment.
  const byName = path === '' && discriminator.toLowerCase() === 'name';
  const dv = byName ? ownName : dk ? obj[dk] : undefined;
  const kinds = Object.keys(elements);
  let element: number | undefined;
  const kind = typeof dv === 'string' ? literalString(dv) : undefined;
  if (kind !== undefined) {
    element = elements[kind] ?? elements[kinds.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? ''];
    if (element === undefined && kinds.length) {
      const guess = w.suggest(kind, kinds);
      w.out.push({ rule: 'resource-property-allowed-value', pointer: appendPointer(pointer, dk!), message: `${join(path, discriminator)} of ${w.label} is ${JSON.stringify(kind)}, a kind Azure does not define here${guess ? `. Did you mean ${JSON.stringify(guess)}?` : ` (${kinds.length} kinds: ${quoteList(kinds)}).`}` });
    }
  }
  const el = element !== undefined ? w.type(element) : undefined;
  if (Array.isArray(el) && el[0] === 'o') {
    let props = withBase.get(el);
    if (!props) withBase.set(el, (props = { ...base, ...el[1] }));
    checkObject(w, obj, props, el[2], pointer, path, depth, via, skip);
    return;
  }
  // The kind is not known (an expression, a kind Azure does not define, none): base properties are checked; a
  // name is unknown only when no kind has it, and not at all under a kind Azure does not define (that kind's
  // own properties cannot be known: the discriminator's finding says what is wrong).
  // Every name a kind has, writable where any kind lets it be written (a kind may write what the base reads).
  let any = anyKind.get(type);
  if (!any) {
    any = {};
    for (const e of Object.values(elements)) {
      const o = w.type(e);
      if (!Array.isArray(o) || o[0] !== 'o') continue;
      for (const [n, p] of Object.entries(o[1])) if (!any[n] || any[n][1] & FLAG.readOnly) any[n] = p;
    }
    for (const [n, p] of Object.entries(base)) if (!any[n]) any[n] = p;
    anyKind.set(type, any);
  }
  const present = new Set<string>(skip);
  for (const [key, v] of Object.entries(obj)) {
    const lower = key.toLowerCase();
    if (skip?.has(lower) || key === dk) continue;
    const at = appendPointer(pointer, key);
    const b = findProp(base, key);
    if (b) {
      present.add(b[0].toLowerCase());
      // Read-only in the base but written by some kind: which kind is meant is not known, so it is left alone.
      const writableInAKind = b[1][1] & FLAG.readOnly && !((findProp(any, key)?.[1][1] ?? FLAG.readOnly) & FLAG.readOnly);
      if (!writableInAKind) checkProperty(w, b[0], b[1], v, at, path, depth, via);
    } else if (kinds.length && kind === undefined && !findProp(any, key)) unknownProperty(w, key, any, at, path);
  }
  requireProps(w, dk ? base : { ...base, [discriminator]: [-1, FLAG.required] }, present, pointer, path, kinds);
}
