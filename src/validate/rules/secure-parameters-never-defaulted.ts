// arm-ttk checks securestring defaults only; a secureobject default is shared by every deployment too.

import { keyOf, parameterDecls, isObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'secure-parameters-never-defaulted',
  description: 'A secureobject parameter must not have a non-empty default (securestring is covered by Secure-String-Parameters-Cannot-Have-Default).',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      if (p.type !== 'secureobject') continue;
      const dk = keyOf(p.decl, 'defaultValue');
      if (!dk) continue;
      const d = p.decl[dk];
      if (d === null || (isObject(d) && Object.keys(d).length === 0)) continue;
      ctx.report({ message: `Secure parameter "${p.name}" has a default value; every deployment would share it.`, pointer: appendPointer(p.pointer, dk) });
    }
  },
});
