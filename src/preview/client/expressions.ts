// Evaluating createUiDefinition expressions in the preview: the syntax tree comes from the parser the validator
// uses (src/arm/expressions.ts); this adds values — references to basics()/steps(), and the string, collection,
// logical, comparison, conversion and math functions portal forms use most. Runs in the browser and in Node
// (tests); an unsupported function is an error the form shows, not a guess.

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

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Value, fn: string): number => {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new ExpressionError(`${fn}() expects a number, got ${JSON.stringify(v)}`);
  return n;
};
const str = (v: Value): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : textOf(v));
const len = (v: Value): number => (typeof v === 'string' || Array.isArray(v) ? v.length : isObj(v) ? Object.keys(v).length : 0);
const deepEqual = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);

type Fn = (args: Value[], scope: ExpressionScope) => Value;

const FUNCTIONS: Record<string, Fn> = {
  basics: ([n], s) => s.basics(str(n)),
  steps: ([n], s) => s.steps(str(n)),
  location: (_a, s) => s.location(),
  resourceGroup: (_a, s) => s.resourceGroup(),
  subscription: (_a, s) => s.subscription(),
  concat: (a) => (a.every(Array.isArray) && a.length ? (a as unknown[][]).flat() : a.map(str).join('')),
  substring: ([s, start, length]) => str(s).substr(num(start, 'substring'), length === undefined ? undefined : num(length, 'substring')),
  replace: ([s, a, b]) => str(s).split(str(a)).join(str(b)),
  toLower: ([s]) => str(s).toLowerCase(),
  toUpper: ([s]) => str(s).toUpperCase(),
  trim: ([s]) => str(s).trim(),
  startsWith: ([s, p]) => str(s).toLowerCase().startsWith(str(p).toLowerCase()),
  endsWith: ([s, p]) => str(s).toLowerCase().endsWith(str(p).toLowerCase()),
  indexOf: ([s, p]) => str(s).toLowerCase().indexOf(str(p).toLowerCase()),
  lastIndexOf: ([s, p]) => str(s).toLowerCase().lastIndexOf(str(p).toLowerCase()),
  split: ([s, d]) => str(s).split(str(d)),
  guid: () => 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
  contains: ([c, x]) => (typeof c === 'string' ? c.includes(str(x)) : Array.isArray(c) ? c.some((v) => deepEqual(v, x)) : isObj(c) ? Object.prototype.hasOwnProperty.call(c, str(x)) : false),
  length: ([v]) => len(v),
  empty: ([v]) => v === null || v === undefined || len(v) === 0 && typeof v !== 'number' && typeof v !== 'boolean',
  first: ([v]): Value => (typeof v === 'string' ? v.slice(0, 1) : Array.isArray(v) ? (v as Value[])[0] : undefined),
  last: ([v]): Value => (typeof v === 'string' ? v.slice(-1) : Array.isArray(v) ? (v as Value[])[v.length - 1] : undefined),
  take: ([v, n]) => (typeof v === 'string' || Array.isArray(v) ? v.slice(0, num(n, 'take')) : v),
  skip: ([v, n]) => (typeof v === 'string' || Array.isArray(v) ? v.slice(num(n, 'skip')) : v),
  union: (a) => (a.every(Array.isArray) ? [...new Set((a as unknown[][]).flat().map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as Value) : (Object.assign({}, ...a.filter(isObj)) as Value)),
  coalesce: (a) => a.find((v) => v !== null && v !== undefined),
  if: ([c, a, b]) => (c === true || c === 'true' ? a : b),
  equals: ([a, b]) => deepEqual(a, b),
  not: ([a]) => !(a === true || a === 'true'),
  and: (a) => a.every((v) => v === true || v === 'true'),
  or: (a) => a.some((v) => v === true || v === 'true'),
  greater: ([a, b]) => (typeof a === 'string' ? a > str(b) : num(a, 'greater') > num(b, 'greater')),
  greaterOrEquals: ([a, b]) => (typeof a === 'string' ? a >= str(b) : num(a, 'greaterOrEquals') >= num(b, 'greaterOrEquals')),
  less: ([a, b]) => (typeof a === 'string' ? a < str(b) : num(a, 'less') < num(b, 'less')),
  lessOrEquals: ([a, b]) => (typeof a === 'string' ? a <= str(b) : num(a, 'lessOrEquals') <= num(b, 'lessOrEquals')),
  string: ([v]) => str(v),
  int: ([v]) => Math.trunc(num(v, 'int')),
  float: ([v]) => num(v, 'float'),
  bool: ([v]) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true') || v === 1,
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
  add: ([a, b]) => num(a, 'add') + num(b, 'add'),
  sub: ([a, b]) => num(a, 'sub') - num(b, 'sub'),
  mul: ([a, b]) => num(a, 'mul') * num(b, 'mul'),
  div: ([a, b]) => Math.trunc(num(a, 'div') / num(b, 'div')),
  mod: ([a, b]) => num(a, 'mod') % num(b, 'mod'),
  min: (a) => Math.min(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as Value[]) : a).map((v) => num(v, 'min'))),
  max: (a) => Math.max(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as Value[]) : a).map((v) => num(v, 'max'))),
  range: ([s, n]) => Array.from({ length: num(n, 'range') }, (_v, k) => num(s, 'range') + k),
  floor: ([v]) => Math.floor(num(v, 'floor')),
  ceil: ([v]) => Math.ceil(num(v, 'ceil')),
  utcNow: () => new Date().toISOString(),
};

function evaluate(node: ExprNode, scope: ExpressionScope): Value {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'literal':
      return node.value;
    case 'member': {
      const t = evaluate(node.object, scope);
      return isObj(t) ? t[node.property] : undefined;
    }
    case 'index': {
      const t = evaluate(node.object, scope);
      const ix = evaluate(node.index, scope);
      if (Array.isArray(t)) return t[num(ix, 'index')];
      return isObj(t) ? t[str(ix)] : undefined;
    }
    case 'call': {
      const fn = FUNCTIONS[node.name] ?? FUNCTIONS[Object.keys(FUNCTIONS).find((k) => k.toLowerCase() === node.name.toLowerCase()) ?? ''];
      if (!fn) throw new ExpressionError(`the preview does not evaluate ${node.name}()`);
      return fn(node.args.map((a) => evaluate(a, scope)), scope);
    }
  }
}

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
    return evaluate(tree, scope);
  }
  return typeof v === 'string' ? unescapeLiteral(v) : v;
}

/** Evaluates every expression inside an object or array (outputs, defaultValue objects). */
export function evaluateDeep(v: Value, scope: ExpressionScope): Value {
  if (Array.isArray(v)) return v.map((x) => evaluateDeep(x, scope));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evaluateDeep(x, scope)]));
  return evaluateValue(v, scope);
}
