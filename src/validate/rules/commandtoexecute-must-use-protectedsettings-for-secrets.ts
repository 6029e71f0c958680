// Custom script extensions must pass secrets through protectedSettings, which are encrypted.

import { isExpression, tryParseExpression, calls, referencedNames } from '../../arm/expressions.js';
import { isObject, keyOf, parameterDecls, prop, type JsonObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { textOf } from '../../util/text-of.js';
import { enterItems } from './walk.js';

export default defineRule({
  id: 'commandtoexecute-must-use-protectedsettings-for-secrets',
  armTtk: 'CommandToExecute-Must-Use-ProtectedSettings-For-Secrets',
  description: 'A custom script extension whose commandToExecute uses a secure parameter or a list*() function must put it in protectedSettings, not settings.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const secure = new Set(parameterDecls(ctx.template).filter((p) => p.type === 'securestring' || p.type === 'secureobject').map((p) => p.name.toLowerCase()));
    // The objects around a value and its pointer's segments, on stacks: a pointer is made only to report.
    const stack: JsonObject[] = [];
    const segments: (string | number)[] = [];
    const visit = (node: unknown, depth: number): void => {
      if (depth > 200) return;
      if (Array.isArray(node)) return enterItems(node, segments, (item) => visit(item, depth + 1));
      if (!isObject(node)) return;
      stack.push(node);
      for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
        const v = node[k];
        if (v === null || typeof v !== 'object') continue;
        segments.push(k);
        if (isObject(v) && keyOf(v, 'commandToExecute')) {
          const holderType = textOf(prop(node, 'type'));
          if (/CustomScript|CustomScriptExtension|CustomScriptForLinux/i.test(holderType)) {
            const protectedInAncestor = stack.some((a) => prop(prop(a, 'protectedSettings'), 'commandToExecute') !== undefined);
            const cmd = prop(v, 'commandToExecute');
            if (!protectedInAncestor && typeof cmd === 'string' && isExpression(cmd)) {
              const expr = tryParseExpression(cmd);
              const usesList = expr ? calls(expr).some((c) => c.name.toLowerCase().startsWith('list')) : /\blist\w*\s*\(/i.test(cmd);
              const usesSecure = expr ? referencedNames(expr, 'parameters').some((p) => secure.has(p.toLowerCase())) : false;
              if (usesList || usesSecure) {
                ctx.report({ message: `commandToExecute in ${k} uses ${usesList ? 'a list*() function' : 'a secure parameter'}; secrets in settings are stored and shown in clear text.`, pointer: appendPointer(ctx.base, ...segments, keyOf(v, 'commandToExecute')!), hint: 'Move commandToExecute to protectedSettings.' });
              }
            }
          }
        }
        visit(v, depth + 1);
        segments.pop();
      }
      stack.pop();
    };
    const rk = keyOf(ctx.template, 'resources');
    if (!rk) return;
    segments.push(rk);
    visit(ctx.template[rk], 0);
  },
});
