// The customer chooses the VM size (quota, cost); it must be a parameter.

import { isExpression, referencedNames, simpleReference, tryParseExpression } from '../../arm/expressions.js';
import { isObject, keyOf, prop } from '../../arm/template.js';
import { resolvePointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { walkBelow } from './walk.js';

export default defineRule({
  id: 'vm-size-should-be-a-parameter',
  armTtk: 'VM-Size-Should-Be-A-Parameter',
  description: 'Every vmSize must come from a parameter, directly or through a variable.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const vars = prop(ctx.template, 'variables');
    const refersToParameter = (v: unknown, depth = 0): boolean => {
      if (depth > 5 || typeof v !== 'string' || !isExpression(v)) return false;
      const expr = tryParseExpression(v);
      if (!expr) return /parameters\s*\(/i.test(v);
      if (referencedNames(expr, 'parameters').length) return true;
      return referencedNames(expr, 'variables').some((n) => {
        const k = keyOf(vars, n);
        return k ? refersToParameter((vars as Record<string, unknown>)[k], depth + 1) || (isObject((vars as Record<string, unknown>)[k]) && JSON.stringify((vars as Record<string, unknown>)[k]).includes("parameters(")) : false;
      });
    };
    const rk = keyOf(ctx.template, 'resources');
    if (!rk) return;
    const visits = walkBelow(ctx.template, ctx.base, rk);
    for (let i = 0; i < visits.length; i++) {
      if (visits.key(i).toLowerCase() !== 'vmsize') continue;
      let value = visits.value(i);
      if (isObject(value) && prop(value, 'value') !== undefined) value = prop(value, 'value');
      if (typeof value !== 'string') continue;
      if (!refersToParameter(value)) ctx.report({ message: `vmSize is ${JSON.stringify(value)}; the VM size must come from a parameter.`, pointer: visits.pointer(i) });
    }
    // In an inner template, a vmSize parameter must be fed from a parameter of the parent.
    if (ctx.isInnerTemplate && ctx.deploymentPointer !== undefined && ctx.parent) {
      const holder = resolvePointer(ctx.file.json.value, ctx.deploymentPointer);
      const passed = prop(holder, 'parameters');
      if (!isObject(passed)) return;
      for (const [name, arg] of Object.entries(passed)) {
        if (!/vmsize/i.test(name)) continue;
        const value = prop(arg, 'value');
        if (typeof value === 'string' && !refersToParameterIn(ctx.parent.template, value)) ctx.report({ message: `vmSize parameter "${name}" of the nested template is given ${JSON.stringify(value)}, not a parameter.`, pointer: `${ctx.deploymentPointer}/${keyOf(holder, 'parameters')}/${name}` });
      }
    }
  },
});

function refersToParameterIn(template: unknown, value: string): boolean {
  if (!isExpression(value)) return false;
  if (simpleReference(value, 'parameters')) return true;
  const expr = tryParseExpression(value);
  if (!expr) return false;
  if (referencedNames(expr, 'parameters').length) return true;
  const vars = prop(template, 'variables');
  return referencedNames(expr, 'variables').some((n) => {
    const k = keyOf(vars, n);
    const vv = k ? (vars as Record<string, unknown>)[k] : undefined;
    return typeof vv === 'string' && /parameters\s*\(/i.test(vv);
  });
}
