// A default secret is a secret shared by every customer.

import { keyOf, parameterDecls } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'secure-string-parameters-cannot-have-default',
  armTtk: 'Secure-String-Parameters-Cannot-Have-Default',
  description: 'A securestring parameter may have no default, an empty default, or an expression using newGuid().',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      if (p.type !== 'securestring') continue;
      const dk = keyOf(p.decl, 'defaultValue');
      if (!dk) continue;
      const d = p.decl[dk];
      if (d === '' || d === null) continue;
      if (typeof d === 'string' && /newGuid\s*\(/i.test(d) && d.trim().startsWith('[')) continue;
      ctx.report({ message: `Secure parameter "${p.name}" has a default value; every deployment would share it.`, pointer: appendPointer(p.pointer, dk) });
    }
  },
});
