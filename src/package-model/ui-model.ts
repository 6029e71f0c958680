// Reading createUiDefinition the way the portal (and arm-ttk) do: controls are objects with a `type`,
// anywhere in the document; outputs map template parameters to expressions over basics() and steps().

import { isObject, keyOf, prop, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export interface ControlRef {
  node: JsonObject;
  pointer: string;
  type: string;
  name?: string;
  /** Enclosing objects, nearest first (arrays skipped), as arm-ttk's ParentObject list. */
  ancestors: JsonObject[];
}

/** Every object with a string `type` anywhere in the document (not under keys starting with `parent`). */
export function findControls(ui: unknown, type?: string): ControlRef[] {
  if (ui === null || typeof ui !== 'object') return [];
  let all = controlsOf.get(ui);
  if (!all) controlsOf.set(ui, (all = scanControls(ui)));
  if (type === undefined) return [...all];
  const want = type.toLowerCase();
  return all.filter((c) => c.type.toLowerCase() === want);
}

/** The controls of a document, found once per document (rules read them, none changes them). */
const controlsOf = new WeakMap<object, readonly ControlRef[]>();

function scanControls(ui: unknown): ControlRef[] {
  const out: ControlRef[] = [];
  const visit = (node: unknown, pointer: string, ancestors: JsonObject[], depth: number) => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, appendPointer(pointer, i), ancestors, depth + 1));
      return;
    }
    if (!isObject(node)) return;
    const t = prop(node, 'type');
    if (typeof t === 'string') {
      const name = prop(node, 'name');
      out.push({ node, pointer, type: t, ...(typeof name === 'string' ? { name } : {}), ancestors });
    }
    const next = [node, ...ancestors];
    for (const [k, v] of Object.entries(node)) {
      if (k.toLowerCase().startsWith('parent')) continue;
      visit(v, appendPointer(pointer, k), next, depth + 1);
    }
  };
  visit(ui, '', [], 0);
  return out;
}

/**
 * An object of a document with its ancestors (nearest first, arrays skipped); its pointer and its path (the keys
 * leading to it, array indexes as text) are made when a rule reads them, from the object above it: a document of
 * 100,000 objects no longer keeps a pointer and a path for each (rules read them for the few they report on).
 */
class ObjectRef {
  constructor(
    readonly node: JsonObject,
    readonly ancestors: JsonObject[],
    private readonly up: ObjectRef | undefined,
    private readonly segments: readonly (string | number)[],
  ) {}

  get pointer(): string {
    return appendPointer(this.up?.pointer ?? '', ...this.segments);
  }

  get path(): string[] {
    return [...(this.up?.path ?? []), ...this.segments.map(String)];
  }
}

/** Every object of a document with its pointer, ancestors and path, listed once per document (rules only read). */
const objectsOf = new WeakMap<object, readonly ObjectRef[]>();

function scanObjects(root: unknown): readonly ObjectRef[] {
  const out: ObjectRef[] = [];
  // `segments`: the keys from the last object above (an array's indexes come between two objects).
  const visit = (node: unknown, up: ObjectRef | undefined, segments: (string | number)[], ancestors: JsonObject[], depth: number) => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        if (v !== null && typeof v === 'object') visit(v, up, [...segments, i], ancestors, depth + 1);
      });
      return;
    }
    if (!isObject(node)) return;
    const ref = new ObjectRef(node, ancestors, up, segments);
    out.push(ref);
    const next = [node, ...ancestors];
    for (const k in node) {
      if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
      const v = node[k];
      if (v !== null && typeof v === 'object') visit(v, ref, [k], next, depth + 1);
    }
  };
  visit(root, undefined, [], [], 0);
  return out;
}

/** Every object that has property `key` (case-insensitive), with its pointer and ancestors. */
export function findObjectsWithKey(root: unknown, key: string): ObjectRef[] {
  if (root === null || typeof root !== 'object') return [];
  let all = objectsOf.get(root);
  if (!all) objectsOf.set(root, (all = scanObjects(root)));
  return all.filter((o) => keyOf(o.node, key) !== undefined);
}

export function uiParameters(ui: unknown): JsonObject | undefined {
  const p = prop(ui, 'parameters');
  return isObject(p) ? p : undefined;
}

export interface OutputRef {
  name: string;
  value: unknown;
  /** The value as text: strings as they are, other values as compact JSON. */
  text: string;
  pointer: string;
}

export function uiOutputs(ui: unknown): { outputs: OutputRef[]; present: boolean; pointer: string } {
  const params = uiParameters(ui);
  const pKey = keyOf(ui, 'parameters');
  const oKey = keyOf(params, 'outputs');
  if (!params || !pKey || !oKey || !isObject(params[oKey])) return { outputs: [], present: Boolean(oKey && params?.[oKey] !== undefined), pointer: pKey ? `/${pKey}` : '' };
  const base = `/${pKey}/${oKey}`;
  return {
    present: true,
    pointer: base,
    outputs: Object.entries(params[oKey]).map(([name, value]) => ({ name, value, text: typeof value === 'string' ? value : JSON.stringify(value), pointer: appendPointer(base, name) })),
  };
}

/**
 * The first of `items` by each lower-cased name, as `items.find((x) => name(x).toLowerCase() === n.toLowerCase())`
 * finds it, for a rule that asks once per output: asking `find` of 10,000 steps for each of 10,000 outputs was
 * a hundred million comparisons.
 */
export function firstByLowerName<T>(items: readonly T[], name: (item: T) => string): Map<string, T> {
  const byName = new Map<string, T>();
  for (const item of items) {
    const key = name(item).toLowerCase();
    if (!byName.has(key)) byName.set(key, item);
  }
  return byName;
}

const controlsByName = new WeakMap<readonly unknown[], Map<string, JsonObject>>();

/** The first control of `elements` with each lower-cased name (objects only), kept with the list. */
export function childControlsByName(elements: readonly unknown[]): Map<string, JsonObject> {
  let byName = controlsByName.get(elements);
  if (!byName) controlsByName.set(elements, (byName = firstByLowerName(elements.filter(isObject), (e) => textOf(prop(e, 'name')))));
  return byName;
}

export function uiBasics(ui: unknown): JsonObject[] {
  const b = prop(uiParameters(ui), 'basics');
  return Array.isArray(b) ? b.filter(isObject) : [];
}

export function uiSteps(ui: unknown): { step: JsonObject; name?: string; elements: JsonObject[]; pointer: string }[] {
  const params = uiParameters(ui);
  const pKey = keyOf(ui, 'parameters');
  const sKey = keyOf(params, 'steps');
  const steps = sKey ? params![sKey] : undefined;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((s, i) => {
    if (!isObject(s)) return [];
    const els = prop(s, 'elements');
    const name = prop(s, 'name');
    return [{ step: s, ...(typeof name === 'string' ? { name } : {}), elements: Array.isArray(els) ? els.filter(isObject) : [], pointer: `/${pKey}/${sKey}/${i}` }];
  });
}

/**
 * PowerShell `-like`: `*`, `?` and `[…]` wildcards, case-insensitive, whole string. A hand-written matcher
 * (the greedy star algorithm: it only ever returns to the last star), so no pattern makes it backtrack
 * exponentially, as a translated regular expression would on `*a*a*a…`.
 */
export function like(value: string, pattern: string): boolean {
  const v = value.toLowerCase();
  const p = pattern.toLowerCase();
  // Its worst case is value × pattern steps: past ten million (texts no real createUiDefinition holds), the
  // two are compared as plain text, so a hostile package cannot make a rule run for seconds.
  if (v.length * p.length > 10_000_000) return v === p;
  /** Does pattern token at `pi` match character `c`? Returns the next pattern index, or -1. */
  const step = (pi: number, c: string): number => {
    const t = p[pi];
    if (t === '?') return pi + 1;
    if (t === '[') {
      const end = p.indexOf(']', pi + 1);
      if (end > pi) {
        const set = p.slice(pi + 1, end);
        let ok = false;
        for (let k = 0; k < set.length; k++) {
          if (set[k + 1] === '-' && k + 2 < set.length) {
            if (c >= set[k] && c <= set[k + 2]) ok = true;
            k += 2;
          } else if (set[k] === c) ok = true;
        }
        return ok ? end + 1 : -1;
      }
    }
    return t === c ? pi + 1 : -1;
  };
  let vi = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
      continue;
    }
    const next = pi < p.length ? step(pi, v[vi]) : -1;
    if (next >= 0) {
      pi = next;
      vi++;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does an output expression read a basics() control (`basics('name')…`)? */
export function outputReadsBasics(text: string, controlName: string): boolean {
  return new RegExp(`basics\\(\\s*'${escapeRe(controlName)}'\\s*\\)`, 'i').test(text);
}

/** Does an output expression read control `controlName` of step `stepName` (`steps('s')[.x]*.name`)? */
export function outputReadsStep(text: string, stepName: string, controlName: string): boolean {
  return new RegExp(`steps\\(\\s*'${escapeRe(stepName)}'\\s*\\)(?:\\.\\w+)*?\\.${escapeRe(controlName)}(?![\\w])`, 'i').test(text);
}
