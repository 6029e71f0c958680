// An outer-scope nested template sees the parent's parameters; secrets used there end up in the deployment history.

import { isExpression, tryParseExpression, calls, referencedNames } from '../../arm/expressions.js';
import { collectResources, nestedTemplate, parameterDecls } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { strings } from './walk.js';

export default defineRule({
  id: 'secure-params-in-nested-deployments',
  armTtk: 'Secure-Params-In-Nested-Deployments',
  description: 'A nested deployment evaluated in outer scope must not use secure parameters of the outer template or list*() functions; use inner scope and pass them as parameters.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const secure = new Set(parameterDecls(ctx.template).filter((p) => p.type === 'securestring' || p.type === 'secureobject').map((p) => p.name.toLowerCase()));
    for (const r of collectResources(ctx.template, { basePointer: ctx.base, nested: false })) {
      const inner = nestedTemplate(r.resource);
      if (!inner || inner.innerScope) continue;
      const texts = strings(inner.template, r.pointer + inner.pointerSuffix);
      for (let i = 0; i < texts.length; i++) {
        const text = texts.value(i);
        if (!isExpression(text)) continue;
        const expr = tryParseExpression(text);
        const list = expr ? calls(expr).some((c) => /^list/i.test(c.name)) : /\blist\w*\s*\(/i.test(text);
        const sec = expr ? referencedNames(expr, 'parameters').find((p) => secure.has(p.toLowerCase())) : undefined;
        if (list || sec) {
          ctx.report({ message: `An outer-scope nested template ${sec ? `uses secure parameter "${sec}"` : 'calls a list*() function'}; its value is saved in the deployment history.`, pointer: texts.pointer(i), hint: 'Set properties.expressionEvaluationOptions.scope to inner and pass the value as a parameter of the nested template.' });
        }
      }
    }
  },
});
