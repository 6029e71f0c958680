// The Data Factory / Synapse pipeline parts a template carries, wherever it carries them: as Data Factory
// resources (Microsoft.DataFactory/factories/...), as Synapse workspace artifacts in the workspace's REST shape
// (`{ name, properties }`, held in a variable or parameter and published by a deployment script), or as JSON
// text inside a string (a script's argument, a here-document in a script, the literal of json() or
// base64ToString() in an expression). Pipelines are found by their `activities`, datasets by their
// `properties.type`, triggers by their recurrence, linked services and integration runtimes by their
// `properties.typeProperties` (or a self-hosted runtime's type), whatever surrounds them.

import { isExpression, tryParseExpression, walkExpression } from '../arm/expressions.js';
import { isObject, prop, propPath, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export interface Located<T = JsonObject> {
  /** JSON pointer in the template; for a part inside JSON text, the pointer of that string. */
  pointer: string;
  /** True when the part was read from JSON text inside a string. */
  inText: boolean;
  node: T;
}

export interface PipelineArtifacts {
  /** Every object with an `activities` list (a pipeline's properties, or a container activity's typeProperties). */
  activityLists: Located<unknown[]>[];
  /** Objects with `properties.type` and a name: datasets (Office365Table, Parquet, Json…), by name. */
  datasets: Located[];
  /** Objects whose properties are a trigger with a recurrence. */
  triggers: Located[];
  /**
   * Other named parts with a `properties.type`: linked services and integration runtimes (found by the name a
   * dataset's linkedServiceName or a linked service's connectVia gives, see partNamed).
   */
  services: Located[];
}

/** Largest JSON text inside a string that is parsed to look for pipeline parts. */
const MAX_EMBEDDED_JSON = 4 * 1024 * 1024;
/** Deepest nesting followed (the walk is iterative; this only bounds work on hostile input). */
const MAX_DEPTH = 256;

const cache = new WeakMap<object, PipelineArtifacts>();

/** Most JSON blocks taken from one string of other text (a script with the pipeline in a here-document). */
const MAX_BLOCKS = 64;
const MENTIONS_PARTS = /office365source|office365table|"activities"|"recurrence"/i;

function parseObject(text: string): unknown {
  try {
    const v = JSON.parse(text) as unknown;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The top-level `{…}` blocks of a text, braces inside JSON strings ignored; linear in the text. */
function braceBlocks(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length && out.length < MAX_BLOCKS; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      if (depth > 0) inString = true;
    } else if (c === 123) {
      if (depth++ === 0) start = i;
    } else if (c === 125 && depth > 0 && --depth === 0) {
      out.push(text.slice(start, i + 1));
    }
  }
  return out;
}

/** The literal text an ARM expression hands over as JSON: `json('…')` or `base64ToString('…')` of a literal. */
function expressionTexts(expression: string): string[] {
  const node = tryParseExpression(expression);
  if (!node) return [];
  const out: string[] = [];
  for (const n of walkExpression(node)) {
    if (n.kind !== 'call' || n.args.length !== 1 || n.args[0].kind !== 'string') continue;
    const name = n.name.toLowerCase();
    if (name === 'json') out.push(n.args[0].value);
    else if (name === 'base64tostring') out.push(Buffer.from(n.args[0].value, 'base64').toString('utf8'));
  }
  return out;
}

/**
 * JSON objects carried inside a string that mention pipeline parts: the whole string when it is JSON, the JSON
 * blocks of other text (a script), or the literal handed to json()/base64ToString() in an ARM expression.
 */
function embeddedObjects(text: string): unknown[] {
  if (text.length > MAX_EMBEDDED_JSON) return [];
  const expression = isExpression(text);
  if (expression ? !/(json|base64tostring)\s*\(\s*'/i.test(text) : !MENTIONS_PARTS.test(text)) return [];
  const texts = expression ? expressionTexts(text) : [text];
  const out: unknown[] = [];
  for (const t of texts) {
    if (!MENTIONS_PARTS.test(t)) continue;
    const trimmed = t.trim();
    const whole = trimmed.startsWith('{') ? parseObject(trimmed) : undefined;
    if (whole !== undefined) out.push(whole);
    else for (const block of braceBlocks(t)) if (MENTIONS_PARTS.test(block)) out.push(...[parseObject(block)].filter((v) => v !== undefined));
  }
  return out;
}

interface Frame {
  node: unknown;
  parent: Frame | undefined;
  key: string | number;
  /** The frame of the string this JSON text was parsed from, when inside one. */
  text: Frame | undefined;
  depth: number;
}

/** A frame's pointer, built only for the parts found (most of a template is not a pipeline). */
function pointerOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  return keys.length ? appendPointer('', ...keys.reverse()) : '';
}

/** The pipeline parts of a template (computed once per template object). */
export function pipelineArtifacts(template: unknown): PipelineArtifacts {
  if (isObject(template)) {
    const hit = cache.get(template);
    if (hit) return hit;
  }
  const out: PipelineArtifacts = { activityLists: [], datasets: [], triggers: [], services: [] };
  const stack: Frame[] = [{ node: template, parent: undefined, key: '', text: undefined, depth: 0 }];
  const located = <T>(frame: Frame, node: T, childKey?: string): Located<T> =>
    frame.text ? { pointer: pointerOf(frame.text), inText: true, node } : { pointer: childKey === undefined ? pointerOf(frame) : appendPointer(pointerOf(frame), childKey), inText: false, node };
  while (stack.length) {
    const frame = stack.pop()!;
    const { node, depth } = frame;
    if (typeof node === 'string') {
      if (frame.text) continue;
      for (const parsed of embeddedObjects(node)) stack.push({ node: parsed, parent: undefined, key: '', text: frame, depth: depth + 1 });
      continue;
    }
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const v: unknown = node[i];
        if (v !== null && (typeof v === 'object' || typeof v === 'string')) stack.push({ node: v, parent: frame, key: i, text: frame.text, depth: depth + 1 });
      }
      continue;
    }
    const obj = node as JsonObject;
    const keys = Object.keys(obj);
    for (const k of keys) {
      const lower = k.length === 10 || k.length === 4 ? k.toLowerCase() : '';
      if (lower === 'activities' && Array.isArray(obj[k])) out.activityLists.push(located(frame, obj[k] as unknown[], k));
      else if (lower === 'name' && typeof obj[k] === 'string') {
        const properties = prop(obj, 'properties');
        if (!isObject(properties)) continue;
        const type = textOf(prop(properties, 'type'));
        if (isObject(propPath(properties, 'typeProperties.recurrence')) && /trigger$/i.test(type)) out.triggers.push(located(frame, obj));
        else if (type && (isObject(prop(properties, 'linkedServiceName')) || /office365table/i.test(type))) out.datasets.push(located(frame, obj));
        else if (type && (isObject(prop(properties, 'typeProperties')) || /^selfhosted$/i.test(type))) out.services.push(located(frame, obj));
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const v: unknown = obj[keys[i]];
      if (v !== null && (typeof v === 'object' || typeof v === 'string')) stack.push({ node: v, parent: frame, key: keys[i], text: frame.text, depth: depth + 1 });
    }
  }
  if (isObject(template)) cache.set(template, out);
  return out;
}

/** The short name a dataset is referenced by: its own name, or the last segment of a Data Factory resource name. */
export function datasetMatches(dataset: JsonObject, reference: string): boolean {
  const name = textOf(prop(dataset, 'name'));
  return name === reference || name.includes(`'${reference}'`) || name.endsWith(`/${reference}`);
}

/**
 * The part a reference names: `reference` is a literal name or an ARM expression naming it through a variable or a
 * parameter (`[variables('x')]`); a part's name is its own name, or the last segment of a Data Factory resource name,
 * literal or built from the same variable (`[format('{0}/{1}', variables('f'), variables('x'))]`), or from a
 * variable holding the literal name.
 */
export function partNamed<T extends { node: JsonObject }>(parts: T[], reference: unknown, template: unknown): T | undefined {
  if (typeof reference !== 'string' || !reference) return undefined;
  const variables = prop(template, 'variables');
  const literal = (name: string) => (isObject(variables) ? textOf(prop(variables, name)) : '');
  const ref = /^\[\s*(variables|parameters)\('([^']+)'\)\s*\]$/i.exec(reference);
  const refLiteral = ref?.[1].toLowerCase() === 'variables' ? literal(ref[2]) : '';
  return parts.find((p) => {
    const name = textOf(prop(p.node, 'name'));
    if (ref) return name === reference || name.includes(`${ref[1]}('${ref[2]}')`) || (refLiteral !== '' && nameIs(name, refLiteral, literal));
    return nameIs(name, reference, literal);
  });
}

function nameIs(name: string, literal: string, variable: (name: string) => string): boolean {
  if (name === literal || name.endsWith(`/${literal}`) || name.includes(`'${literal}'`)) return true;
  // `[format('{0}/{1}', variables('f'), variables('x'))]` with x = literal: the last variable the name uses.
  const used = [...name.matchAll(/variables\('([^']+)'\)/gi)].map((m) => m[1]);
  return used.length > 0 && variable(used[used.length - 1]) === literal;
}
