// Regular expressions from untrusted files (a template set's input patterns, a createUiDefinition's regex
// constraints), run in time linear in the text: RE2's engine (re2js) has no backtracking, so a pattern like
// ^(a+)+$ cannot hang a build or a preview. What RE2 cannot run is said to be so rather than run unsafely:
// backreferences and lookaround, except lookaheads at the start of an anchored pattern (the usual password
// rule, ^(?=.*[A-Z])(?=.*\d).{12,}$), which are checked as separate linear tests of the same text.

import { RE2JS } from 're2js';

export interface LinearRegex {
  /** Does the pattern match somewhere in the text (as RegExp.prototype.test)? */
  test(text: string): boolean;
}

export type LinearCompiled = { regex: LinearRegex } | { error: string; unsupported: boolean };

export interface LinearOptions {
  ignoreCase?: boolean;
  /** .NET syntax (arm-ttk's reading of createUiDefinition): inline options, (?#…) comments, (?'name'…). */
  dotNet?: boolean;
}

/** The end (exclusive) of the group opening at `start`, escapes and character classes respected. */
function groupEnd(p: string, start: number): number | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/** Leading lookaheads of an anchored pattern: ^(?=A)(?!B)rest → [{A, true}, {B, false}], rest. */
function splitLeadingLookaheads(p: string): { heads: { body: string; positive: boolean }[]; rest: string } {
  const heads: { body: string; positive: boolean }[] = [];
  if (!p.startsWith('^')) return { heads, rest: p };
  let i = 1;
  while (p.startsWith('(?=', i) || p.startsWith('(?!', i)) {
    const end = groupEnd(p, i);
    if (end === undefined) break;
    heads.push({ body: p.slice(i + 3, end - 1), positive: p[i + 2] === '=' });
    i = end;
  }
  return { heads, rest: heads.length ? `^${p.slice(i)}` : p };
}

function translateDotNet(pattern: string): { pattern: string; ignoreCase: boolean; dotAll: boolean; multiline: boolean } {
  let p = pattern;
  let ignoreCase = false;
  let dotAll = false;
  let multiline = false;
  const inline = /^\(\?([imsx]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    ignoreCase = inline[1].includes('i');
    multiline = inline[1].includes('m');
    dotAll = inline[1].includes('s');
  }
  p = p.replace(/\(\?#[^)]*\)/g, '').replace(/\(\?'([A-Za-z_]\w*)'/g, '(?<$1>').replace(/\\Z/g, '$');
  return { pattern: p, ignoreCase, dotAll, multiline };
}

export function compileLinear(pattern: string, options: LinearOptions = {}): LinearCompiled {
  let p = pattern;
  let flags = options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0;
  if (options.dotNet) {
    const t = translateDotNet(pattern);
    p = t.pattern;
    if (t.ignoreCase) flags |= RE2JS.CASE_INSENSITIVE;
    if (t.dotAll) flags |= RE2JS.DOTALL;
    if (t.multiline) flags |= RE2JS.MULTILINE;
  }
  const { heads, rest } = flags & RE2JS.MULTILINE ? { heads: [], rest: p } : splitLeadingLookaheads(p);
  try {
    const main = RE2JS.compile(rest, flags);
    const checks = heads.map((h) => ({ re: RE2JS.compile(`^(?:${h.body})`, flags), positive: h.positive }));
    return { regex: { test: (text) => checks.every((c) => c.re.matcher(text).find() === c.positive) && main.matcher(text).find() } };
  } catch (e) {
    const reason = (e as Error).message.replace(/^error parsing regexp: /, '');
    let acceptedByBacktracking = true;
    try {
      new RegExp(p, 'u');
    } catch {
      try {
        new RegExp(p);
      } catch {
        acceptedByBacktracking = false;
      }
    }
    return acceptedByBacktracking ? { error: `it uses syntax offerkit cannot run in linear time (${reason}): backreferences, lookbehind, possessive quantifiers, or lookahead other than at the start of a pattern beginning with ^`, unsupported: true } : { error: reason, unsupported: false };
  }
}

/** A match of a linear pattern: where it is and its groups (0 the whole match; undefined for a group not taken). */
export interface LinearMatch {
  index: number;
  end: number;
  groups: (string | undefined)[];
}

export interface LinearPattern {
  /** The first match, or undefined. */
  exec(text: string): LinearMatch | undefined;
  /** Every match, left to right (as String.prototype.matchAll with the g flag). */
  all(text: string): LinearMatch[];
  test(text: string): boolean;
}

/**
 * offerkit's own patterns over text a stranger wrote (a package's README, a listing's HTML), run by RE2's
 * engine: no backtracking, so a line of 100,000 `@` costs one pass, not 10¹⁰ steps. RE2 syntax (no lookaround,
 * no backreferences); `multiline` makes ^ and $ match at line breaks, `dotAll` lets . match one.
 */
export function linearPattern(pattern: string, flags: { multiline?: boolean; ignoreCase?: boolean; dotAll?: boolean } = {}): LinearPattern {
  const re = RE2JS.compile(pattern, (flags.multiline ? RE2JS.MULTILINE : 0) | (flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.dotAll ? RE2JS.DOTALL : 0));
  const count = re.groupCount();
  const read = (m: ReturnType<typeof re.matcher>): LinearMatch => {
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= count; g++) groups.push(m.group(g) ?? undefined);
    return { index: m.start(), end: m.end(), groups };
  };
  return {
    exec: (text) => {
      const m = re.matcher(text);
      return m.find() ? read(m) : undefined;
    },
    all: (text) => {
      const m = re.matcher(text);
      const out: LinearMatch[] = [];
      while (m.find()) out.push(read(m));
      return out;
    },
    test: (text) => re.matcher(text).find(),
  };
}
