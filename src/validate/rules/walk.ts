// Walking a JSON tree with pointers and key paths, for rules that look at every value.

import { isObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';

export interface Visit {
  value: unknown;
  pointer: string;
  /** Property names from the walk's start (array indexes as strings). */
  path: string[];
  key: string;
  parent: unknown;
}

export function* walk(node: unknown, pointer = '', path: string[] = [], depth = 0): Generator<Visit> {
  if (depth > 200) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const p = appendPointer(pointer, i);
      yield { value: node[i], pointer: p, path: [...path, String(i)], key: String(i), parent: node };
      yield* walk(node[i], p, [...path, String(i)], depth + 1);
    }
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      const p = appendPointer(pointer, k);
      yield { value: v, pointer: p, path: [...path, k], key: k, parent: node };
      yield* walk(v, p, [...path, k], depth + 1);
    }
  }
}

/** Every string value of node (node itself included). */
export function* strings(node: unknown, pointer = ''): Generator<Visit & { value: string }> {
  if (typeof node === 'string') {
    yield { value: node, pointer, path: [], key: '', parent: undefined };
    return;
  }
  for (const v of walk(node, pointer)) if (typeof v.value === 'string') yield v as Visit & { value: string };
}
