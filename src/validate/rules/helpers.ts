// Small shared queries for rules.

import { findParameter, isObject, keyOf, prop, type JsonObject } from '../../arm/template.js';
import { isExpression } from '../../arm/expressions.js';

/** A main-template parameter by name (case-insensitive), with its declaration and pointer. */
export function templateParameter(template: unknown, name: string): { name: string; decl: JsonObject; pointer: string } | undefined {
  const p = findParameter(template, name);
  return p ? { name: p.name, decl: p.decl, pointer: p.pointer } : undefined;
}

export function templateParameterNames(template: unknown): string[] {
  const params = prop(template, 'parameters');
  return isObject(params) ? Object.keys(params) : [];
}

/** PowerShell truthiness: null, '', 0, false, empty array are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0 && (v.length > 1 || truthy(v[0]));
  return true;
}

export { isExpression, keyOf, prop, isObject };
