// Shared by the adminUsername/adminPassword rules: named properties in resources or variables must be
// expressions, and a variable they point to must itself be an expression.

import { isExpression, simpleReference } from '../../arm/expressions.js';
import { isObject, keyOf, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import type { TemplateContext } from '../rule.js';
import { walk } from './walk.js';

export function checkLiteralProperties(ctx: TemplateContext, names: string[], what: string): void {
  const wanted = names.map((n) => n.toLowerCase());
  const vars = prop(ctx.template, 'variables');
  const check = (value: unknown, pointer: string, key: string) => {
    let v = value;
    if (isObject(v) && prop(v, 'value') !== undefined) {
      pointer = appendPointer(pointer, keyOf(v, 'value')!);
      v = prop(v, 'value');
    }
    if (typeof v !== 'string') return;
    if (!/\[[^\]]*\]/.test(v) || !isExpression(v.trim())) {
      ctx.report({ message: `${key} is the literal ${JSON.stringify(v)}; ${what} must come from a parameter (or an expression).`, pointer });
      return;
    }
    const varName = simpleReference(v.trim(), 'variables');
    if (varName !== undefined) {
      const vk = keyOf(vars, varName);
      const vv = vk ? (vars as Record<string, unknown>)[vk] : undefined;
      if (typeof vv === 'string' && !isExpression(vv)) ctx.report({ message: `${key} uses variable "${varName}", which is the literal ${JSON.stringify(vv)}.`, pointer });
    }
  };
  // The template's one walk (shared with the other rules), limited to the two sections.
  const prefixes = ['resources', 'variables'].map((section) => keyOf(ctx.template, section)).filter((k): k is string => k !== undefined).map((k) => `${appendPointer(ctx.base, k)}/`);
  if (!prefixes.length) return;
  const visits = walk(ctx.template, ctx.base);
  for (let i = 0; i < visits.length; i++) {
    const key = visits.key(i);
    if (!wanted.includes(key.toLowerCase())) continue;
    const pointer = visits.pointer(i);
    if (prefixes.some((p) => pointer.startsWith(p))) check(visits.value(i), pointer, key);
  }
}
