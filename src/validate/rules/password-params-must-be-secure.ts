// Parameters that carry secrets must be secure, so ARM never logs or returns them.

import { parameterDecls, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'password-params-must-be-secure',
  armTtk: 'Password-params-must-be-secure',
  description: 'Parameters named like passwords, secrets or account keys must be securestring, secureobject (or bool).',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      const n = p.name.toLowerCase();
      if (!/password|secret|accountkey/.test(n)) continue;
      if (['securestring', 'secureobject', 'bool'].includes(p.type)) continue;
      const soft = n.includes('secret') && !/password|accountkey/.test(n) && /permission|version|url|uri|name/.test(n);
      ctx.report({ message: `Parameter "${p.name}" looks like a secret but is of type ${JSON.stringify(prop(p.decl, 'type'))}; use securestring.`, pointer: p.pointer, ...(soft ? { armTtkWarning: true } : {}) });
    }
  },
});
