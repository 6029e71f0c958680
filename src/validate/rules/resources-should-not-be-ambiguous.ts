// Two declarations of the same resource (same type and name) make the deployment order-dependent.
// arm-ttk ships this rule disabled, so it defaults to info here and never blocks certification.

import { collectResources, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'resources-should-not-be-ambiguous',
  armTtk: 'Resources-Should-Not-Be-Ambiguous',
  description: 'The same resource (type and name) should not be declared twice in one template.',
  defaultSeverity: 'info',
  target: 'template',
  check(ctx) {
    const seen = new Map<string, string>();
    for (const r of collectResources(ctx.template, { basePointer: ctx.base, nested: false })) {
      if (prop(r.resource, 'condition') !== undefined || prop(r.resource, 'copy') !== undefined) continue;
      const name = prop(r.resource, 'name');
      if (typeof name !== 'string') continue;
      const key = `${r.fullType.toLowerCase()}|${name.replace(/\s/g, '').toLowerCase()}`;
      const first = seen.get(key);
      if (first) ctx.report({ message: `${r.fullType} ${JSON.stringify(name)} is declared twice (also at ${first}).`, pointer: r.pointer, severity: 'info' });
      else seen.set(key, r.pointer);
    }
  },
});
