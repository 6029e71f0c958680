// What can be known of a template value before deployment, beyond its literal: the JSON kind an expression
// always yields (`[equals(…)]` is a boolean whatever its arguments), and the text of a string expression with
// its unknown parts marked (`[format('{0}/default', variables('n'))]` ends in `/default` whatever n is).
// Function results follow Microsoft's template-functions reference
// (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions).

import { isExpression, tryParseExpression, unescapeLiteral, type ExprNode } from './expressions.js';
import { findParameter, keyOf, prop, type JsonObject } from './template.js';

export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON kind of a literal. */
export function literalKind(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    default:
      return 'object';
  }
}

const RESULT_KIND: Record<string, ValueKind> = {};
const kinds: [ValueKind, string[]][] = [
  ['string', ['format', 'uniquestring', 'guid', 'string', 'tolower', 'toupper', 'trim', 'replace', 'substring', 'padleft', 'base64', 'base64tostring', 'datauri', 'datauritostring', 'uri', 'uricomponent', 'uricomponenttostring', 'newguid', 'utcnow', 'resourceid', 'subscriptionresourceid', 'tenantresourceid', 'managementgroupresourceid', 'extensionresourceid', 'datetimeadd', 'datetimefromepoch']],
  ['integer', ['int', 'length', 'indexof', 'lastindexof', 'add', 'sub', 'mul', 'div', 'mod', 'copyindex', 'datetimetoepoch']],
  ['boolean', ['bool', 'equals', 'not', 'and', 'or', 'less', 'lessorequals', 'greater', 'greaterorequals', 'contains', 'empty', 'startswith', 'endswith']],
  ['array', ['createarray', 'split', 'range', 'array', 'items']],
  ['object', ['createobject']],
];
for (const [kind, names] of kinds) for (const n of names) RESULT_KIND[n] = kind;

const PARAMETER_KIND: Record<string, ValueKind> = { string: 'string', securestring: 'string', int: 'integer', bool: 'boolean', object: 'object', secureobject: 'object', array: 'array' };

/** The kind an expression always yields, or undefined when it depends on what is deployed. */
export function expressionKind(value: string, template: unknown): ValueKind | undefined {
  const node = tryParseExpression(value);
  return node ? nodeKind(node, template, 0) : undefined;
}

function nodeKind(node: ExprNode, template: unknown, depth: number): ValueKind | undefined {
  if (depth > 16) return undefined;
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(node.value) ? 'integer' : 'number';
    case 'literal':
      return node.value === null ? 'null' : 'boolean';
    case 'member':
    case 'index':
      return undefined;
    case 'call': {
      const name = node.name.toLowerCase();
      if (name === 'true' || name === 'false') return 'boolean';
      if (name === 'parameters' && node.args[0]?.kind === 'string') {
        const p = findParameter(template, node.args[0].value);
        return p ? PARAMETER_KIND[p.type] : undefined;
      }
      if (name === 'if' && node.args.length === 3) {
        const a = nodeKind(node.args[1], template, depth + 1);
        return a !== undefined && a === nodeKind(node.args[2], template, depth + 1) ? a : undefined;
      }
      if (name === 'concat') {
        const args = node.args.map((a) => nodeKind(a, template, depth + 1));
        if (args.length && args.every((k) => k === 'array')) return 'array';
        if (args.length && args.every((k) => k === 'string' || k === 'integer' || k === 'boolean')) return 'string';
        return undefined;
      }
      return RESULT_KIND[name];
    }
  }
}

/** Marks an unknown stretch of text in what staticText returns. */
export const UNKNOWN_TEXT = '\u0000';

/**
 * The text a string value has at deployment, with each part that cannot be known replaced by UNKNOWN_TEXT;
 * undefined when the value is not a string. Literals, variables holding literals, a parameter that allows one
 * value, `format`, `concat`, `toLower` and `toUpper` are followed; anything else is unknown.
 */
export function staticText(value: unknown, template: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!isExpression(value)) return unescapeLiteral(value);
  const node = tryParseExpression(value);
  return node ? nodeText(node, template, 0) : UNKNOWN_TEXT;
}

function nodeText(node: ExprNode, template: unknown, depth: number): string {
  if (depth > 16) return UNKNOWN_TEXT;
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return String(node.value);
    case 'call': {
      const name = node.name.toLowerCase();
      const arg = (i: number) => nodeText(node.args[i], template, depth + 1);
      if (name === 'variables' && node.args.length === 1 && node.args[0].kind === 'string') {
        const vars = prop(template, 'variables') as JsonObject | undefined;
        const k = keyOf(vars, node.args[0].value);
        const v = k ? vars![k] : undefined;
        if (typeof v !== 'string') return UNKNOWN_TEXT;
        if (!isExpression(v)) return unescapeLiteral(v);
        const inner = tryParseExpression(v);
        return inner ? nodeText(inner, template, depth + 1) : UNKNOWN_TEXT;
      }
      if (name === 'concat' && node.args.every((a) => a.kind !== 'call' || !['createarray', 'split', 'array', 'range'].includes(a.name.toLowerCase()))) {
        return node.args.map((_, i) => arg(i)).join('');
      }
      if (name === 'format' && node.args[0]?.kind === 'string') {
        // .NET composite format: {0}, {1:fmt}; {{ and }} are braces.
        return node.args[0].value.replace(/\{\{|\}\}|\{(\d+)(?:[,:][^}]*)?\}/g, (m: string, i?: string) => {
          if (m === '{{') return '{';
          if (m === '}}') return '}';
          const n = Number(i) + 1;
          return n < node.args.length ? arg(n) : UNKNOWN_TEXT;
        });
      }
      if (name === 'parameters' && node.args.length === 1 && node.args[0].kind === 'string') {
        // A parameter that allows one value can only be that value.
        const allowed = prop(findParameter(template, node.args[0].value)?.decl, 'allowedValues');
        return Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string' ? allowed[0] : UNKNOWN_TEXT;
      }
      if ((name === 'tolower' || name === 'toupper') && node.args.length === 1) {
        const t = arg(0);
        return name === 'tolower' ? t.toLowerCase() : t.toUpperCase();
      }
      return UNKNOWN_TEXT;
    }
    default:
      return UNKNOWN_TEXT;
  }
}
