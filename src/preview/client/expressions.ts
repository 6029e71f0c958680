// Evaluating createUiDefinition expressions in the preview: the syntax tree comes from the parser the validator
// uses (src/arm/expressions.ts); this adds values — references to basics()/steps(), and every function of
// Microsoft's createUiDefinition function reference (referencing, string, collection with lambdas, logical,
// conversion, date and math: https://learn.microsoft.com/azure/azure-resource-manager/managed-applications/create-uidefinition-functions
// and its per-group pages). Runs in the browser and in Node (tests); a function it does not know is an error
// the form shows as "not evaluated", never a guess.
//
// `if()` evaluates only the branch its condition chooses, and and()/or()/coalesce() stop at the first argument
// that decides, as ARM's own `if` is documented to do ("only the true value is evaluated"); that the portal
// does the same for createUiDefinition is inferred — a form that guards a reference with if() works there.

import { ExpressionSyntaxError, isExpression, parseExpression, unescapeLiteral, type ExprNode } from '../../arm/expressions.js';
import { textOf } from '../../util/text-of.js';

export type Value = unknown;

export interface ExpressionScope {
  basics(name: string): Value;
  steps(name: string): Value;
  location(): Value;
  resourceGroup(): Value;
  subscription(): Value;
}

export class ExpressionError extends Error {}

/** Marks a value the preview could not compute: shown as "not evaluated", never passed on as a value. */
export class NotEvaluated {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {}
  toString(): string {
    return `not evaluated: ${this.expression}`;
  }
}

/** A lambda's value: called by map(), filter(), reduce()… with the values of its parameters. */
class Closure {
  constructor(
    readonly node: Extract<ExprNode, { kind: 'lambda' }>,
    readonly vars: ReadonlyMap<string, Value>,
    readonly scope: ExpressionScope,
  ) {}
  call(...values: Value[]): Value {
    const vars = new Map(this.vars);
    this.node.params.forEach((p, k) => vars.set(p, values[k]));
    return evaluate(this.node.body, this.scope, vars);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Closure);
const num = (v: Value, fn: string): number => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new ExpressionError(`${fn}() expects a number, got ${JSON.stringify(v) ?? 'nothing'}`);
  return n;
};
const str = (v: Value): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : textOf(v));
const len = (v: Value): number => (typeof v === 'string' || Array.isArray(v) ? v.length : isObj(v) ? Object.keys(v).length : 0);
const deepEqual = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);
const truthy = (v: Value): boolean => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
const list = (v: Value, fn: string): Value[] => {
  if (Array.isArray(v)) return v as Value[];
  throw new ExpressionError(`${fn}() expects an array, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
};
const lambdaOf = (v: Value, fn: string, arity: number): Closure => {
  if (v instanceof Closure && v.node.params.length >= arity) return v;
  throw new ExpressionError(`${fn}() expects a lambda with ${arity} parameter${arity === 1 ? '' : 's'}, such as (item) => …`);
};
/** take/skip/first/last: strings and arrays by position, objects by their keys in order (Microsoft's examples). */
const slice = (v: Value, from: number, to?: number): Value => {
  if (typeof v === 'string' || Array.isArray(v)) return v.slice(from, to);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).slice(from, to));
  return v;
};
const timestamp = (v: Value, fn: string): Date => {
  const d = new Date(str(v));
  if (Number.isNaN(d.getTime())) throw new ExpressionError(`${fn}() expects a timestamp, got ${JSON.stringify(v)}`);
  return d;
};
const addTime = (fn: string, ms: number) => ([t, n]: Value[]) => new Date(timestamp(t, fn).getTime() + Math.trunc(num(n, fn)) * ms).toISOString();

type Fn = (args: Value[], scope: ExpressionScope) => Value;

const FUNCTIONS: Record<string, Fn> = {
  // Referencing.
  basics: ([n], s) => s.basics(str(n)),
  steps: ([n], s) => s.steps(str(n)),
  location: (_a, s) => s.location(),
  resourceGroup: (_a, s) => s.resourceGroup(),
  subscription: (_a, s) => s.subscription(),
  // String.
  concat: (a) => (a.length && a.every(Array.isArray) ? (a as unknown[][]).flat() : a.map(str).join('')),
  substring: ([s, start, length]) => str(s).substr(num(start, 'substring'), length === undefined ? undefined : num(length, 'substring')),
  replace: ([s, a, b]) => str(s).split(str(a)).join(str(b)),
  toLower: ([s]) => str(s).toLowerCase(),
  toUpper: ([s]) => str(s).toUpperCase(),
  trim: ([s]) => str(s).trim(),
  startsWith: ([s, p]) => str(s).toLowerCase().startsWith(str(p).toLowerCase()),
  endsWith: ([s, p]) => str(s).toLowerCase().endsWith(str(p).toLowerCase()),
  indexOf: ([s, p]) => str(s).toLowerCase().indexOf(str(p).toLowerCase()),
  lastIndexOf: ([s, p]) => str(s).toLowerCase().lastIndexOf(str(p).toLowerCase()),
  guid: () => 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
  // Collection.
  contains: ([c, x]) => (typeof c === 'string' ? c.includes(str(x)) : Array.isArray(c) ? c.some((v) => deepEqual(v, x)) : isObj(c) ? Object.prototype.hasOwnProperty.call(c, str(x)) : false),
  length: ([v]) => len(v),
  empty: ([v]) => v === null || v === undefined || (len(v) === 0 && typeof v !== 'number' && typeof v !== 'boolean'),
  first: ([v]) => (Array.isArray(v) ? (v as Value[])[0] : typeof v === 'string' || isObj(v) ? slice(v, 0, 1) : undefined),
  last: ([v]) => (Array.isArray(v) ? (v as Value[])[v.length - 1] : typeof v === 'string' || isObj(v) ? slice(v, -1) : undefined),
  take: ([v, n]) => slice(v, 0, Math.max(0, num(n, 'take'))),
  skip: ([v, n]) => slice(v, Math.max(0, num(n, 'skip'))),
  split: ([s, d]) => str(s).split(str(d)),
  union: (a) => (a.every(Array.isArray) ? [...new Set((a as unknown[][]).flat().map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as Value) : (Object.assign({}, ...a.filter(isObj)) as Value)),
  map: ([v, f]) => list(v, 'map').map((item, k) => lambdaOf(f, 'map', 1).call(item, k)),
  filter: ([v, f]) => list(v, 'filter').filter((item, k) => truthy(lambdaOf(f, 'filter', 1).call(item, k))),
  // ARM's reduce(list, initial, (current, next) => …), for packages that borrow it.
  reduce: ([v, init, f]) => list(v, 'reduce').reduce((acc, item, k) => lambdaOf(f, 'reduce', 2).call(acc, item, k), init),
  // Logical (if, and, or, coalesce are lazy: see LAZY).
  equals: ([a, b]) => deepEqual(a, b),
  not: ([a]) => !truthy(a),
  greater: ([a, b]) => (typeof a === 'string' ? a > str(b) : num(a, 'greater') > num(b, 'greater')),
  greaterOrEquals: ([a, b]) => (typeof a === 'string' ? a >= str(b) : num(a, 'greaterOrEquals') >= num(b, 'greaterOrEquals')),
  less: ([a, b]) => (typeof a === 'string' ? a < str(b) : num(a, 'less') < num(b, 'less')),
  lessOrEquals: ([a, b]) => (typeof a === 'string' ? a <= str(b) : num(a, 'lessOrEquals') <= num(b, 'lessOrEquals')),
  // Conversion. bool(): "any value except 0 or 'false' returns true".
  string: ([v]) => str(v),
  int: ([v]) => Math.trunc(num(v, 'int')),
  float: ([v]) => num(v, 'float'),
  bool: ([v]) => !(v === 0 || v === false || v === null || v === undefined || (typeof v === 'string' && (v.toLowerCase() === 'false' || v === ''))),
  parse: ([v]) => {
    try {
      return JSON.parse(str(v)) as Value;
    } catch (e) {
      throw new ExpressionError(`parse(): ${(e as Error).message}`);
    }
  },
  encodeBase64: ([v]) => btoa(unescape(encodeURIComponent(str(v)))),
  decodeBase64: ([v]) => decodeURIComponent(escape(atob(str(v)))),
  encodeUriComponent: ([v]) => encodeURIComponent(str(v)),
  decodeUriComponent: ([v]) => decodeURIComponent(str(v)),
  // Date.
  utcNow: () => new Date().toISOString(),
  addHours: addTime('addHours', 3600000),
  addMinutes: addTime('addMinutes', 60000),
  addSeconds: addTime('addSeconds', 1000),
  // Math.
  add: ([a, b]) => num(a, 'add') + num(b, 'add'),
  sub: ([a, b]) => num(a, 'sub') - num(b, 'sub'),
  mul: ([a, b]) => num(a, 'mul') * num(b, 'mul'),
  div: ([a, b]) => Math.trunc(num(a, 'div') / num(b, 'div')),
  mod: ([a, b]) => num(a, 'mod') % num(b, 'mod'),
  min: (a) => Math.min(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as Value[]) : a).map((v) => num(v, 'min'))),
  max: (a) => Math.max(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as Value[]) : a).map((v) => num(v, 'max'))),
  // range(start, count): Microsoft's example range(1, 3) gives [1,2,3]; bounded so a form cannot exhaust the page.
  range: ([s, n]) => Array.from({ length: Math.min(100000, Math.max(0, num(n, 'range'))) }, (_v, k) => num(s, 'range') + k),
  // A random number is a sample: the preview shows the middle of the range, the same on every render.
  rand: ([a, b]) => Math.trunc((num(a, 'rand') + num(b, 'rand')) / 2),
  floor: ([v]) => Math.floor(num(v, 'floor')),
  ceil: ([v]) => Math.ceil(num(v, 'ceil')),
};

type LazyFn = (args: readonly ExprNode[], value: (node: ExprNode) => Value) => Value;

/** Functions whose arguments are evaluated only as far as needed. */
const LAZY: Record<string, LazyFn> = {
  if: (args, value) => {
    if (args.length !== 3) throw new ExpressionError(`if() takes a condition and two values, got ${args.length} arguments`);
    return truthy(value(args[0])) ? value(args[1]) : value(args[2]);
  },
  and: (args, value) => args.every((a) => truthy(value(a))),
  or: (args, value) => args.some((a) => truthy(value(a))),
  coalesce: (args, value) => {
    for (const a of args) {
      const v = value(a);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  },
};

const byLowerName = new Map<string, Fn>(Object.entries(FUNCTIONS).map(([k, f]) => [k.toLowerCase(), f]));
const lazyByLowerName = new Map<string, LazyFn>(Object.entries(LAZY).map(([k, f]) => [k.toLowerCase(), f]));

/** The names the preview evaluates (lower case), for tests and the README. */
export const EVALUATED_FUNCTIONS: readonly string[] = [...byLowerName.keys(), ...lazyByLowerName.keys()].sort();

function evaluate(node: ExprNode, scope: ExpressionScope, vars: ReadonlyMap<string, Value>): Value {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'literal':
      return node.value;
    case 'variable':
      return vars.get(node.name);
    case 'lambda':
      return new Closure(node, vars, scope);
    case 'member': {
      const t = evaluate(node.object, scope, vars);
      return isObj(t) && Object.prototype.hasOwnProperty.call(t, node.property) ? t[node.property] : undefined;
    }
    case 'index': {
      const t = evaluate(node.object, scope, vars);
      const ix = evaluate(node.index, scope, vars);
      if (Array.isArray(t)) return t[num(ix, 'index')];
      return isObj(t) && Object.prototype.hasOwnProperty.call(t, str(ix)) ? t[str(ix)] : undefined;
    }
    case 'call': {
      const name = node.name.toLowerCase();
      const lazy = lazyByLowerName.get(name);
      if (lazy) return lazy(node.args, (a) => evaluate(a, scope, vars));
      const fn = byLowerName.get(name);
      if (!fn) throw new ExpressionError(`the preview does not evaluate ${node.name}()`);
      return fn(node.args.map((a) => evaluate(a, scope, vars)), scope);
    }
  }
}

const NO_VARS: ReadonlyMap<string, Value> = new Map();

/** Evaluates a value that may be an expression; other values (and `[[` literals, unescaped) come back as they are. */
export function evaluateValue(v: Value, scope: ExpressionScope): Value {
  if (isExpression(v)) {
    let tree: ExprNode;
    try {
      tree = parseExpression(v);
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) throw new ExpressionError(`${e.message} at position ${e.offset + 2} of ${v}`);
      throw e;
    }
    const value = evaluate(tree, scope, NO_VARS);
    if (value instanceof Closure) throw new ExpressionError('a lambda is not a value; it is an argument of map(), filter() or reduce()');
    return value;
  }
  return typeof v === 'string' ? unescapeLiteral(v) : v;
}

/** Evaluates every expression inside an object or array (outputs, defaultValue objects). */
export function evaluateDeep(v: Value, scope: ExpressionScope): Value {
  if (Array.isArray(v)) return v.map((x) => evaluateDeep(x, scope));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evaluateDeep(x, scope)]));
  return evaluateValue(v, scope);
}

/** An expression's value, or NotEvaluated with the reason when the preview cannot compute it. */
export function evaluateOrNot(v: Value, scope: ExpressionScope): Value {
  try {
    return evaluateValue(v, scope);
  } catch (e) {
    return new NotEvaluated(typeof v === 'string' ? v : JSON.stringify(v) ?? '', (e as Error).message);
  }
}
