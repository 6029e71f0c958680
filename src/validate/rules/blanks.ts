// Text-level blank detection shared by the two "no blanks" rules: finds `:` followed by `{}`, `[]`,
// `""` or `null`, and the nearest preceding property name (as arm-ttk's regular expressions do, so a
// colon inside a string counts too). Each hit is mapped back to a JSON pointer when the text parses.

import type { JsonSource } from '../../util/json-source.js';
import { LineIndex } from '../../util/line-index.js';

export interface Blank {
  property: string;
  index: number;
  line: number;
  column: number;
  kind: '{}' | '[]' | '""' | 'null' | '[{}]' | '[""]';
  pointer?: string;
}

/**
 * `:` then a blank value. One pass over the text: the alternatives cannot match at the same colon, so one
 * alternation finds what a regular expression per kind would. Group 1 is the whitespace after the colon.
 */
const BLANK = /:(\s*)(?:(\{\s*\})|(\[\s*\])|("\s*")|(null))/g;
/** createUiDefinition also treats a list holding one empty object or string as blank. */
const BLANK_EXTENDED = /:(\s*)(?:(\{\s*\})|(\[\s*\])|("\s*")|(null)|(\[\s*\{\s*\}\s*\])|(\[\s*"\s*"\s*\]))/g;
const KINDS: Blank['kind'][] = ['{}', '[]', '""', 'null', '[{}]', '[""]'];
const PROPERTY_BEFORE = /"([^"]{1,})"\s*:/g;

/**
 * [start, end) of every `//` and `/* … *\/` comment of a JSON text (outside strings). ARM reads templates with
 * comments and ignores them; so do the blanks rules: a commented-out `"tags": {}` is not a blank of the template.
 */
export function commentSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes('/')) return spans;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = stringLiteralSpan(text, i)[1];
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      spans.push([i, end]);
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      spans.push([i, end]);
      i = end;
      continue;
    }
    i++;
  }
  return spans;
}

export function findBlanks(text: string, options: { extended?: boolean } = {}): Blank[] {
  const out: Blank[] = [];
  const comments = commentSpans(text);
  const inComment = (at: number) => comments.some(([a, z]) => at >= a && at < z);
  const props: { index: number; name: string }[] = [];
  for (const m of text.matchAll(PROPERTY_BEFORE)) if (!inComment(m.index)) props.push({ index: m.index + m[0].length, name: m[1] });
  const lines = new LineIndex(text);
  for (const m of text.matchAll(options.extended ? BLANK_EXTENDED : BLANK)) {
    // The hit starts after the colon, where arm-ttk's look-behind places it.
    const at = m.index + 1;
    if (inComment(m.index)) continue;
    let k = 2;
    while (m[k] === undefined) k++;
    const kind = KINDS[k - 2];
    // nearest "name": ending at or before the blank (right-to-left search from the blank)
    let lo = 0;
    let hi = props.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (props[mid].index <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) continue;
    const p = lines.position(at);
    out.push({ property: props[found].name, index: at, line: p.line, column: p.column, kind });
  }
  return out.sort((a, b) => a.index - b.index);
}

const blanksBySource = new WeakMap<JsonSource, Map<boolean, Blank[]>>();

/** The blanks of a parsed file with their pointers, found once per file (every template context of it asks). */
export function blanksOf(source: JsonSource, options: { extended?: boolean } = {}): readonly Blank[] {
  const extended = Boolean(options.extended);
  let byKind = blanksBySource.get(source);
  if (!byKind) blanksBySource.set(source, (byKind = new Map<boolean, Blank[]>()));
  let blanks = byKind.get(extended);
  if (!blanks) byKind.set(extended, (blanks = withPointers(source, findBlanks(source.text, { extended }))));
  return blanks;
}

/** Adds JSON pointers to blanks found in a parsed JSON text (a blank value's pointer is its property's). */
export function withPointers(source: JsonSource, blanks: Blank[]): Blank[] {
  if (!blanks.length || source.value === undefined) return blanks;
  const text = source.text;
  return blanks.map((b) => {
    // The value starts after the colon and whitespace.
    let o = b.index;
    while (/\s/.test(text[o] ?? '')) o++;
    const pointer = source.pointerAt(o);
    return pointer ? { ...b, pointer } : b;
  });
}

/** [start, end) of the JSON string literal that opens at `start` (a quote), escapes respected. */
export function stringLiteralSpan(text: string, start: number): [number, number] {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return [start, i + 1];
}
