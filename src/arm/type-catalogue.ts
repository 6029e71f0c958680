// Azure's resource types, as Microsoft generates them from the REST specifications for Bicep's type checker
// (Azure/bicep-types-az), in offerkit's compact form: schemas/arm-types/index.json names the source and every
// provider namespace; each namespace's types (every resource type and api-version, structure shared across
// versions) are one gzip file read the first time a template names that namespace, and kept for the process.
// The file is JSON lines (namespaceFileText): a short head, each resource type's versions, then one type per
// line, each parsed only when a check reaches it (a namespace holds thousands; a template touches a few
// hundred). Written by scripts/derive-arm-types.ts; read only here.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packagePath } from '../paths.js';

/**
 * One type of a namespace's catalogue; numbers are indexes into the same file's `types`. Absent bounds are
 * null (trailing ones left out). The kinds are bicep-types' own (Azure/bicep-types, src/bicep-types/src/types.ts):
 * a string literal; `a` AnyType; `b` BooleanType; `s` StringType (minLength, maxLength, pattern); `i`
 * IntegerType (minValue, maxValue); `r` ArrayType (item, minLength, maxLength); `u` UnionType (elements); `e` a
 * UnionType of string literals (the literals, and 1 when any other string is allowed too); `o`
 * ObjectType (properties: name → [type, flags], additionalProperties); `d` DiscriminatedObjectType
 * (discriminator, base properties, discriminator value → object type).
 */
export type CatalogueType =
  | string
  | ['a']
  | ['b']
  | ['s', (number | null)?, (number | null)?, (string | null)?]
  | ['i', (number | null)?, (number | null)?]
  | ['r', number, (number | null)?, (number | null)?]
  | ['u', number[]]
  | ['e', string[], 0 | 1]
  | ['o', Record<string, [number, number]>, number?]
  | ['d', string, Record<string, [number, number]>, Record<string, number>];

/** Property flags (bicep-types PropertyFlags). */
export const FLAG = { required: 1, readOnly: 2, writeOnly: 4, deployTimeConstant: 8, identifier: 16 } as const;
/** Scopes a resource type is readable or writable at (bicep-types ScopeType). */
export const SCOPE = { tenant: 1, managementGroup: 2, subscription: 4, resourceGroup: 8, extension: 16 } as const;

/** One provider namespace's catalogue. */
export interface NamespaceFile {
  namespace: string;
  /** lower-case full type → its name as Azure spells it and, per api-version, [body type, readable scopes, writable scopes]. */
  resources: Record<string, { name: string; versions: Record<string, [number, number, number]> }>;
  types: CatalogueType[];
}

/**
 * A namespace's file, in JSON lines: first `{namespace, resources: {type: [its name, its versions' line]}}`, then
 * one line of versions per resource type, then the types, one per line. Everything but the first line is parsed
 * only when a check reaches it.
 */
export function namespaceFileText(n: NamespaceFile): string {
  const types = Object.entries(n.resources);
  const head = { namespace: n.namespace, resources: Object.fromEntries(types.map(([k, r], i) => [k, [r.name, i + 1]])) };
  return [JSON.stringify(head), ...types.map(([, r]) => JSON.stringify(r.versions)), ...n.types.map((t) => JSON.stringify(t))].join('\n') + '\n';
}

interface FileHead {
  namespace: string;
  resources: Record<string, [string, number]>;
}

/** A namespace's catalogue from its file's text, every line parsed (for tests and tools; checks read lazily). */
export function parseNamespaceFile(text: string): NamespaceFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const head = JSON.parse(lines[0]) as FileHead;
  const entries = Object.entries(head.resources);
  const resources = Object.fromEntries(entries.map(([k, [name, line]]) => [k, { name, versions: JSON.parse(lines[line]) as Record<string, [number, number, number]> }]));
  return { namespace: head.namespace, resources, types: lines.slice(1 + entries.length).map((l) => JSON.parse(l) as CatalogueType) };
}

/** schemas/arm-types/index.json. */
export interface CatalogueIndex {
  format: 1;
  source: { repository: string; commit: string; date: string; folder: string; licence: string };
  /** lower-case namespace → its spelling, its file and how many types and type@api-version pairs it holds. */
  namespaces: Record<string, { name: string; file: string; types: number; versions: number }>;
}

export const CATALOGUE_FORMAT = 1;

export interface ResourceTypeVersion {
  body: number;
  readableScopes: number;
  writableScopes: number;
}

/** A namespace of the catalogue, loaded. */
export interface ProviderTypes {
  namespace: string;
  /** The type at an index (parsed on first use). */
  type(index: number): CatalogueType | undefined;
  /** lower-case full type → entry. */
  resources: ReadonlyMap<string, { name: string; versions: ReadonlyMap<string, ResourceTypeVersion> }>;
}

/** A catalogue: the committed one, or another folder of the same shape (tests). */
export class TypeCatalogue {
  private index?: CatalogueIndex;
  private readonly loaded = new Map<string, ProviderTypes | undefined>();

  constructor(readonly dir: string) {}

  /** The index (source, namespaces); undefined when the folder holds no catalogue. */
  describe(): CatalogueIndex | undefined {
    if (this.index === undefined) {
      const file = join(this.dir, 'index.json');
      if (!existsSync(file)) return undefined;
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CatalogueIndex;
      const format: unknown = parsed.format;
      if (format !== CATALOGUE_FORMAT) throw new Error(`${file} is format ${String(format)}; this offerkit reads format ${CATALOGUE_FORMAT}`);
      this.index = parsed;
    }
    return this.index;
  }

  /** The namespace's spelling in the catalogue, or undefined when Azure's specifications define no such provider. */
  namespaceName(namespace: string): string | undefined {
    return this.describe()?.namespaces[namespace.toLowerCase()]?.name;
  }

  namespaceNames(): string[] {
    return Object.values(this.describe()?.namespaces ?? {}).map((n) => n.name);
  }

  /** The namespaces read so far (lower-case), in the order they were first asked for. */
  loadedNamespaces(): string[] {
    return [...this.loaded.keys()].filter((k) => this.loaded.get(k) !== undefined);
  }

  /** A namespace's types, read on first use. */
  provider(namespace: string): ProviderTypes | undefined {
    const key = namespace.toLowerCase();
    if (this.loaded.has(key)) return this.loaded.get(key);
    const entry = this.describe()?.namespaces[key];
    let types: ProviderTypes | undefined;
    if (entry) {
      // Kept as the bytes gunzip gives (outside V8's heap, never copied by a collection), each line decoded when
      // a check reaches it: a template of made-up types can load most namespaces, 9 MB of text for 172 of them.
      const bytes = gunzipSync(readFileSync(join(this.dir, entry.file)));
      // Where each line starts (4 bytes a type, rather than a string each); the header is line 0.
      const offsets = [0];
      for (let at = bytes.indexOf(0x0a); at >= 0 && at < bytes.length - 1; at = bytes.indexOf(0x0a, at + 1)) offsets.push(at + 1);
      const count = offsets.length - 1;
      offsets.push(bytes.length + 1);
      const starts = Int32Array.from(offsets);
      const line = (i: number) => bytes.toString('utf8', starts[i], starts[i + 1] - 1);
      const head = JSON.parse(line(0)) as FileHead;
      // A resource type's versions are parsed when a template names it.
      const resources = new LazyMap(head.resources, ([name, at]) => {
        const versions = new Map<string, ResourceTypeVersion>();
        for (const [v, [body, readableScopes, writableScopes]] of Object.entries(JSON.parse(line(at)) as Record<string, [number, number, number]>)) versions.set(v.toLowerCase(), { body, readableScopes, writableScopes });
        return { name, versions };
      });
      const first = 1 + Object.keys(head.resources).length;
      const typeCount = count - first + 1;
      const parsed: (CatalogueType | undefined)[] = [];
      const type = (i: number): CatalogueType | undefined => {
        if (!Number.isInteger(i) || i < 0 || i >= typeCount) return undefined;
        return (parsed[i] ??= JSON.parse(line(first + i)) as CatalogueType);
      };
      types = { namespace: head.namespace, type, resources };
    }
    this.loaded.set(key, types);
    return types;
  }
}

/** A read-only map over a plain object whose values are converted on first read. */
class LazyMap<R, V> implements ReadonlyMap<string, V> {
  private readonly done = new Map<string, V>();
  constructor(
    private readonly raw: Record<string, R>,
    private readonly convert: (r: R) => V,
  ) {}
  get(key: string): V | undefined {
    let v = this.done.get(key);
    if (v === undefined && Object.prototype.hasOwnProperty.call(this.raw, key)) this.done.set(key, (v = this.convert(this.raw[key])));
    return v;
  }
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, key);
  }
  get size(): number {
    return Object.keys(this.raw).length;
  }
  *entries(): MapIterator<[string, V]> {
    for (const k of Object.keys(this.raw)) yield [k, this.get(k)!];
  }
  *keys(): MapIterator<string> {
    yield* Object.keys(this.raw);
  }
  *values(): MapIterator<V> {
    for (const k of Object.keys(this.raw)) yield this.get(k)!;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

let committed: TypeCatalogue | undefined;

/** The catalogue offerkit ships (schemas/arm-types/). */
export function armTypeCatalogue(): TypeCatalogue {
  return (committed ??= new TypeCatalogue(packagePath('schemas', 'arm-types')));
}
