// Reading createUiDefinition the way the portal (and arm-ttk) do: controls are objects with a `type`,
// anywhere in the document; outputs map template parameters to expressions over basics() and steps().

import { isObject, keyOf, prop, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';

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
  const out: ControlRef[] = [];
  const want = type?.toLowerCase();
  const visit = (node: unknown, pointer: string, ancestors: JsonObject[], depth: number) => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, appendPointer(pointer, i), ancestors, depth + 1));
      return;
    }
    if (!isObject(node)) return;
    const t = prop(node, 'type');
    if (typeof t === 'string' && (!want || t.toLowerCase() === want)) {
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

/** Every object that has property `key` (case-insensitive), with its pointer and ancestors. */
export function findObjectsWithKey(root: unknown, key: string): { node: JsonObject; pointer: string; ancestors: JsonObject[]; path: string[] }[] {
  const out: { node: JsonObject; pointer: string; ancestors: JsonObject[]; path: string[] }[] = [];
  const visit = (node: unknown, pointer: string, ancestors: JsonObject[], path: string[], depth: number) => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, appendPointer(pointer, i), ancestors, [...path, String(i)], depth + 1));
      return;
    }
    if (!isObject(node)) return;
    if (keyOf(node, key)) out.push({ node, pointer, ancestors, path });
    const next = [node, ...ancestors];
    for (const [k, v] of Object.entries(node)) visit(v, appendPointer(pointer, k), next, [...path, k], depth + 1);
  };
  visit(root, '', [], [], 0);
  return out;
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

/** PowerShell `-like`: `*`, `?` and `[…]` wildcards, case-insensitive, whole string. */
export function like(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end > i) {
        re += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      } else re += '\\[';
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, 'is').test(value);
  } catch {
    return false;
  }
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
