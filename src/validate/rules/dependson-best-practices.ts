// dependsOn entries should name resources directly, not through if() or concat().

import { defineRule } from '../rule.js';
import { walk } from './walk.js';

export default defineRule({
  id: 'dependson-best-practices',
  armTtk: 'DependsOn-Best-Practices',
  description: 'A dependsOn entry must not start with [if( and must not be built with [concat( unless it uses copyIndex(); use resourceId() or the resource name.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const visits = walk(ctx.template, ctx.base);
    for (let k = 0; k < visits.length; k++) {
      const value = visits.value(k);
      if (!Array.isArray(value) || visits.key(k).toLowerCase() !== 'dependson') continue;
      const pointer = visits.pointer(k);
      value.forEach((d: unknown, i) => {
        if (typeof d !== 'string') return;
        const t = d.replace(/\s/g, '').toLowerCase();
        if (t.startsWith('[if(')) ctx.report({ message: `dependsOn entry ${JSON.stringify(d)} uses if(); a dependency cannot be conditional.`, pointer: `${pointer}/${i}` });
        else if (t.startsWith('[concat(') && !t.includes('copyindex(')) ctx.report({ message: `dependsOn entry ${JSON.stringify(d)} is built with concat(); use resourceId() or the resource name.`, pointer: `${pointer}/${i}` });
      });
    }
  },
});
