// The handlebars environment template sets render with. Templates render JSON, so offer values may
// only reach the output through helpers that emit valid, escaped JSON:
//   {{json value}}       a JSON literal (strings quoted and escaped; a string ARM would evaluate as an
//                        expression, `[…]`, is escaped as `[[…]`)
//   {{armString value}}  text inside a single-quoted literal of an ARM expression, `'…'` → quotes doubled
//   {{sep}}              a comma between items of {{#each}}, none after the last
//   {{> name key=value}} a partial the template set declares (templateset.yaml `partials`), rendered with the
//                        same guard, helpers and strict mode, with the current context and the hash values
// A template using any other output form ({{value}}, {{{value}}}, undeclared or dynamic partials, partial
// blocks, decorators) is refused when the template set is loaded, with its line and column.

import Handlebars from 'handlebars';
import vm from 'node:vm';
import { guidFrom } from '../util/guid.js';
import type { Diagnostic } from '../diagnostics.js';
import { isExpression } from '../arm/expressions.js';
import { didYouMean } from '../util/nearest.js';
import { precompiled, precompiledEntry } from './precompiled-templates.js';


export interface CompiledTemplate {
  file: string;
  body: string;
  /**
   * Renders within the budgets; `limits.maxMs` replaces the wall-clock one (MAX_RENDER_MS) for a caller that
   * must see another budget stop a render whatever the machine's speed.
   */
  render: (context: unknown, limits?: { maxMs?: number }) => string;
  /** Names of the partials the template includes (`{{> name}}`), in order of first use. */
  includes: string[];
  /** The compiled function itself, called with handlebars' runtime options (how a partial is invoked). */
  fn: (context: unknown, options?: Handlebars.RuntimeOptions) => string;
}

/**
 * The partials a template set declares: the names a template may include (known before any is compiled), and
 * the compiled partials, filled in as the set is loaded. Templates render with whatever the map holds then.
 */
export interface PartialLibrary {
  names: ReadonlySet<string>;
  compiled: Map<string, CompiledTemplate>;
}

/** The template a render error happened in, when it happened inside a partial. */
const FAILED_IN = Symbol('offerkit.failedIn');
type Tagged = Error & { [FAILED_IN]?: CompiledTemplate };

/**
 * A render failure (a value the context does not have, a helper that throws) as a diagnostic at the
 * template's line and column, naming the field the template asked for.
 */
export function renderFailure(outer: CompiledTemplate, e: unknown, output: string): Diagnostic {
  const err = e as Tagged & { lineNumber?: number; column?: number };
  // An error inside a partial is placed in the partial's file, where its line and column are.
  const template = (e instanceof Error ? err[FAILED_IN] : undefined) ?? outer;
  let line = err.lineNumber;
  let column = err.column !== undefined ? err.column + 1 : undefined;
  const first = String(err.message ?? e).split('\n')[0].replace(/ - \d+:\d+$/, '');
  let message = `Rendering ${output} failed: ${first}`;
  // Strict mode names the missing key; a lookup through an absent parent only says what it was reading.
  const name = /^"(.+)" not defined in /.exec(first)?.[1] ?? /^Cannot read properties of (?:undefined|null) \(reading '(.+)'\)/.exec(first)?.[1];
  if (name) {
    const lines = template.body.split('\n');
    const pathRe = new RegExp(`[\\w@.\\/-]*\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
    let field = name;
    // The whole path the template wrote (offer.support.fax), read back from the template at that place,
    // or — without a place — from the first mustache that uses the name.
    const candidates = line ? [line] : lines.map((_, i) => i + 1);
    for (const n of candidates) {
      const text = lines[n - 1] ?? '';
      const from = line && column ? column - 1 : 0;
      const mustache = /\{\{[^}]*\}\}/g;
      mustache.lastIndex = from;
      let found: string | undefined;
      for (let m = mustache.exec(text); m; m = mustache.exec(text)) {
        const hit = pathRe.exec(m[0].replace(/^\{\{[#^/]?\s*/, ''))?.[0];
        if (hit?.includes('.')) {
          found = hit;
          if (!line) {
            line = n;
            column = m.index + 1;
          }
          break;
        }
      }
      if (found) {
        field = found;
        break;
      }
    }
    message = `Rendering ${output} failed: the template asks for "${field}", which the render context does not have.`;
  }
  if (e instanceof RenderBudgetError) {
    return { code: 'render-budget', severity: 'error', message: `Rendering ${output} stopped: ${e.message}; offerkit bounds every render.`, file: template.file, ...(line ? { line, column: column ?? 1 } : {}), hint: 'Loop over smaller lists or nest fewer loops: the limits are 1,000,000 loop turns, 8 MB of output and 3 s per file.' };
  }
  return {
    code: 'render-failed',
    severity: 'error',
    message,
    file: template.file,
    ...(line ? { line, column: column ?? 1 } : {}),
    hint: name ? 'Check the spelling of the field: optional fields of the render context are there as null when the offer leaves them out, so {{#if}} tests them and a name the context lacks is a typo.' : 'Check the values the template passes to this helper.',
  };
}

const OUTPUT_HELPERS = new Set(['json', 'armString', 'sep']);
const NO_ARGUMENT_OUTPUT = new Set(['sep']);

const hb = Handlebars.create();

/** Bounds of one render, whatever the template and the offer: block nesting, loop iterations, output size. */
export const MAX_BLOCK_DEPTH = 50;
/**
 * Handlebars tags in one template. offerkit's own sets have about 100; handlebars needs seconds and hundreds
 * of megabytes to compile tens of thousands (40 s for 150,000; 5,000 took 180 MB), so a template with more
 * than 2,000 (0.7 s, 90 MB) is refused before handlebars reads it.
 */
export const MAX_TAGS = 2000;
export const MAX_ITERATIONS = 1_000_000;
/**
 * Characters one render may make, in loops and in helpers each. Azure Resource Manager takes no template over
 * 4 MB ("Limit the size of your template to 4 MB", learn.microsoft.com/azure/azure-resource-manager/templates/
 * best-practices), so twice that is room enough; what is rendered is parsed with positions next, and a bound
 * of 8 MB keeps that within the 300 MB every command stays under.
 */
export const MAX_OUTPUT_CHARS = 8 * 1024 * 1024;
/** Wall-clock time of one render, checked at every helper call and loop turn. */
export const MAX_RENDER_MS = 3000;

export class RenderBudgetError extends Error {}

type Loc = { start: { line: number; column: number } } | undefined;
/** The error, placed at the helper call the template wrote (handlebars gives helpers their location). */
function placed<E extends Error>(e: E, loc: Loc): E {
  const err = e as E & { lineNumber?: number; column?: number };
  if (loc && err.lineNumber === undefined) Object.assign(err, { lineNumber: loc.start.line, column: loc.start.column });
  return err;
}

let iterations = 0;
let produced = 0;
/** Characters the helpers made in this render (their output and the strings they computed), apart from loops. */
let made = 0;
let deadline = Infinity;
function checkClock(): void {
  if (performance.now() > deadline) throw new RenderBudgetError(`the render took more than ${MAX_RENDER_MS / 1000} s`);
}
// `each` counts its iterations and what they produce across the whole render: nested loops over large lists
// (2,000³ items) stop with a finding instead of growing to gigabytes.
const builtinEach = hb.helpers.each;
hb.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
  // Looping over a field the context does not have is a mistake (a typo renders nothing, silently): the
  // same error strict mode gives a mustache, naming the path, so the finding points at the template line.
  if (context === undefined) {
    const path = (options as { ids?: unknown[] }).ids?.[0];
    throw new Error(`"${typeof path === 'string' ? path.replace(/^(\.\.\/|this\.|@root\.)+/, '') : 'the list'}" not defined in the render context`);
  }
  const fn = options.fn;
  const counted = Object.assign(Object.create(options) as Handlebars.HelperOptions, {
    fn: (ctx: unknown, o?: Handlebars.RuntimeOptions) => {
      if (++iterations > MAX_ITERATIONS) throw placed(new RenderBudgetError(`{{#each}} ran more than ${MAX_ITERATIONS} times in one render`), (options as { loc?: Loc }).loc);
      if ((iterations & 0xff) === 0) {
        try {
          checkClock();
        } catch (e) {
          throw placed(e as Error, (options as { loc?: Loc }).loc);
        }
      }
      const text = fn(ctx, o);
      produced += text.length;
      if (produced > MAX_OUTPUT_CHARS) throw placed(new RenderBudgetError(`the loops produced more than ${MAX_OUTPUT_CHARS} characters in one render`), (options as { loc?: Loc }).loc);
      return text;
    },
  });
  return builtinEach.call(this, context, counted) as unknown;
});

/**
 * What helpers make counts against the same 8 MB as loops do, checked before the text is made: a template
 * writing `{{json offer.big}}` 150,000 times, or doubling a string with `concat` inside nested `{{#with}}`,
 * stops with a finding at that helper instead of growing until V8 gives up.
 */
function charge(chars: number): void {
  if (made + chars > MAX_OUTPUT_CHARS) throw new RenderBudgetError(`the helpers made more than ${MAX_OUTPUT_CHARS} characters in one render`);
  made += chars;
}

/**
 * `{{json value}}`: JSON text with ARM's literal escape (a string value ARM would evaluate, `[…]`, is written
 * `[[…]`; keys are not evaluated, so not escaped). Measured first, in one walk that stops at the render's
 * budget without making any text: a list holding itself twice 40 levels deep (`array` in nested `{{#with}}`)
 * costs a count, not memory. Only a value that fits is then written, by JSON.stringify. Object keys are
 * written as they are, `__proto__` included (names are data).
 */
export function jsonLiteral(value: unknown, maxChars = MAX_OUTPUT_CHARS): string {
  const escape = (_key: string, v: unknown): unknown => (typeof v === 'string' && isExpression(v) ? `[${v}` : v);
  // A single value (most calls, and a loop's million turns) needs no walk.
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length < maxChars / 6)) return JSON.stringify(escape('', value)) ?? 'null';
  let size = 0;
  let nodes = 0;
  const lengths = new Map<string, number>();
  const add = (n: number) => {
    size += n;
    if (size > maxChars) throw new RenderBudgetError(`the helpers made more than ${MAX_OUTPUT_CHARS} characters in one render`);
  };
  const quoted = (v: string, key: boolean): number => {
    const id = key ? `k${v}` : `v${v}`;
    let n = lengths.get(id);
    if (n === undefined) {
      n = JSON.stringify(key ? v : escape('', v)).length;
      if (lengths.size < 4096 && v.length < 4096) lengths.set(id, n);
    }
    return n;
  };
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  const measure = (v: unknown, depth: number): void => {
    if ((++nodes & 0x3ff) === 0) checkClock();
    if (depth > 512) throw new Error('json: the value is nested more than 512 levels deep');
    if (v === null) add(4);
    else if (typeof v === 'string') add(quoted(v, false));
    else if (typeof v === 'number') add(Number.isFinite(v) ? String(v).length : 4);
    else if (typeof v === 'boolean') add(v ? 4 : 5);
    else if (typeof v === 'bigint') throw new TypeError('json: a bigint has no JSON form');
    else if (Array.isArray(v)) {
      add(2 + Math.max(0, v.length - 1));
      for (const item of v as unknown[]) {
        if (skipped(item)) add(4);
        else measure(item, depth + 1);
      }
    } else if (typeof v === 'object') {
      const entries = Object.entries(v).filter(([, item]) => !skipped(item));
      add(2 + Math.max(0, entries.length - 1));
      for (const [k, item] of entries) {
        add(quoted(k, true) + 1);
        measure(item, depth + 1);
      }
    }
  };
  measure(value, 0);
  return JSON.stringify(value, escape) ?? 'null';
}

function options(args: unknown[]): Handlebars.HelperOptions {
  return args[args.length - 1] as Handlebars.HelperOptions;
}

hb.registerHelper('json', (value: unknown) => {
  if (value === undefined) throw new Error('json: value is undefined');
  const text = jsonLiteral(value, MAX_OUTPUT_CHARS - made);
  charge(text.length);
  return new hb.SafeString(text);
});
hb.registerHelper('armString', (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`armString: expected text, got ${typeof value}`);
  charge(String(value).length * 2);
  return new hb.SafeString(JSON.stringify(String(value).replace(/'/g, "''")).slice(1, -1));
});
hb.registerHelper('sep', function (this: unknown, ...args: unknown[]) {
  return (options(args).data as { last?: boolean } | undefined)?.last ? '' : ',';
});
// Sub-expression helpers: they compute values; the guard keeps them out of direct output.
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
hb.registerHelper('not', (a: unknown) => !a);
hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
/**
 * A value as text, the way String() makes it, but a list (whose text could hold the same long value many times)
 * is made item by item against what is left of the budget.
 */
function text(v: unknown, budget = MAX_OUTPUT_CHARS - made): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return String(v);
  const parts: string[] = [];
  let size = 0;
  for (const item of v as unknown[]) {
    const t = item === null || item === undefined ? '' : text(item, budget - size);
    size += t.length + 1;
    if (size > budget) throw new RenderBudgetError(`the helpers made more than ${MAX_OUTPUT_CHARS} characters in one render`);
    parts.push(t);
  }
  return parts.join(',');
}
hb.registerHelper('lower', (s: unknown) => {
  const t = text(s);
  charge(t.length);
  return t.toLowerCase();
});
hb.registerHelper('upper', (s: unknown) => {
  const t = text(s);
  charge(t.length);
  return t.toUpperCase();
});
hb.registerHelper('concat', (...args: unknown[]) => {
  const parts = args.slice(0, -1).map(text);
  charge(parts.reduce((n, p) => n + p.length, 0));
  return parts.join('');
});
hb.registerHelper('join', (list: unknown, separator: unknown) => {
  if (!Array.isArray(list)) return '';
  const sep = typeof separator === 'string' ? separator : ', ';
  const parts: string[] = [];
  let size = 0;
  for (const item of list) {
    const t = text(item);
    size += t.length + sep.length;
    // Counted as it goes: a list of the same long text many times is refused before it is joined.
    if (made + size > MAX_OUTPUT_CHARS) charge(size);
    parts.push(t);
  }
  charge(size);
  return parts.join(sep);
});
hb.registerHelper('length', (list: unknown) => (Array.isArray(list) ? list.length : 0));
hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
hb.registerHelper('mul', (a: unknown, b: unknown) => Number(a) * Number(b));
hb.registerHelper('guid', (...args: unknown[]) => guidFrom(...args.slice(0, -1)));
// Own properties only: `constructor`, `__proto__` and other members of a prototype never reach a package.
hb.registerHelper('pluck', (list: unknown, key: unknown) => (Array.isArray(list) ? (list as unknown[]).map((x) => (x !== null && typeof x === 'object' && Object.hasOwn(x, String(key)) ? (x as Record<string, unknown>)[String(key)] : undefined)) : []));
hb.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
hb.registerHelper('object', (...args: unknown[]) => ({ ...(options(args).hash as Record<string, unknown>) }));

// A helper given a field the context does not have (`{{json offer.nope}}`, `{{#if offer.nope}}`, `{{#with …}}`)
// is the mistake strict mode reports for a plain mustache: a typo would otherwise render nothing, silently.
// Every helper is wrapped to say so, naming the path as the template wrote it (trackIds gives the paths), so
// the finding points at the template line. A path written as a literal or computed by a sub-expression is
// the template's own value and passes as it is.
type WithIds = Handlebars.HelperOptions & { ids?: unknown[]; hashIds?: Record<string, unknown> };
const missingPath = (id: unknown) => (typeof id === 'string' && id !== '' ? id.replace(/^(\.\.\/|this\.|@root\.)+/, '') : undefined);
for (const [name, helper] of Object.entries(hb.helpers)) {
  if (name === 'helperMissing' || name === 'blockHelperMissing' || name === 'log') continue;
  hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
    const o = args[args.length - 1] as (WithIds & { loc?: Loc }) | undefined;
    const isOptions = o !== null && typeof o === 'object' && 'hash' in o;
    try {
      checkClock();
      if (isOptions) {
        for (let i = 0; i < args.length - 1; i++) {
          const path = args[i] === undefined ? missingPath(o.ids?.[i]) : undefined;
          if (path) throw new Error(`"${path}" not defined in the render context`);
        }
        for (const [key, value] of Object.entries((o.hash ?? {}) as Record<string, unknown>)) {
          const path = value === undefined ? missingPath(o.hashIds?.[key]) : undefined;
          if (path) throw new Error(`"${path}" not defined in the render context`);
        }
      }
      return (helper as (...a: unknown[]) => unknown).apply(this, args);
    } catch (e) {
      throw isOptions && e instanceof Error ? placed(e, o.loc) : e;
    }
  });
}

type Node = { type: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>;

/** Helpers that compute values (usable in sub-expressions and as parameters). */
const VALUE_HELPERS = new Set(['eq', 'ne', 'not', 'and', 'or', 'lower', 'upper', 'concat', 'join', 'length', 'add', 'mul', 'guid', 'pluck', 'array', 'object', 'lookup']);
/** Handlebars' own block helpers; no other block helper exists in offerkit's environment. */
const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'];

const pathName = (p: unknown): string => ((p as { type?: string }).type === 'PathExpression' ? (p as hbs.AST.PathExpression).original : '');

/** Refuses output forms that would let offer values into the JSON unescaped, and helpers that do not exist. */
function guard(program: hbs.AST.Program, file: string, partials: ReadonlySet<string>, includes: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (node: Node) => ({ file, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const known = [...OUTPUT_HELPERS, ...VALUE_HELPERS, ...BLOCK_HELPERS];
  let depth = 0;
  // Parameters and hash values: a sub-expression must call a value helper.
  const visitParams = (params: unknown[], hash?: hbs.AST.Hash) => {
    for (const p of [...params, ...(hash?.pairs ?? []).map((h) => h.value)]) {
      const n = p as Node;
      if (n?.type !== 'SubExpression') continue;
      const sub = n as unknown as hbs.AST.SubExpression;
      const name = pathName(sub.path);
      if (!VALUE_HELPERS.has(name)) {
        out.push({ code: 'template-unknown-helper', severity: 'error', message: `Unknown helper "${name}" in (${name} …).${didYouMean(name, [...VALUE_HELPERS])}`, ...at(n), hint: `Helpers that compute values: ${[...VALUE_HELPERS].join(', ')}.` });
      }
      visitParams(sub.params, sub.hash);
    }
  };
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as unknown as hbs.AST.MustacheStatement;
        const name = pathName(m.path);
        if (!m.escaped) {
          out.push({ code: 'template-unsafe-output', severity: 'error', message: 'Triple-stash {{{…}}} writes values without escaping; use {{json value}}.', ...at(node) });
        } else if (!OUTPUT_HELPERS.has(name)) {
          const isHelperCall = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0;
          if (isHelperCall && !known.includes(name)) {
            out.push({ code: 'template-unknown-helper', severity: 'error', message: `Unknown helper "${name}".${didYouMean(name, known)}`, ...at(node), hint: `Write values with {{json …}} or {{armString …}}; helpers available: ${[...OUTPUT_HELPERS, ...VALUE_HELPERS].join(', ')}.` });
          } else {
            out.push({ code: 'template-unsafe-output', severity: 'error', message: `{{${name}${isHelperCall ? ' …' : ''}}} writes a value without JSON escaping; use {{json ${isHelperCall ? `(${name} …)` : name}}} (or {{armString …}} inside an ARM expression).`, ...at(node) });
          }
        } else if (!NO_ARGUMENT_OUTPUT.has(name) && m.params.length !== 1) {
          out.push({ code: 'template-unsafe-output', severity: 'error', message: `{{${name}}} takes exactly one value.`, ...at(node) });
        }
        visitParams(m.params, m.hash);
        break;
      }
      case 'PartialStatement': {
        const p = node as unknown as hbs.AST.PartialStatement;
        const name = (p.name as { type?: string }).type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : '';
        if (!name || name.startsWith('@')) {
          out.push({ code: 'template-unsupported', severity: 'error', message: 'A partial is named by its literal name ({{> name}}); dynamic partials and @partial-block are not supported in template sets.', ...at(node) });
        } else if (!partials.has(name)) {
          out.push({ code: 'template-unknown-partial', severity: 'error', message: `Unknown partial "${name}".${didYouMean(name, [...partials])}`, ...at(node), hint: partials.size ? `Partials this template set declares (templateset.yaml \`partials\`): ${[...partials].join(', ')}.` : 'Declare the partial under `partials` in templateset.yaml: its name and its file.' });
        } else {
          if (p.params.length > 0) out.push({ code: 'template-unsupported', severity: 'error', message: `{{> ${name}}} takes named values only (key=value); the partial sees the current context and those values.`, ...at(node) });
          if (!includes.includes(name)) includes.push(name);
          visitParams([], p.hash);
        }
        break;
      }
      case 'PartialBlockStatement':
      case 'Decorator':
      case 'DecoratorBlock':
        out.push({ code: 'template-unsupported', severity: 'error', message: `${node.type.replace('Statement', '')}s are not supported in template sets.`, ...at(node) });
        break;
      case 'BlockStatement': {
        const b = node as unknown as hbs.AST.BlockStatement;
        const name = pathName(b.path);
        if (depth >= MAX_BLOCK_DEPTH) {
          // Compiling thousands of nested blocks takes handlebars seconds to minutes: refused before compiling.
          out.push({ code: 'template-too-deep', severity: 'error', message: `Blocks are nested more than ${MAX_BLOCK_DEPTH} deep here; offerkit refuses deeper nesting.`, ...at(node), hint: 'Flatten the template: compute values with helpers instead of nesting blocks.' });
          return;
        }
        depth++;
        if (!BLOCK_HELPERS.includes(name)) {
          out.push({ code: 'template-unknown-helper', severity: 'error', message: `Unknown block helper {{#${name}}}.${didYouMean(name, BLOCK_HELPERS)}`, ...at(node), hint: `Blocks available: ${BLOCK_HELPERS.map((h) => `{{#${h}}}`).join(', ')}.` });
        }
        visitParams(b.params, b.hash);
        visit(b.program as unknown as Node);
        visit(b.inverse as unknown as Node);
        depth--;
        break;
      }
      case 'Program':
        for (const s of (node as unknown as hbs.AST.Program).body) visit(s as unknown as Node);
        break;
    }
  };
  visit(program as unknown as Node);
  return out;
}

/** Where the first block opened in `body` is left unclosed, by a scan of its tags (for parse errors at EOF). */
function unclosedBlock(body: string): { name: string; line: number; column: number } | undefined {
  const stack: { name: string; index: number }[] = [];
  const re = /\{\{~?\s*([#/^])\s*([\w.@-]+)|\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (!m[1]) continue;
    if (m[1] === '#') stack.push({ name: m[2], index: m.index });
    else if (m[1] === '/') {
      const i = stack.map((s) => s.name).lastIndexOf(m[2]);
      if (i >= 0) stack.splice(i);
    }
  }
  const open = stack[stack.length - 1];
  if (!open) return undefined;
  const before = body.slice(0, open.index).split('\n');
  return { name: open.name, line: before.length, column: before[before.length - 1].length + 1 };
}

/** The first block opened deeper than the limit, by a linear scan of the tags (handlebars' own parser needs seconds and its stack for thousands of levels). */
function tooDeep(body: string): { line: number; column: number } | undefined {
  let depth = 0;
  const re = /\{\{~?\s*([#/^])|\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*else\b/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1] === '#' || m[1] === '^') {
      if (++depth > MAX_BLOCK_DEPTH) {
        const before = body.slice(0, m.index).split('\n');
        return { line: before.length, column: before[before.length - 1].length + 1 };
      }
    } else if (m[1] === '/') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** A partial as handlebars' runtime calls it; an error inside it remembers the partial it happened in. */
function partialFunction(partial: CompiledTemplate) {
  return (context: unknown, options?: Handlebars.RuntimeOptions): string => {
    try {
      return partial.fn(context, options);
    } catch (e) {
      if (e instanceof Error && !(e as Tagged)[FAILED_IN]) (e as Tagged)[FAILED_IN] = partial;
      throw e;
    }
  };
}

const NO_PARTIALS: PartialLibrary = { names: new Set(), compiled: new Map() };

/** Where the first tag past MAX_TAGS stands (a `{{` handlebars reads, not one escaped as `\{{`), by a linear scan. */
function tooManyTags(body: string): { line: number; column: number } | undefined {
  let count = 0;
  for (let at = body.indexOf('{{'); at >= 0; at = body.indexOf('{{', at + 2)) {
    const escaped = body[at - 1] === '\\' && body[at - 2] !== '\\';
    if (escaped || ++count <= MAX_TAGS) continue;
    const before = body.slice(0, at).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }
  return undefined;
}

/** How every template is compiled; the build precompiles offerkit's own sets with the same options. */
export const COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: true, trackIds: true } as const;

/** A template function from a spec the build wrote, or undefined for a spec of another handlebars version. */
function fromSpec(spec: string, file: string): TemplateFn | undefined {
  try {
    const fn: TemplateFn = hb.template<unknown>(vm.runInThisContext(`(${spec})`, { filename: `${file} (precompiled)` }) as TemplateSpecification);
    precompiled.hits++;
    return fn;
  } catch {
    return undefined; // compiled instead
  }
}

/** Every name a partial may have: the build guards offerkit's own templates without a set's declarations. */
class AnyPartialName extends Set<string> {
  override has(_name: string): boolean {
    return true;
  }
}

/**
 * The partials `body` includes, when the guard finds nothing wrong with it but those partials (scripts/
 * precompile-templates.ts records this beside the spec); undefined when it has any other finding.
 */
export function partialsOfGuardedTemplate(body: string): string[] | undefined {
  if (tooDeep(body) || tooManyTags(body)) return undefined;
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(body);
  } catch {
    return undefined;
  }
  const includes: string[] = [];
  return guard(ast, '', new AnyPartialName(), includes).length ? undefined : includes;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
type TemplateFn = ReturnType<typeof Handlebars.compile>;

export function compileGuarded(body: string, file: string, library: PartialLibrary = NO_PARTIALS): { template?: CompiledTemplate; diagnostics: Diagnostic[] } {
  const known = precompiledEntry(body);
  if (known?.partials?.every((p) => library.names.has(p))) {
    const fn = fromSpec(known.spec, file);
    if (fn) {
      precompiled.guardsSkipped++;
      return { template: ready(fn, body, file, library, [...known.partials]), diagnostics: [] };
    }
  }
  const deep = tooDeep(body);
  if (deep) return { diagnostics: [{ code: 'template-too-deep', severity: 'error', message: `Blocks are nested more than ${MAX_BLOCK_DEPTH} deep here; offerkit refuses deeper nesting.`, file, ...deep, hint: 'Flatten the template: compute values with helpers instead of nesting blocks.' }] };
  const many = tooManyTags(body);
  if (many) return { diagnostics: [{ code: 'template-too-large', severity: 'error', message: `The template has more than ${MAX_TAGS} handlebars tags; offerkit refuses more (handlebars needs seconds to compile tens of thousands).`, file, ...many, hint: 'Loop over a list with {{#each}} instead of writing a tag per item, or move parts into static files.' }] };
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(body);
  } catch (e) {
    const err = e as Error & { lineNumber?: number; column?: number };
    const msg = err.message;
    if (msg.includes('got \'EOF\'')) {
      const open = unclosedBlock(body);
      if (open) return { diagnostics: [{ code: 'template-syntax', severity: 'error', message: `Handlebars: the block {{#${open.name}}} is never closed (expected {{/${open.name}}} before the end of the file).`, file, line: open.line, column: open.column }] };
    }
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(msg);
    const m = /line (\d+)/.exec(msg);
    const line = err.lineNumber ?? (m ? Number(m[1]) : 1);
    const column = err.column !== undefined ? err.column + 1 : 1;
    const message = mismatch ? `Handlebars: {{/${mismatch[2]}}} closes a block opened as {{#${mismatch[1]}}}.` : `Handlebars: ${msg.split('\n')[0].replace(/ - \d+:\d+$/, '')}${msg.includes('\n') ? ` ${msg.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()}` : ''}`;
    return { diagnostics: [{ code: 'template-syntax', severity: 'error', message, file, line, column }] };
  }
  const includes: string[] = [];
  const diagnostics = guard(ast, file, library.names, includes);
  if (diagnostics.length) return { diagnostics };
  // trackIds: a helper learns the path it was given (for #each over a missing field, named in the finding).
  const fn = (known && fromSpec(known.spec, file)) ?? hb.compile(ast, COMPILE_OPTIONS);
  return { template: ready(fn, body, file, library, includes), diagnostics };
}

/** A guarded template's function made ready to render under the render budgets. */
function ready(fn: TemplateFn, body: string, file: string, library: PartialLibrary, includes: string[]): CompiledTemplate {
  // Handlebars compiles on first use; compiled now, the time it takes is not taken from the first render's 3 s.
  try {
    (fn as unknown as { _setup(o: object): void })._setup({});
  } catch {
    // compiled at the first render instead
  }
  const render = (context: unknown, limits: { maxMs?: number } = {}): string => {
    iterations = 0;
    produced = 0;
    made = 0;
    deadline = performance.now() + (limits.maxMs ?? MAX_RENDER_MS);
    // Partials share the render's budgets (the counters are not reset inside them) and its runtime options.
    const partials = Object.fromEntries([...library.compiled].map(([name, p]) => [name, partialFunction(p)]));
    let text: string;
    try {
      text = fn(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, partials });
    } finally {
      deadline = Infinity;
    }
    if (text.length > MAX_OUTPUT_CHARS) throw new RenderBudgetError(`the output is more than ${MAX_OUTPUT_CHARS} characters`);
    return text;
  };
  return { file, body, render, includes, fn };
}
