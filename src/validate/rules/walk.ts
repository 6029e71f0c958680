// Walking a JSON tree with pointers and key paths, for rules that look at every value.

import { isObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';

export interface Visit {
  readonly value: unknown;
  readonly pointer: string;
  readonly key: string;
  readonly parent: unknown;
}

/**
 * A visit whose pointer is made when a rule first reads it. Rules read a pointer only to report or to test a
 * few matching keys, so a template of 180,000 values no longer makes 180,000 pointer strings per walk.
 */
class Walked implements Visit {
  #pointer: string | undefined;
  constructor(
    readonly value: unknown,
    readonly key: string,
    readonly parent: unknown,
    private readonly above: Walked | string,
  ) {}

  get pointer(): string {
    return (this.#pointer ??= appendPointer(typeof this.above === 'string' ? this.above : this.above.pointer, this.key));
  }
}

function walkInto(out: Visit[], node: unknown, above: Walked | string, depth: number): void {
  if (depth > 200) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      const visit = new Walked(v, String(i), node, above);
      out.push(visit);
      if (v !== null && typeof v === 'object') walkInto(out, v, visit, depth + 1);
    }
  } else if (isObject(node)) {
    for (const key of Object.keys(node)) {
      const v = node[key];
      const visit = new Walked(v, key, node, above);
      out.push(visit);
      if (v !== null && typeof v === 'object') walkInto(out, v, visit, depth + 1);
    }
  }
}

/**
 * Every value below `node`, depth first, with its pointer and key. A whole document (or template) walked
 * from the same pointer is walked once per validation: the visits are kept beside the tree (rules only read).
 */
const walked = new WeakMap<object, Map<string, readonly Visit[]>>();
export function walk(node: unknown, pointer = ''): readonly Visit[] {
  if (node === null || typeof node !== 'object') return [];
  let byPointer = walked.get(node);
  if (!byPointer) walked.set(node, (byPointer = new Map<string, readonly Visit[]>()));
  let visits = byPointer.get(pointer);
  if (!visits) {
    const out: Visit[] = [];
    walkInto(out, node, pointer, 0);
    byPointer.set(pointer, (visits = out));
  }
  return visits;
}

type StringVisit = Visit & { readonly value: string };
const stringsOfWalk = new WeakMap<readonly Visit[], readonly StringVisit[]>();

/**
 * Every string value of node (node itself included), as a list kept with the walk: several rules read every
 * string of a template, and a generator made an iterator result per string per rule.
 */
export function strings(node: unknown, pointer = ''): readonly StringVisit[] {
  if (typeof node === 'string') return [{ value: node, pointer, key: '', parent: undefined }];
  const visits = walk(node, pointer);
  let found = stringsOfWalk.get(visits);
  if (!found) stringsOfWalk.set(visits, (found = visits.filter((v): v is StringVisit => typeof v.value === 'string')));
  return found;
}
