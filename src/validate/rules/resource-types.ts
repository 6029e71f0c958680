// Shared by the resource-type rules: each reports its own kind of breach of Azure's resource types, computed
// once per template (src/validate/resource-types.ts).

import { typeBreaches, type TypeRuleId } from '../resource-types.js';
import type { TemplateContext } from '../rule.js';

export function reportTypeBreaches(ctx: TemplateContext, rule: TypeRuleId): void {
  for (const b of typeBreaches(ctx.template, ctx.base, ctx.providerCache ? { providerCache: ctx.providerCache } : {})) {
    if (b.rule !== rule) continue;
    ctx.report({ message: b.message, pointer: b.pointer, ...(b.key ? { key: true } : {}), ...(b.severity ? { severity: b.severity } : {}), ...(b.note ? { note: true } : {}), ...(b.hint ? { hint: b.hint } : {}) });
  }
}
