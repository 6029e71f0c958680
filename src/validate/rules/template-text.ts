// Text-level queries for template rules that arm-ttk implements with regular expressions over the
// template text. The region is the template's own text, without the inner templates cut out of it.

import type { TemplateContext } from '../rule.js';

export interface TextHit {
  index: number;
  text: string;
  groups: string[];
}

export function templateRegion(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers'>): { start: number; end: number; holes: [number, number][] } {
  const whole = ctx.file.json.span(ctx.base) ?? [0, ctx.file.text.length];
  const holes = ctx.cutPointers.map((p) => ctx.file.json.span(p)).filter((s): s is [number, number] => Boolean(s));
  return { start: whole[0], end: whole[1], holes };
}

export function* textHits(ctx: Pick<TemplateContext, 'file' | 'base' | 'cutPointers'>, re: RegExp): Generator<TextHit> {
  const { start, end, holes } = templateRegion(ctx);
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const text = ctx.file.text;
  g.lastIndex = start;
  for (let m = g.exec(text); m && m.index < end; m = g.exec(text)) {
    if (m[0] === '') g.lastIndex++;
    if (holes.some(([a, b]) => m.index >= a && m.index < b)) continue;
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
const referenced = new WeakMap<object, Map<string, Set<string>>>();

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
    for (const hit of textHits(ctx, REFERENCE[fn])) if (insideExpression(ctx.file.text, hit.index)) names.add(hit.groups[0].toLowerCase());
    byFn.set(fn, names);
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
