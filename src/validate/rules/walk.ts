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

function* walkFrom(node: unknown, pointer: string, path: string[], depth: number): Generator<Visit> {
  if (depth > 200) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const key = String(i);
      const p = `${pointer}/${key}`;
      const childPath = [...path, key];
      yield { value: node[i], pointer: p, path: childPath, key, parent: node };
      if (node[i] !== null && typeof node[i] === 'object') yield* walkFrom(node[i], p, childPath, depth + 1);
    }
  } else if (isObject(node)) {
    for (const key of Object.keys(node)) {
      const v = node[key];
      const p = appendPointer(pointer, key);
      const childPath = [...path, key];
      yield { value: v, pointer: p, path: childPath, key, parent: node };
      if (v !== null && typeof v === 'object') yield* walkFrom(v, p, childPath, depth + 1);
    }
  }
}

/**
 * Every value below `node`, depth first, with its pointer and path. A whole document (or template) walked
 * from the same pointer is walked once per validation: the visits are kept beside the tree (rules only read).
 */
const walked = new WeakMap<object, Map<string, readonly Visit[]>>();
export function walk(node: unknown, pointer = '', path: string[] = []): Iterable<Visit> {
  if (path.length || node === null || typeof node !== 'object') return walkFrom(node, pointer, path, 0);
  let byPointer = walked.get(node);
  if (!byPointer) walked.set(node, (byPointer = new Map<string, readonly Visit[]>()));
  let visits = byPointer.get(pointer);
  if (!visits) byPointer.set(pointer, (visits = [...walkFrom(node, pointer, path, 0)]));
  return visits;
}

/** Every string value of node (node itself included). */
export function* strings(node: unknown, pointer = ''): Generator<Visit & { value: string }> {
  if (typeof node === 'string') {
    yield { value: node, pointer, path: [], key: '', parent: undefined };
    return;
  }
  for (const v of walk(node, pointer)) if (typeof v.value === 'string') yield v as Visit & { value: string };
}
