// What a template value can be at deployment time, as far as it can be told without deploying:
// a literal is itself; `[parameters('p')]` is any of p's allowedValues (unknown without them);
// `[variables('v')]` is v's value when that is knowable. Everything else is unknown.

import { isExpression, simpleReference, unescapeLiteral } from './expressions.js';
import { findParameter, keyOf, prop, type JsonObject } from './template.js';

export interface PossibleValues {
  known: boolean;
  values: unknown[];
  /** How the value was derived, for messages: `parameter 'location'`. */
  via?: string;
}

export function possibleValues(value: unknown, template: unknown, depth = 0): PossibleValues {
  if (!isExpression(value)) return { known: true, values: [typeof value === 'string' ? unescapeLiteral(value) : value] };
  if (depth > 8) return { known: false, values: [] };
  const param = simpleReference(value, 'parameters');
  if (param !== undefined) {
    const decl = findParameter(template, param);
    if (!decl) return { known: false, values: [], via: `undeclared parameter '${param}'` };
    const allowed = prop(decl.decl, 'allowedValues');
    if (Array.isArray(allowed) && allowed.length) return { known: true, values: allowed, via: `parameter '${decl.name}'` };
    return { known: false, values: [], via: `parameter '${decl.name}' (no allowedValues)` };
  }
  const variable = simpleReference(value, 'variables');
  if (variable !== undefined) {
    const vars = prop(template, 'variables') as JsonObject | undefined;
    const k = keyOf(vars, variable);
    if (!k) return { known: false, values: [], via: `undeclared variable '${variable}'` };
    const inner = possibleValues(vars![k], template, depth + 1);
    return { ...inner, via: `variable '${k}'${inner.via ? ` ← ${inner.via}` : ''}` };
  }
  return { known: false, values: [], via: `expression ${value}` };
}

/** Loose equality as Azure Policy compares: strings case-insensitively, others strictly (`"true"` = true). */
export function policyEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b.toLowerCase();
  if (typeof b === 'boolean' && typeof a === 'string') return String(b) === a.toLowerCase();
  return a === b;
}
