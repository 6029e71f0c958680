// API versions passed to reference() and list*() must also be recent.

import { isExpression, tryParseExpression, walkExpression, type ExprNode } from '../../arm/expressions.js';
import { collectResources, keyOf, prop } from '../../arm/template.js';
import { chainOfFullType, judgeApiVersion } from '../provider-cache.js';
import { defineRule } from '../rule.js';
import { canJudge, isBicepGenerated } from './api-versions.js';
import { strings } from './walk.js';
import { textOf } from '../../util/text-of.js';

const ID_FUNCS = ['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid'];

function typeFromIdCall(node: ExprNode | undefined): string | undefined {
  if (node?.kind !== 'call' || !ID_FUNCS.includes(node.name.toLowerCase())) return undefined;
  const lit = node.args.find((a) => a.kind === 'string' && /^[\w.]+\/[\w/.]+$/.test(a.value) && a.value.includes('.'));
  return lit?.kind === 'string' ? lit.value : undefined;
}

export default defineRule({
  id: 'apiversions-should-be-recent-in-reference-functions',
  armTtk: 'apiVersions-Should-Be-Recent-In-Reference-Functions',
  description: 'Literal API versions passed to reference() and list*() calls must be recent (same rules as resource apiVersions). Needs a provider cache.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    if (isBicepGenerated(ctx.template)) return;
    const vars = prop(ctx.template, 'variables');
    const resources = collectResources(ctx.template);
    const today = ctx.today ?? new Date();
    let checked = false;
    const texts = strings(ctx.template, ctx.base);
    for (let i = 0; i < texts.length; i++) {
      const text = texts.value(i);
      if (!isExpression(text)) continue;
      const root = tryParseExpression(text);
      if (!root) continue;
      for (const n of walkExpression(root)) {
        if (n.kind !== 'call') continue;
        const name = n.name.toLowerCase();
        if (name !== 'reference' && !name.startsWith('list')) continue;
        const api = n.args[1];
        if (api?.kind !== 'string' || !/\d{4}-\d{2}-\d{2}/.test(api.value)) continue;
        let type = typeFromIdCall(n.args[0]);
        const a0 = n.args[0];
        if (!type && a0?.kind === 'call' && a0.name.toLowerCase() === 'variables' && a0.args[0]?.kind === 'string') {
          const vName = a0.args[0].value;
          const vk = keyOf(vars, vName);
          const vv = vk ? (vars as Record<string, unknown>)[vk] : undefined;
          if (typeof vv === 'string' && isExpression(vv)) type = typeFromIdCall(tryParseExpression(vv));
          if (!type) {
            const named = resources.find((r) => textOf(prop(r.resource, 'name')).replace(/\s/g, '').toLowerCase() === `[variables('${vName.toLowerCase()}')]`);
            if (named) type = named.fullType;
          }
        }
        if (!type) continue;
        if (!checked && !canJudge(ctx, 'apiVersions-Should-Be-Recent-In-Reference-Functions')) return;
        checked = true;
        const verdict = judgeApiVersion(ctx.providerCache!, chainOfFullType(type), api.value, today);
        if (verdict && !verdict.ok) ctx.report({ message: `${n.name}() uses apiVersion ${api.value} for ${type}, which ${verdict.reason}.`, pointer: texts.pointer(i), ...(verdict.latestStable ? { hint: `Use ${verdict.latestStable}.` } : {}) });
      }
    }
  },
});
