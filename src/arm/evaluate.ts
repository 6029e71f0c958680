// ARM template expressions evaluated as ARM evaluates them, as far as that can be done before deploying: the
// functions whose result depends only on the deployment's inputs (parameters, variables, the resource group,
// the subscription, the deployment's name, copyIndex) — strings (concat, format, toLower, substring, take,
// replace, uniqueString, guid …), logic, numbers, arrays and resource ids. What only Azure knows at run time
// (reference(), list*(), utcNow(), newGuid(), environment()) is UNKNOWN, never guessed. Function semantics
// follow Microsoft's "ARM template functions" reference (learn.microsoft.com/azure/azure-resource-manager/
// templates/template-functions).

import { isExpression, tryParseExpression, type ExprNode } from './expressions.js';
import { isObject, keyOf } from './template.js';
import { uniqueString } from './unique-string.js';
import { guidFrom } from '../util/guid.js';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Evaluated = unknown;

export interface EvaluationScope {
  /** Parameter values by name (ARM compares names case-insensitively); defaults are the template's. */
  parameters: Record<string, unknown>;
  /** The template object (its `parameters` declarations for defaults, its `variables`). */
  template: unknown;
  resourceGroup?: { id: string; name: string; location: string; managedBy?: string };
  subscription?: { id: string; subscriptionId: string; tenantId?: string };
  tenantId?: string;
  deploymentName?: string;
  /** Current copy indexes: '' for the resource's own loop, else by loop name. */
  copyIndex?: Record<string, number>;
}

const MAX_DEPTH = 64;

/** The value of a template value (a literal, an expression, or an object/array holding them); UNKNOWN when it cannot be told. */
export function evaluate(value: unknown, scope: EvaluationScope): unknown {
  return new Evaluator(scope).value(value, 0);
}

/** A string value, or undefined when it is not one or cannot be told. */
export function evaluateString(value: unknown, scope: EvaluationScope): string | undefined {
  const v = evaluate(value, scope);
  return typeof v === 'string' ? v : undefined;
}

const lowerKey = (obj: Record<string, unknown>, name: string): string | undefined => keyOf(obj, name);

class Evaluator {
  private readonly variableStack = new Set<string>();
  private readonly variableCache = new Map<string, unknown>();

  constructor(private readonly scope: EvaluationScope) {}

  value(v: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (typeof v === 'string') {
      if (v.startsWith('[[')) return v.slice(1);
      if (!isExpression(v)) return v;
      const tree = tryParseExpression(v);
      return tree ? this.node(tree, depth + 1) : UNKNOWN;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const e = this.value(x, depth + 1);
        if (e === UNKNOWN) return UNKNOWN;
        out.push(e);
      }
      return out;
    }
    if (isObject(v)) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [k, x] of Object.entries(v)) {
        const e = this.value(x, depth + 1);
        if (e === UNKNOWN) return UNKNOWN;
        out[k] = e;
      }
      return out;
    }
    return v;
  }

  private parameter(name: string, depth: number): unknown {
    const given = lowerKey(this.scope.parameters, name);
    if (given !== undefined) return this.scope.parameters[given];
    const declarations = (this.scope.template as Record<string, unknown> | undefined)?.[keyOf(this.scope.template, 'parameters') ?? 'parameters'];
    if (!isObject(declarations)) return UNKNOWN;
    const k = lowerKey(declarations, name);
    const decl = k === undefined ? undefined : declarations[k];
    const dk = isObject(decl) ? keyOf(decl, 'defaultValue') : undefined;
    return dk && isObject(decl) ? this.value(decl[dk], depth + 1) : UNKNOWN;
  }

  private variable(name: string, depth: number): unknown {
    const variables = (this.scope.template as Record<string, unknown> | undefined)?.[keyOf(this.scope.template, 'variables') ?? 'variables'];
    if (!isObject(variables)) return UNKNOWN;
    const k = lowerKey(variables, name);
    if (k === undefined || k === 'copy' || this.variableStack.has(k)) return UNKNOWN;
    if (this.variableCache.has(k)) return this.variableCache.get(k);
    this.variableStack.add(k);
    const v = this.value(variables[k], depth + 1);
    this.variableStack.delete(k);
    this.variableCache.set(k, v);
    return v;
  }

  private node(n: ExprNode, depth: number): unknown {
    if (depth > MAX_DEPTH) return UNKNOWN;
    switch (n.kind) {
      case 'string':
      case 'number':
      case 'literal':
        return n.value;
      case 'member': {
        const o = this.node(n.object, depth + 1);
        if (!isObject(o)) return UNKNOWN;
        const k = keyOf(o, n.property);
        return k === undefined ? UNKNOWN : o[k];
      }
      case 'index': {
        const o = this.node(n.object, depth + 1);
        const i = this.node(n.index, depth + 1);
        if (Array.isArray(o) && typeof i === 'number') return Number.isInteger(i) && i >= 0 && i < o.length ? o[i] : UNKNOWN;
        if (isObject(o) && typeof i === 'string') {
          const k = keyOf(o, i);
          return k === undefined ? UNKNOWN : o[k];
        }
        return UNKNOWN;
      }
      case 'call':
        return this.call(n.name.toLowerCase(), n.args, depth);
    }
  }

  private call(name: string, argNodes: ExprNode[], depth: number): unknown {
    // if() evaluates only the branch it takes, as ARM does.
    if (name === 'if') {
      if (argNodes.length !== 3) return UNKNOWN;
      const c = this.node(argNodes[0], depth + 1);
      return typeof c === 'boolean' ? this.node(argNodes[c ? 1 : 2], depth + 1) : UNKNOWN;
    }
    const args = argNodes.map((a) => this.node(a, depth + 1));
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    return callFunction(name, args, this.scope, (n) => this.parameter(n, depth + 1), (n) => this.variable(n, depth + 1));
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** ARM's string() of a value: strings as they are, others as compact JSON. */
function asString(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

/** .NET composite formatting as format() uses it: {0}, {1,5}, {{ and }}; a format specifier is not foreseen. */
function composite(format: string, args: unknown[]): unknown {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '{' && format[i + 1] === '{') {
      out += '{';
      i++;
    } else if (c === '}' && format[i + 1] === '}') {
      out += '}';
      i++;
    } else if (c === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) return UNKNOWN;
      const m = /^\s*(\d+)\s*$/.exec(format.slice(i + 1, end));
      if (!m || Number(m[1]) >= args.length) return UNKNOWN;
      out += asString(args[Number(m[1])]);
      i = end;
    } else out += c;
  }
  return out;
}

/** resourceId-style ids: the type's segments interleaved with the names, after a scope. */
function idOf(scope: string, type: string, names: unknown[]): unknown {
  if (!names.every(isStr)) return UNKNOWN;
  const [namespace, ...types] = type.split('/');
  if (!namespace || types.length !== names.length || types.length === 0) return UNKNOWN;
  return `${scope}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function callFunction(name: string, args: unknown[], scope: EvaluationScope, parameter: (n: string) => unknown, variable: (n: string) => unknown): unknown {
  const [a, b, c] = args;
  const sub = scope.subscription;
  const rg = scope.resourceGroup;
  switch (name) {
    case 'parameters':
      return isStr(a) ? parameter(a) : UNKNOWN;
    case 'variables':
      return isStr(a) ? variable(a) : UNKNOWN;
    case 'resourcegroup':
      return rg ? { id: rg.id, name: rg.name, type: 'Microsoft.Resources/resourceGroups', location: rg.location, ...(rg.managedBy ? { managedBy: rg.managedBy } : {}), properties: { provisioningState: 'Succeeded' } } : UNKNOWN;
    case 'subscription':
      return sub ? { id: sub.id, subscriptionId: sub.subscriptionId, ...(sub.tenantId ? { tenantId: sub.tenantId } : {}) } : UNKNOWN;
    case 'tenant':
      return scope.tenantId ? { tenantId: scope.tenantId } : UNKNOWN;
    case 'deployment':
      return scope.deploymentName ? { name: scope.deploymentName } : UNKNOWN;
    case 'copyindex': {
      const loop = isStr(a) ? a : '';
      const offset = isInt(a) ? a : isInt(b) ? b : 0;
      const i = scope.copyIndex?.[loop.toLowerCase()];
      return i === undefined ? UNKNOWN : i + offset;
    }
    case 'concat':
      if (args.length && args.every(Array.isArray)) return (args as unknown[][]).flat();
      return args.every((x) => isStr(x) || typeof x === 'number' || typeof x === 'boolean') ? args.map(asString).join('') : UNKNOWN;
    case 'format':
      return isStr(a) ? composite(a, args.slice(1)) : UNKNOWN;
    case 'tolower':
      return isStr(a) ? a.toLowerCase() : UNKNOWN;
    case 'toupper':
      return isStr(a) ? a.toUpperCase() : UNKNOWN;
    case 'trim':
      return isStr(a) ? a.trim() : UNKNOWN;
    case 'string':
      return args.length === 1 ? asString(a) : UNKNOWN;
    case 'int':
      return isInt(a) ? a : isStr(a) && /^-?\d+$/.test(a.trim()) ? Number(a) : UNKNOWN;
    case 'bool':
      return typeof a === 'boolean' ? a : isStr(a) && /^(true|false)$/i.test(a) ? a.toLowerCase() === 'true' : isInt(a) ? a !== 0 : UNKNOWN;
    case 'length':
      return isStr(a) || Array.isArray(a) ? a.length : isObject(a) ? Object.keys(a).length : UNKNOWN;
    case 'empty':
      return a === null || a === '' ? true : Array.isArray(a) ? a.length === 0 : isObject(a) ? Object.keys(a).length === 0 : isStr(a) ? false : UNKNOWN;
    case 'substring': {
      if (!isStr(a) || !isInt(b)) return UNKNOWN;
      const len = c === undefined ? a.length - b : c;
      if (!isInt(len) || b < 0 || len < 0 || b + len > a.length) return UNKNOWN;
      return a.substring(b, b + len);
    }
    case 'take':
      return (isStr(a) || Array.isArray(a)) && isInt(b) ? a.slice(0, Math.max(0, b)) : UNKNOWN;
    case 'skip':
      return (isStr(a) || Array.isArray(a)) && isInt(b) ? a.slice(Math.max(0, b)) : UNKNOWN;
    case 'replace':
      return isStr(a) && isStr(b) && isStr(c) && b !== '' ? a.split(b).join(c) : UNKNOWN;
    case 'split':
      if (!isStr(a)) return UNKNOWN;
      if (isStr(b)) return a.split(b);
      if (Array.isArray(b) && b.every(isStr)) return b.reduce<string[]>((parts, d) => parts.flatMap((p) => p.split(d)), [a]);
      return UNKNOWN;
    case 'first':
      return isStr(a) ? a.slice(0, 1) : Array.isArray(a) ? (a.length ? a[0] : null) : UNKNOWN;
    case 'last':
      return isStr(a) ? a.slice(-1) : Array.isArray(a) ? (a.length ? a[a.length - 1] : null) : UNKNOWN;
    case 'startswith':
      return isStr(a) && isStr(b) ? a.toLowerCase().startsWith(b.toLowerCase()) : UNKNOWN;
    case 'endswith':
      return isStr(a) && isStr(b) ? a.toLowerCase().endsWith(b.toLowerCase()) : UNKNOWN;
    case 'indexof':
      return isStr(a) && isStr(b) ? a.toLowerCase().indexOf(b.toLowerCase()) : UNKNOWN;
    case 'lastindexof':
      return isStr(a) && isStr(b) ? a.toLowerCase().lastIndexOf(b.toLowerCase()) : UNKNOWN;
    case 'contains':
      if (isStr(a) && isStr(b)) return a.includes(b);
      if (Array.isArray(a)) return a.some((x) => deepEqual(x, b));
      if (isObject(a) && isStr(b)) return keyOf(a, b) !== undefined;
      return UNKNOWN;
    case 'padleft': {
      const pad = c === undefined ? ' ' : c;
      if (!(isStr(a) || isInt(a)) || !isInt(b) || !isStr(pad) || pad.length !== 1) return UNKNOWN;
      return String(a).padStart(b, pad);
    }
    case 'uniquestring':
      return args.length && args.every(isStr) ? uniqueString(...args) : UNKNOWN;
    case 'guid':
      return args.length && args.every(isStr) ? guidFrom(...args) : UNKNOWN;
    case 'equals':
      return args.length === 2 ? deepEqual(a, b) : UNKNOWN;
    case 'not':
      return typeof a === 'boolean' ? !a : UNKNOWN;
    case 'and':
      return args.every((x) => typeof x === 'boolean') ? args.every(Boolean) : UNKNOWN;
    case 'or':
      return args.every((x) => typeof x === 'boolean') ? args.some(Boolean) : UNKNOWN;
    case 'coalesce':
      return args.find((x) => x !== null) ?? null;
    case 'createarray':
    case 'array':
      return name === 'array' && Array.isArray(a) ? a : args;
    case 'createobject': {
      if (args.length % 2) return UNKNOWN;
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < args.length; i += 2) {
        if (!isStr(args[i])) return UNKNOWN;
        o[args[i] as string] = args[i + 1];
      }
      return o;
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod':
      if (!isInt(a) || !isInt(b)) return UNKNOWN;
      if ((name === 'div' || name === 'mod') && b === 0) return UNKNOWN;
      return name === 'add' ? a + b : name === 'sub' ? a - b : name === 'mul' ? a * b : name === 'div' ? Math.trunc(a / b) : a % b;
    case 'less':
    case 'lessorequals':
    case 'greater':
    case 'greaterorequals': {
      if (!((isInt(a) && isInt(b)) || (isStr(a) && isStr(b)))) return UNKNOWN;
      const cmp = a < b ? -1 : a > b ? 1 : 0;
      return name === 'less' ? cmp < 0 : name === 'lessorequals' ? cmp <= 0 : name === 'greater' ? cmp > 0 : cmp >= 0;
    }
    case 'min':
    case 'max': {
      const list = args.length === 1 && Array.isArray(a) ? a : args;
      if (!list.length || !list.every(isInt)) return UNKNOWN;
      return name === 'min' ? Math.min(...(list)) : Math.max(...(list));
    }
    case 'range':
      return isInt(a) && isInt(b) && b >= 0 && b <= 10000 ? Array.from({ length: b }, (_, i) => a + i) : UNKNOWN;
    case 'json':
      if (!isStr(a)) return UNKNOWN;
      try {
        return JSON.parse(a) as unknown;
      } catch {
        return UNKNOWN;
      }
    case 'base64':
      return isStr(a) ? Buffer.from(a, 'utf8').toString('base64') : UNKNOWN;
    case 'base64tostring':
      return isStr(a) ? Buffer.from(a, 'base64').toString('utf8') : UNKNOWN;
    case 'resourceid': {
      // resourceId([subscriptionId], [resourceGroupName], type, name1, name2, …): the leading ids are told apart
      // by counting the names the type needs.
      const typeAt = args.findIndex((x) => isStr(x) && x.includes('/') && !x.startsWith('/'));
      if (typeAt < 0 || typeAt > 2 || !isStr(args[typeAt])) return UNKNOWN;
      const lead = args.slice(0, typeAt);
      const subscriptionId = lead.length === 2 ? lead[0] : sub?.subscriptionId;
      const group = lead.length >= 1 ? lead[lead.length - 1] : rg?.name;
      if (!isStr(subscriptionId) || !isStr(group)) return UNKNOWN;
      return idOf(`/subscriptions/${subscriptionId}/resourceGroups/${group}`, args[typeAt], args.slice(typeAt + 1));
    }
    case 'subscriptionresourceid': {
      const typeAt = args.findIndex((x) => isStr(x) && x.includes('/'));
      if (typeAt < 0 || typeAt > 1) return UNKNOWN;
      const subscriptionId = typeAt === 1 ? a : sub?.subscriptionId;
      return isStr(subscriptionId) ? idOf(`/subscriptions/${subscriptionId}`, args[typeAt] as string, args.slice(typeAt + 1)) : UNKNOWN;
    }
    case 'tenantresourceid':
      return isStr(a) ? idOf('', a, args.slice(1)) : UNKNOWN;
    case 'extensionresourceid':
      return isStr(a) && isStr(b) ? idOf(a.replace(/\/+$/, ''), b, args.slice(2)) : UNKNOWN;
    default:
      // reference(), list*(), utcNow(), newGuid(), environment(), pickZones() … are Azure's to answer at run time.
      return UNKNOWN;
  }
}
