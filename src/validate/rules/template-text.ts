// Text-level queries for template rules that arm-ttk implements with regular expressions over the
// template text. The region is the template's own text, without the inner templates cut out of it.

import type { TemplateContext } from '../rule.js';
import { inSpans, mergeSpans } from './blanks.js';

export interface TextHit {
  index: number;
  text: string;
  groups: string[];
}

/** The template's text: [start, end), without the holes (sorted and disjoint, for inSpans) its inner templates leave. */
export function templateRegion(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers'>): { start: number; end: number; holes: [number, number][] } {
  const whole = ctx.file.json.span(ctx.base) ?? [0, ctx.file.text.length];
  const holes = mergeSpans(ctx.cutPointers.map((p) => ctx.file.json.span(p)).filter((s): s is [number, number] => Boolean(s)));
  return { start: whole[0], end: whole[1], holes };
}

export function* textHits(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers'>, re: RegExp): Generator<TextHit> {
  const { start, end, holes } = templateRegion(ctx);
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const text = ctx.file.text;
  g.lastIndex = start;
  for (let m = g.exec(text); m && m.index < end; m = g.exec(text)) {
    if (m[0] === '') g.lastIndex++;
    if (inSpans(holes, m.index)) continue;
    yield { index: m.index, text: m[0], groups: m.slice(1).map((x) => x ?? '') };
  }
}

/** The pointer of the innermost value whose text contains offset (for reporting a text hit), within the context. */
export function pointerAt(ctx: Pick<TemplateContext, 'file' | 'base'>, offset: number): string {
  const pointer = ctx.file.json.pointerContaining(offset);
  return pointer === ctx.base || pointer.startsWith(`${ctx.base}/`) ? pointer : ctx.base;
}

/** The nearest `"name":` before an offset (arm-ttk's right-to-left property search). */
export function propertyBefore(text: string, offset: number, floor = 0): string | undefined {
  const re = /"([^"]{1,})"\s*:/g;
  let last: string | undefined;
  re.lastIndex = Math.max(floor, offset - 4000);
  for (let m = re.exec(text); m && m.index + m[0].length <= offset; m = re.exec(text)) last = m[1];
  if (last === undefined && offset - 4000 > floor) {
    re.lastIndex = floor;
    for (let m = re.exec(text); m && m.index + m[0].length <= offset; m = re.exec(text)) last = m[1];
  }
  return last;
}

const REFERENCE: Record<'parameters' | 'variables', RegExp> = {
  parameters: /parameters\s*\(\s*'([^']*)'\s*\)/gi,
  variables: /variables\s*\(\s*'([^']*)'\s*\)/gi,
};
/** `variables('…').name` and `variables('…')['name']`: a variable's property read (a copy loop's variables are read so). */
const PROPERTY_OF_VARIABLE = /variables\s*\(\s*'[^']*'\s*\)\s*(?:\.\s*(\w+)|\[\s*'([^']*)'\s*\])/gi;
const referenced = new WeakMap<object, Map<string, Set<string>>>();

/**
 * A rule that must look for one name on its own (a name holding a quote, which no one-pass scan can read) scans the
 * template's text for it at most NAME_SCANS times per template, the bound createUiDefinition's output rules keep
 * too; past it, a name is taken as used.
 */
export { NAME_SCANS as NAME_SCANS_PER_TEMPLATE } from '../../package-model/output-readers.js';

/**
 * The names (lower case) a template context references as `parameters('name')` or `variables('name')`
 * inside an expression, from one pass over its text (cached per context: each rule asks for every name).
 */
export function referencedNames(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers' | 'template'>, fn: 'parameters' | 'variables'): Set<string> {
  let byFn = referenced.get(ctx.template);
  if (!byFn) referenced.set(ctx.template, (byFn = new Map<string, Set<string>>()));
  let names = byFn.get(fn);
  if (!names) {
    names = new Set();
    const inside = insideExpressionInOrder(ctx.file.text);
    for (const hit of textHits(ctx, REFERENCE[fn])) if (inside(hit.index)) names.add(hit.groups[0].toLowerCase());
    byFn.set(fn, names);
  }
  return names;
}

/**
 * The names (lower case) a template context reads as a property of a variable inside an expression, from one pass
 * over its text: a word after a dot, or a quoted name in brackets.
 */
export function variablePropertyNames(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers' | 'template'>): Set<string> {
  let byFn = referenced.get(ctx.template);
  if (!byFn) referenced.set(ctx.template, (byFn = new Map<string, Set<string>>()));
  let names = byFn.get('variable properties');
  if (!names) {
    names = new Set();
    const inside = insideExpressionInOrder(ctx.file.text);
    for (const hit of textHits(ctx, PROPERTY_OF_VARIABLE)) if (inside(hit.index)) names.add((hit.groups[0] || hit.groups[1]).toLowerCase());
    byFn.set('variable properties', names);
  }
  return names;
}

/** Is the reference at `index` inside an expression? (The nearest `[`, `"` or `@` before it is not a quote.) */
export function insideExpression(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '[' || c === '@') return true;
    if (c === '"' && text[i - 1] !== '\\') return false;
  }
  return false;
}

/**
 * insideExpression for offsets asked in increasing order (the hits of one scan): one forward pass keeps the
 * nearest `[`, `@` or unescaped `"` so far, where asking each hit on its own scanned back to the start of its
 * expression (a 640 kB expression of 40,000 parameters() took 30 s). An offset before the last asked is answered
 * on its own.
 */
export function insideExpressionInOrder(text: string): (index: number) => boolean {
  let at = 0;
  let inside = false;
  return (index) => {
    if (index < at) return insideExpression(text, index);
    for (; at < index; at++) {
      const c = text.charCodeAt(at);
      if (c === 0x5b /* [ */ || c === 0x40 /* @ */) inside = true;
      else if (c === 0x22 /* " */ && text.charCodeAt(at - 1) !== 0x5c /* \ */) inside = false;
    }
    return inside;
  };
}
