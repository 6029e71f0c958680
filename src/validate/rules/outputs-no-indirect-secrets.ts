// arm-ttk catches outputs that return secure parameters directly; a variable in between hides them.

import { isExpression, referencedNames, tryParseExpression, calls } from '../../arm/expressions.js';
import { isObject, keyOf, parameterDecls, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { strings } from './walk.js';

export default defineRule({
  id: 'outputs-no-indirect-secrets',
  description: 'Outputs must not return secure parameters or list*() results through variables either.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const ok = keyOf(ctx.template, 'outputs');
    const outputs = ok ? ctx.template[ok] : undefined;
    if (!isObject(outputs)) return;
    const secure = new Set(parameterDecls(ctx.template).filter((p) => p.type === 'securestring' || p.type === 'secureobject').map((p) => p.name.toLowerCase()));
    const vars = prop(ctx.template, 'variables');
    const memo = new Map<string, string | undefined>();
    const secretIn = (name: string, depth: number): string | undefined => {
      if (memo.has(name) || depth > 10) return memo.get(name);
      memo.set(name, undefined);
      const k = keyOf(vars, name);
      let found: string | undefined;
      for (const s of strings(k ? (vars as Record<string, unknown>)[k] : undefined)) {
        if (!isExpression(s.value)) continue;
        const e = tryParseExpression(s.value);
        if (!e) continue;
        if (calls(e).some((c) => /^list/i.test(c.name))) found = 'a list*() function';
        found ??= referencedNames(e, 'parameters').find((p) => secure.has(p.toLowerCase())) && `secure parameter ${referencedNames(e, 'parameters').find((p) => secure.has(p.toLowerCase()))}`;
        found ??= referencedNames(e, 'variables').map((v) => secretIn(v, depth + 1)).find(Boolean);
        if (found) break;
      }
      memo.set(name, found);
      return found;
    };
    for (const [name, out] of Object.entries(outputs)) {
      for (const s of strings(prop(out, 'value'), appendPointer(ctx.base, ok!, name, 'value'))) {
        if (!isExpression(s.value)) continue;
        const e = tryParseExpression(s.value);
        if (!e) continue;
        for (const v of referencedNames(e, 'variables')) {
          const secret = secretIn(v, 0);
          if (secret) {
            ctx.report({ message: `Output "${name}" returns variable "${v}", which carries ${secret}; outputs are readable by anyone who can read the deployment.`, pointer: s.pointer });
            break;
          }
        }
      }
    }
  },
});
