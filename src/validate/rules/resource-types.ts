// Shared by the resource-type rules: each reports its own kind of breach of Azure's resource types, computed
// once per template (src/validate/resource-types.ts).

import { LISTED_PER_RULE, typeBreaches, type TypeRuleId } from '../resource-types.js';
import type { TemplateContext } from '../rule.js';

export function reportTypeBreaches(ctx: TemplateContext, rule: TypeRuleId): void {
  const breaches = typeBreaches(ctx.template, ctx.base, ctx.providerCache ? { providerCache: ctx.providerCache } : {});
  for (const b of breaches.listed) {
    if (b.rule !== rule) continue;
    ctx.report({ message: b.message, pointer: b.pointer, ...(b.key ? { key: true } : {}), ...(b.severity ? { severity: b.severity } : {}), ...(b.note ? { note: true } : {}), ...(b.hint ? { hint: b.hint } : {}) });
  }
  const rest = breaches.unlisted.get(rule);
  if (!rest) return;
  // As severe as the most severe of those counted: the rule's own level when any took it.
  const severity = rest.severities.has(undefined) || rest.severities.has('error') ? undefined : rest.severities.has('warning') ? 'warning' : 'info';
  ctx.report({
    summary: true,
    message: `…and ${rest.count} more finding${rest.count > 1 ? 's' : ''} of this rule in this template from here on, not listed (the first ${LISTED_PER_RULE} are); fix those and validate again.`,
    pointer: rest.first?.pointer ?? ctx.base,
    ...(rest.first?.key ? { key: true } : {}),
    ...(severity ? { severity } : {}),
  });
}
