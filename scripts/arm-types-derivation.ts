// Derives offerkit's catalogue of Azure resource types (src/arm/type-catalogue.ts says the format) from the
// bicep-types-az `types.json` files of one provider namespace: every ResourceType with its body, readable and
// writable scopes; documentation and the list* function types left out; and every type shared, cycles
// included, by merging the types that are the same structure (partition refinement, as a DFA is minimised:
// start from each type's own fields, split classes by their children's classes until nothing splits).

import type { CatalogueType, NamespaceFile } from '../src/arm/type-catalogue.js';

/** One entry of a bicep-types `types.json` array (only the fields offerkit reads). */
interface RawType {
  $type: string;
  [k: string]: unknown;
}
interface Ref {
  $ref: string;
}
interface RawProperty {
  type: Ref;
  flags?: number;
}

const refIndex = (r: unknown): number => {
  const m = /^#\/(\d+)$/.exec((r as Ref | undefined)?.$ref ?? '');
  if (!m) throw new Error(`not a type reference: ${JSON.stringify(r)}`);
  return Number(m[1]);
};

interface Node {
  /** The node's own fields, refs left out: equal shapes with equal children are the same type. */
  shape: string;
  children: number[];
  /** Builds the encoded type from the output indexes of its children. */
  encode(children: number[]): CatalogueType;
}

const trim = <T extends unknown[]>(a: T): T => {
  const out = [...a];
  while (out.length > 1 && (out[out.length - 1] === null || out[out.length - 1] === undefined)) out.pop();
  return out.map((x) => (x === undefined ? null : x)) as T;
};
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function nodeOf(t: RawType, at: (local: number) => number, raw: (local: number) => RawType | undefined): Node | undefined {
  switch (t.$type) {
    case 'StringLiteralType':
      return { shape: JSON.stringify(['l', t.value]), children: [], encode: () => String(t.value) };
    case 'AnyType':
      return { shape: '["a"]', children: [], encode: () => ['a'] };
    case 'BooleanType':
      return { shape: '["b"]', children: [], encode: () => ['b'] };
    case 'StringType': {
      const enc = trim(['s', num(t.minLength), num(t.maxLength), typeof t.pattern === 'string' ? t.pattern : null]) as CatalogueType;
      return { shape: JSON.stringify(enc), children: [], encode: () => enc };
    }
    case 'IntegerType': {
      const enc = trim(['i', num(t.minValue), num(t.maxValue)]) as CatalogueType;
      return { shape: JSON.stringify(enc), children: [], encode: () => enc };
    }
    case 'ArrayType': {
      const bounds = [num(t.minLength), num(t.maxLength)];
      return { shape: JSON.stringify(['r', ...bounds]), children: [at(refIndex(t.itemType))], encode: ([item]) => trim(['r', item, ...bounds]) as CatalogueType };
    }
    case 'UnionType': {
      // A union of string literals (an enum), with or without any other string, is one type of its own: most
      // unions are, and a check then reads one line instead of one per value.
      const raws = (t.elements as Ref[]).map((e) => raw(refIndex(e)));
      const plainString = (r: RawType | undefined) => r?.$type === 'StringType' && r.minLength === undefined && r.maxLength === undefined && r.pattern === undefined;
      if (raws.every((r) => r?.$type === 'StringLiteralType' || plainString(r))) {
        const enc: CatalogueType = ['e', raws.filter((r) => r?.$type === 'StringLiteralType').map((r) => String(r!.value)), raws.some(plainString) ? 1 : 0];
        return { shape: JSON.stringify(enc), children: [], encode: () => enc };
      }
      const elements = (t.elements as Ref[]).map((e) => at(refIndex(e)));
      return { shape: JSON.stringify(['u', elements.length]), children: elements, encode: (c) => ['u', c] };
    }
    case 'ObjectType': {
      const props = Object.entries((t.properties ?? {}) as Record<string, RawProperty>);
      const addl = t.additionalProperties !== undefined ? at(refIndex(t.additionalProperties)) : undefined;
      return {
        shape: JSON.stringify(['o', props.map(([n, p]) => [n, p.flags ?? 0]), addl !== undefined]),
        children: [...props.map(([, p]) => at(refIndex(p.type))), ...(addl !== undefined ? [addl] : [])],
        encode: (c) => {
          const out: Record<string, [number, number]> = {};
          props.forEach(([n, p], i) => (out[n] = [c[i], p.flags ?? 0]));
          return addl !== undefined ? ['o', out, c[props.length]] : ['o', out];
        },
      };
    }
    case 'DiscriminatedObjectType': {
      const base = Object.entries((t.baseProperties ?? {}) as Record<string, RawProperty>);
      const elements = Object.entries((t.elements ?? {}) as Record<string, Ref>);
      return {
        shape: JSON.stringify(['d', t.discriminator, base.map(([n, p]) => [n, p.flags ?? 0]), elements.map(([k]) => k)]),
        children: [...base.map(([, p]) => at(refIndex(p.type))), ...elements.map(([, r]) => at(refIndex(r)))],
        encode: (c) => {
          const b: Record<string, [number, number]> = {};
          base.forEach(([n, p], i) => (b[n] = [c[i], p.flags ?? 0]));
          const e: Record<string, number> = {};
          elements.forEach(([k], i) => (e[k] = c[base.length + i]));
          return ['d', String(t.discriminator), b, e];
        },
      };
    }
    default:
      // ResourceType (read below) and ResourceFunctionType (list* functions) are not types of values.
      return undefined;
  }
}

/**
 * One namespace's catalogue from its `types.json` files (each a parsed array), in the order given: a
 * type@api-version defined twice keeps its first definition.
 */
export function deriveNamespace(namespace: string, files: unknown[][]): NamespaceFile {
  const nodes: (Node | undefined)[] = [];
  const roots: { type: string; version: string; body: number; readable: number; writable: number }[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const offset = nodes.length;
    const at = (local: number) => {
      if (local < 0 || local >= file.length) throw new Error(`type reference #/${local} is outside its file`);
      return offset + local;
    };
    const rawAt = (local: number) => (file as RawType[])[local];
    for (const raw of file as RawType[]) nodes.push(nodeOf(raw, at, rawAt));
    for (const raw of file as RawType[]) {
      if (raw.$type !== 'ResourceType') continue;
      const name = String(raw.name);
      const cut = name.lastIndexOf('@');
      const type = name.slice(0, cut);
      const version = name.slice(cut + 1);
      const key = `${type.toLowerCase()}@${version.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      roots.push({ type, version, body: at(refIndex(raw.body)), readable: num(raw.readableScopes) ?? 0, writable: num(raw.writableScopes) ?? 0 });
    }
  }
  for (const r of roots) if (!nodes[r.body]) throw new Error(`${r.type}@${r.version}: its body is not a type`);
  for (const n of nodes) for (const c of n?.children ?? []) if (!nodes[c]) throw new Error('a type refers to something that is not a type');

  // Partition refinement: classes by shape, then split by the children's classes until stable.
  let cls = new Int32Array(nodes.length).fill(-1);
  let count = 0;
  {
    const ids = new Map<string, number>();
    nodes.forEach((n, i) => {
      if (!n) return;
      let id = ids.get(n.shape);
      if (id === undefined) ids.set(n.shape, (id = ids.size));
      cls[i] = id;
    });
    count = ids.size;
  }
  for (;;) {
    const ids = new Map<string, number>();
    const next = new Int32Array(nodes.length).fill(-1);
    nodes.forEach((n, i) => {
      if (!n) return;
      const sig = `${cls[i]}|${n.children.map((c) => cls[c]).join(',')}`;
      let id = ids.get(sig);
      if (id === undefined) ids.set(sig, (id = ids.size));
      next[i] = id;
    });
    cls = next;
    if (ids.size === count) break;
    count = ids.size;
  }

  // Emit one type per class reachable from a resource body, numbered in the order a walk from the sorted
  // resource types first meets them (so the file is the same for the same input).
  roots.sort((a, b) => (a.type.toLowerCase() < b.type.toLowerCase() ? -1 : a.type.toLowerCase() > b.type.toLowerCase() ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const representative = new Map<number, number>();
  nodes.forEach((n, i) => {
    if (n && !representative.has(cls[i])) representative.set(cls[i], i);
  });
  const outIndex = new Map<number, number>();
  const types: CatalogueType[] = [];
  const emit = (node: number): number => {
    const c = cls[node];
    const known = outIndex.get(c);
    if (known !== undefined) return known;
    const index = types.length;
    outIndex.set(c, index);
    types.push('');
    const rep = representative.get(c)!;
    const n = nodes[rep]!;
    // Iterative over siblings, recursive in depth: specification types nest a few dozen levels at most.
    const children = n.children.map((child) => emit(child));
    types[index] = n.encode(children);
    return index;
  };
  const resources: NamespaceFile['resources'] = {};
  for (const r of roots) {
    const key = r.type.toLowerCase();
    const entry = (resources[key] ??= { name: r.type, versions: {} });
    // Sorted by version: the newest version's spelling names the type.
    entry.name = r.type;
    entry.versions[r.version.toLowerCase()] = [emit(r.body), r.readable, r.writable];
  }
  // The namespace as most of its types spell it.
  const spellings = new Map<string, number>();
  for (const r of roots) {
    const ns = r.type.split('/')[0];
    if (ns.toLowerCase() === namespace.toLowerCase()) spellings.set(ns, (spellings.get(ns) ?? 0) + 1);
  }
  const spelling = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? namespace;
  return { namespace: spelling, resources, types };
}
