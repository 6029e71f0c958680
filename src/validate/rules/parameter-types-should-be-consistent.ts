// A parameter handed to an inner-scope nested template keeps its type.

import { simpleReference } from '../../arm/expressions.js';
import { findParameter, isObject, keyOf, prop } from '../../arm/template.js';
import { resolvePointer, appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { textOf } from '../../util/text-of.js';

export default defineRule({
  id: 'parameter-types-should-be-consistent',
  armTtk: 'Parameter-Types-Should-Be-Consistent',
  description: "A parameter passed to an inner-scope nested template as [parameters('x')] must be declared there with the same type as in the outer template.",
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    if (!ctx.isInnerTemplate || !ctx.parent || ctx.deploymentPointer === undefined) return;
    const holder = resolvePointer(ctx.file.json.value, ctx.deploymentPointer);
    const pk = keyOf(holder, 'parameters');
    const passed = pk ? (holder as Record<string, unknown>)[pk] : undefined;
    if (!isObject(passed)) return;
    for (const [name, arg] of Object.entries(passed)) {
      const outerName = simpleReference(typeof prop(arg, 'value') === 'string' ? textOf(prop(arg, 'value')).trim() : undefined, 'parameters');
      if (!outerName) continue;
      const outer = findParameter(ctx.parent.template, outerName);
      const inner = findParameter(ctx.template, name);
      if (!outer || !inner) continue;
      if (outer.type !== inner.type) {
        ctx.report({ message: `Parameter "${name}" is ${JSON.stringify(prop(inner.decl, 'type'))} in the nested template but receives "${outer.name}", which is ${JSON.stringify(prop(outer.decl, 'type'))}.`, pointer: appendPointer(ctx.deploymentPointer, pk!, name) });
      }
    }
  },
});
