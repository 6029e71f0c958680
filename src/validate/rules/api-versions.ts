// Shared by the apiVersions rules: the provider cache and "today", or a note that the check did not run.

import type { TemplateContext } from '../rule.js';
import { prop } from '../../arm/template.js';
import { textOf } from '../../util/text-of.js';

export function isBicepGenerated(template: unknown): boolean {
  return textOf(prop(prop(prop(template, 'metadata'), '_generator'), 'name')).toLowerCase() === 'bicep';
}

/** Reports (once per template) that the rule needs a provider cache; returns false when it cannot run. */
export function canJudge(ctx: TemplateContext, ruleName: string): boolean {
  if (ctx.providerCache) return true;
  if (!ctx.isInnerTemplate) {
    ctx.report({ message: `${ruleName} was not checked: it needs a provider cache (--provider-cache <file>, or \`offerkit cache update\` when signed in to Azure).`, pointer: ctx.base, note: true });
  }
  return false;
}
