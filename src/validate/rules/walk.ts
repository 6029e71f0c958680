// Walking a JSON tree with pointers and key paths, for rules that look at every value.

import { isObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';

export interface Visit {
  value: unknown;
  pointer: string;
  key: string;
  parent: unknown;
}

function walkInto(out: Visit[], node: unknown, pointer: string, depth: number): void {
  if (depth > 200) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const key = String(i);
      const p = `${pointer}/${key}`;
      const v: unknown = node[i];
      out.push({ value: v, pointer: p, key, parent: node });
      if (v !== null && typeof v === 'object') walkInto(out, v, p, depth + 1);
    }
  } else if (isObject(node)) {
    for (const key of Object.keys(node)) {
      const v = node[key];
      const p = appendPointer(pointer, key);
      out.push({ value: v, pointer: p, key, parent: node });
      if (v !== null && typeof v === 'object') walkInto(out, v, p, depth + 1);
    }
  }
}

function walkFrom(node: unknown, pointer: string): Visit[] {
  const out: Visit[] = [];
  walkInto(out, node, pointer, 0);
  return out;
}

/**
 * Every value below `node`, depth first, with its pointer and key. A whole document (or template) walked
 * from the same pointer is walked once per validation: the visits are kept beside the tree (rules only read).
 */
const walked = new WeakMap<object, Map<string, readonly Visit[]>>();
export function walk(node: unknown, pointer = ''): Iterable<Visit> {
  if (node === null || typeof node !== 'object') return [];
  let byPointer = walked.get(node);
  if (!byPointer) walked.set(node, (byPointer = new Map<string, readonly Visit[]>()));
  let visits = byPointer.get(pointer);
  if (!visits) byPointer.set(pointer, (visits = walkFrom(node, pointer)));
  return visits;
}

/** Every string value of node (node itself included). */
export function* strings(node: unknown, pointer = ''): Generator<Visit & { value: string }> {
  if (typeof node === 'string') {
    yield { value: node, pointer, key: '', parent: undefined };
    return;
  }
  for (const v of walk(node, pointer)) if (typeof v.value === 'string') yield v as Visit & { value: string };
}
