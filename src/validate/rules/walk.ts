// Walking a JSON tree with pointers and key paths, for rules that look at every value.
//
// A template's walk is kept for the whole validation (several rules read it), so it is stored compactly: per
// value, the value, its key (an array index or an integer-like name as a number) and the index of its parent,
// 20 bytes, where an object per value took 64 and more. A pointer is made only when a rule asks for it: rules read
// one to report, or to test the few values whose key matches. The difference is what keeps `validate` of a large
// template within its memory bound on Node 24, whose V8 doubles the young generation once enough has survived.

import { isObject } from '../../arm/template.js';
import { escapeSegment } from '../../util/json-pointer.js';

export interface Visit<V = unknown> {
  readonly value: V;
  readonly pointer: string;
  readonly key: string;
  readonly parent: unknown;
}

/** Deeper than this below the walked node, values are not visited (every consumer recurses at most as far). */
const MAX_DEPTH = 200;

/** One walk: every value below `root`, depth first, in the order Object.keys gives. */
class WalkStore {
  readonly values: unknown[] = [];
  /** Key per value: a string, a number (array index or integer-like name) or null for the root itself. */
  readonly keys: (string | number | null)[] = [];
  /** Index of the parent's own entry, or -1 when the parent is the root. */
  ups: Int32Array = new Int32Array(0);

  constructor(
    readonly root: unknown,
    readonly base: string,
  ) {}

  pointerOf(i: number): string {
    const segments: (string | number)[] = [];
    for (let at = i; at >= 0; at = this.ups[at]) {
      const k = this.keys[at];
      if (k === null) break;
      segments.push(k);
    }
    let out = this.base;
    for (let s = segments.length - 1; s >= 0; s--) out += '/' + escapeSegment(segments[s]);
    return out;
  }
}

/** A key that is an array index or an integer-like property name (stored as a number: no string per value). */
function integerKey(key: string): number | string {
  const n = key.length;
  if (n === 0 || n > 9) return key;
  const c = key.charCodeAt(0);
  if (c < 0x30 || c > 0x39 || (c === 0x30 && n > 1)) return key;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = key.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return key;
    v = v * 10 + d;
  }
  return v;
}

function fill(store: WalkStore): void {
  const ups: number[] = [];
  const { values, keys } = store;
  const into = (node: unknown, up: number, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        const at = values.length;
        values.push(v);
        keys.push(i);
        ups.push(up);
        if (v !== null && typeof v === 'object') into(v, at, depth + 1);
      }
    } else if (isObject(node)) {
      for (const key in node) {
        if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
        const v = node[key];
        const at = values.length;
        values.push(v);
        keys.push(integerKey(key));
        ups.push(up);
        if (v !== null && typeof v === 'object') into(v, at, depth + 1);
      }
    }
  };
  into(store.root, -1, 0);
  store.ups = Int32Array.from(ups);
}

/**
 * Values of a walk, read by index (`for (let i = 0; i < w.length; i++) w.key(i)…`, which allocates nothing) or
 * iterated as Visit objects (one made per step; for the short lists).
 */
export class Visits<V = unknown> implements Iterable<Visit<V>> {
  constructor(
    private readonly store: WalkStore,
    /** Entries of the store, by their index; undefined: `length` entries from `from`. */
    private readonly at: Int32Array | undefined,
    private readonly from: number,
    readonly length: number,
  ) {}

  private index(i: number): number {
    return this.at ? this.at[i] : this.from + i;
  }

  value(i: number): V {
    return this.store.values[this.index(i)] as V;
  }

  key(i: number): string {
    const k = this.store.keys[this.index(i)];
    return k === null ? '' : typeof k === 'number' ? String(k) : k;
  }

  parent(i: number): unknown {
    const j = this.index(i);
    if (this.store.keys[j] === null) return undefined;
    const up = this.store.ups[j];
    return up < 0 ? this.store.root : this.store.values[up];
  }

  pointer(i: number): string {
    return this.store.pointerOf(this.index(i));
  }

  visit(i: number): Visit<V> {
    const pointerOf = (): string => this.pointer(i);
    return {
      value: this.value(i),
      key: this.key(i),
      parent: this.parent(i),
      get pointer() {
        return pointerOf();
      },
    };
  }

  *[Symbol.iterator](): Iterator<Visit<V>> {
    for (let i = 0; i < this.length; i++) yield this.visit(i);
  }

  /** Entries `from` to `to` (exclusive) of this list, without copying. */
  slice(from: number, to = this.length): Visits<V> {
    if (this.at) return new Visits<V>(this.store, this.at.subarray(from, to), 0, to - from);
    return new Visits<V>(this.store, undefined, this.from + from, to - from);
  }

  /** The entries whose value passes `test`, as a list of the same walk. */
  filter<W extends V>(test: (value: V) => value is W): Visits<W> {
    const picked: number[] = [];
    for (let i = 0; i < this.length; i++) if (test(this.value(i))) picked.push(this.index(i));
    return new Visits<W>(this.store, Int32Array.from(picked), 0, picked.length);
  }
}

const EMPTY = new Visits<never>(new WalkStore(undefined, ''), undefined, 0, 0);

/**
 * Every value below `node`, depth first, with its pointer and key. A whole document (or template) walked
 * from the same pointer is walked once per validation: the walk is kept beside the tree (rules only read).
 */
const walked = new WeakMap<object, Map<string, Visits>>();
export function walk(node: unknown, pointer = ''): Visits {
  if (node === null || typeof node !== 'object') return EMPTY;
  let byPointer = walked.get(node);
  if (!byPointer) walked.set(node, (byPointer = new Map<string, Visits>()));
  let visits = byPointer.get(pointer);
  if (!visits) {
    const store = new WalkStore(node, pointer);
    fill(store);
    byPointer.set(pointer, (visits = new Visits(store, undefined, 0, store.values.length)));
  }
  return visits;
}

/**
 * Every value below `node[key]`, out of the walk of `node` itself (the same entries, in the same order), so a rule
 * that looks only under `resources` does not keep a second walk of most of the template.
 */
export function walkBelow(node: unknown, pointer: string, key: string): Visits {
  const visits = walk(node, pointer);
  let from = -1;
  for (let i = 0; i < visits.length; i++) {
    if (visits.parent(i) !== node) continue;
    if (from >= 0) return visits.slice(from, i);
    if (visits.key(i) === key) from = i + 1;
  }
  return from >= 0 ? visits.slice(from) : EMPTY;
}

/**
 * For the rules that keep their own walk's state on stacks: enters each object or array among `items`, with its
 * index pushed on `segments` (the segments of the pointer of what is entered) while it is.
 */
export function enterItems(items: readonly unknown[], segments: (string | number)[], enter: (item: object) => void): void {
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (item === null || typeof item !== 'object') continue;
    segments.push(i);
    enter(item);
    segments.pop();
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const stringsOfWalk = new WeakMap<Visits, Visits<string>>();

/**
 * Every string value of node (node itself included), as a list kept with the walk: several rules read every
 * string of a template.
 */
export function strings(node: unknown, pointer = ''): Visits<string> {
  if (typeof node === 'string') {
    const store = new WalkStore(undefined, pointer);
    store.values.push(node);
    store.keys.push(null);
    store.ups = Int32Array.of(-1);
    return new Visits<string>(store, undefined, 0, 1);
  }
  const visits = walk(node, pointer);
  let found = stringsOfWalk.get(visits);
  if (!found) stringsOfWalk.set(visits, (found = visits.filter(isString)));
  return found;
}
