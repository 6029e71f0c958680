// The policies an offer attaches are assigned to the managed resource group; a template that violates
// them would fail its own deployment (Deny) or be non-compliant from day one (Audit).

import { checkPolicy } from '../../policies/check-policy.js';
import { isObject } from '../../arm/template.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'policy-compliance',
  description: "The rendered template (and the portal's region choices) must satisfy every policy the offer attaches, as each policy file's static check defines.",
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const main = ctx.package.mainTemplate;
    const ui = ctx.package.createUiDefinition;
    if (!ctx.offer || !main || !isObject(main.json.value)) return;
    for (const { policy, parameters } of ctx.offer.policies) {
      const diags = checkPolicy(policy, parameters, {
        template: main.json.value,
        templateFile: main.display,
        ...(ui && isObject(ui.json.value) ? { createUiDefinition: ui.json.value, uiFile: ui.display } : {}),
      });
      for (const d of diags) {
        ctx.report({ file: d.file === ui?.display ? ui : main, pointer: d.pointer ?? '', message: d.message, severity: d.severity, ...(d.hint ? { hint: d.hint } : {}) });
      }
    }
  },
});
