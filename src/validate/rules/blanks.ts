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

/** [start, end) spans as sorted, disjoint ones (overlapping or touching spans joined), for inSpans. */
export function mergeSpans(spans: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = spans.map(([a, z]): [number, number] => [a, z]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push(span);
  }
  return out;
}

/**
 * Whether an offset lies in one of `spans` (sorted, disjoint: commentSpans, mergeSpans): a binary search, as a
 * file may hold 60,000 comments and as many properties to test.
 */
export function inSpans(spans: readonly [number, number][], at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, z] = spans[mid];
    if (at < a) hi = mid - 1;
    else if (at >= z) lo = mid + 1;
    else return true;
  }
  return false;
}

/** JavaScript's `\s`, for one character code. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Every `"name":` outside comments, as arm-ttk's expression /"([^"]{1,})"\s*:/g finds them,
 * scanned by hand so a template of 200,000 properties makes no match object per property: where each ends (just
 * after the colon) and where its name starts and ends. A quote that opens no match is where the next try starts,
 * as it is for the expression.
 */
function propertiesBefore(text: string, comments: readonly [number, number][]): { ends: number[]; nameStarts: number[]; nameEnds: number[] } {
  const ends: number[] = [];
  const nameStarts: number[] = [];
  const nameEnds: number[] = [];
  const n = text.length;
  let p = text.indexOf('"');
  while (p >= 0) {
    const q = text.indexOf('"', p + 1);
    if (q < 0) break;
    if (q > p + 1) {
      let c = q + 1;
      while (c < n && isSpace(text.charCodeAt(c))) c++;
      if (text.charCodeAt(c) === 0x3a /* : */) {
        if (!inSpans(comments, p)) {
          ends.push(c + 1);
          nameStarts.push(p + 1);
          nameEnds.push(q);
        }
        p = text.indexOf('"', c + 1);
        continue;
      }
    }
    p = q;
  }
  return { ends, nameStarts, nameEnds };
}

export function findBlanks(text: string, options: { extended?: boolean } = {}): Blank[] {
  const out: Blank[] = [];
  const comments = commentSpans(text);
  const props = propertiesBefore(text, comments);
  const lines = new LineIndex(text);
  for (const m of text.matchAll(options.extended ? BLANK_EXTENDED : BLANK)) {
    // The hit starts after the colon, where arm-ttk's look-behind places it.
    const at = m.index + 1;
    if (inSpans(comments, m.index)) continue;
    let k = 2;
    while (m[k] === undefined) k++;
    const kind = KINDS[k - 2];
    // nearest "name": ending at or before the blank (right-to-left search from the blank)
    let lo = 0;
    let hi = props.ends.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (props.ends[mid] <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) continue;
    const p = lines.position(at);
    out.push({ property: text.slice(props.nameStarts[found], props.nameEnds[found]), index: at, line: p.line, column: p.column, kind });
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
