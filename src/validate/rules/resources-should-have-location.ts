// A resource location must be an expression (normally the location parameter) or "global".

import { isExpression } from '../../arm/expressions.js';
import { keyOf, prop, resourceEntries } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'resources-should-have-location',
  armTtk: 'Resources-Should-Have-Location',
  description: 'A top-level resource that sets location must use an expression or "global".',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const [rel, r] of resourceEntries(ctx.template)) {
      const lk = keyOf(r, 'location');
      if (!lk) continue;
      const v = r[lk];
      if (isExpression(v) || (typeof v === 'string' && v.toLowerCase() === 'global')) continue;
      ctx.report({ message: `Resource ${JSON.stringify(prop(r, 'name') ?? '')} has location ${JSON.stringify(v)}; it must be an expression or "global".`, pointer: appendPointer(`${ctx.base}/${rel}`, lk) });
    }
  },
});
