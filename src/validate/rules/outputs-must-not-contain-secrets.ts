// Deployment outputs are visible to anyone who can read the deployment; no secrets there.

import { isExpression, tryParseExpression, calls, referencedNames } from '../../arm/expressions.js';
import { isObject, keyOf, parameterDecls, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { strings } from './walk.js';

export default defineRule({
  id: 'outputs-must-not-contain-secrets',
  armTtk: 'Outputs-Must-Not-Contain-Secrets',
  description: 'Outputs must not call list*() functions, be named like passwords, or reference securestring/secureobject parameters.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const ok = keyOf(ctx.template, 'outputs');
    const outputs = ok ? ctx.template[ok] : undefined;
    if (!isObject(outputs)) return;
    const secure = new Set(parameterDecls(ctx.template).filter((p) => p.type === 'securestring' || p.type === 'secureobject').map((p) => p.name.toLowerCase()));
    for (const [name, out] of Object.entries(outputs)) {
      const pointer = appendPointer(ctx.base, ok!, name);
      if (/password/i.test(name)) {
        ctx.report({ message: `Output "${name}" is named like a password; outputs are readable by anyone who can read the deployment.`, pointer });
        continue;
      }
      const value = prop(out, 'value');
      for (const s of strings(value, appendPointer(pointer, keyOf(out, 'value') ?? 'value'))) {
        if (!isExpression(s.value)) continue;
        const expr = tryParseExpression(s.value);
        const list = expr ? calls(expr).some((c) => /^list/i.test(c.name)) : /\blist\w*\s*\(/i.test(s.value);
        const sec = expr ? referencedNames(expr, 'parameters').find((p) => secure.has(p.toLowerCase())) : undefined;
        if (list) ctx.report({ message: `Output "${name}" calls a list*() function, which returns keys or secrets.`, pointer: s.pointer });
        else if (sec) ctx.report({ message: `Output "${name}" returns secure parameter "${sec}".`, pointer: s.pointer });
      }
    }
  },
});
