// resourceId() and friends take their scope and type as separate arguments; don't build them by hand.

import { isExpression } from '../../arm/expressions.js';
import { defineRule } from '../rule.js';
import { isBicepGenerated } from './api-versions.js';
import { strings } from './walk.js';

const SHAPES: [RegExp, string][] = [
  [/(?<![A-Za-z])resourceId\s*\(\s*resourceGroup\s*\(/, 'resourceId(resourceGroup()…)'],
  [/(?<![A-Za-z])resourceId\s*\(\s*subscription\s*\(/, 'resourceId(subscription()…)'],
  [/(?<![A-Za-z])subscriptionResourceId\s*\(\s*subscription\s*\(/, 'subscriptionResourceId(subscription()…)'],
  [/(?<![A-Za-z])(resourceId|tenantResourceId|extensionResourceId|subscriptionResourceId|reference|list\w*)\s*\(\s*(concat|format)\s*\(/, 'a resource ID built with concat() or format()'],
];

export default defineRule({
  id: 'resourceids-should-not-contain',
  armTtk: 'ResourceIds-should-not-contain',
  description: 'resourceId() must not be given resourceGroup()/subscription() objects or a concat()/format()-built ID; pass scope and type as separate arguments.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    if (isBicepGenerated(ctx.template)) return;
    const texts = strings(ctx.template, ctx.base);
    for (let i = 0; i < texts.length; i++) {
      const text = texts.value(i);
      if (!isExpression(text)) continue;
      for (const [re, what] of SHAPES) {
        if (re.test(text)) {
          ctx.report({ message: `The expression uses ${what}.`, pointer: texts.pointer(i), hint: "Pass names as separate arguments: resourceId('Microsoft.Storage/storageAccounts', variables('name'))." });
          break;
        }
      }
    }
  },
});
