// Every createUiDefinition output must be a parameter of the main template (or a managed-app output).

import { defineRule } from '../rule.js';
import { uiOutputs } from '../../package-model/ui-model.js';
import { templateParameterNames } from './helpers.js';

const MANAGED_APP_OUTPUTS = ['applicationresourcename', 'jitaccesspolicy', 'managedidentity', 'managedresourcegroupid'];

export default defineRule({
  id: 'outputs-must-be-present-in-template-parameters',
  armTtk: 'Outputs-Must-Be-Present-In-Template-Parameters',
  description: 'Each createUiDefinition output must be a parameter of the main template (except the managed-application outputs applicationResourceName, jitAccessPolicy, managedIdentity, managedResourceGroupId).',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    if (!ctx.mainTemplate) return;
    const o = uiOutputs(ctx.ui);
    if (!o.present) {
      ctx.report({ message: 'createUiDefinition has no outputs.', pointer: o.pointer });
      return;
    }
    const params = new Set(templateParameterNames(ctx.mainTemplate).map((p) => p.toLowerCase()));
    for (const out of o.outputs) {
      const lower = out.name.toLowerCase();
      if (params.has(lower) || MANAGED_APP_OUTPUTS.includes(lower)) continue;
      ctx.report({ message: `Output "${out.name}" is not a parameter of the main template.`, pointer: out.pointer, hint: 'Rename the output to a template parameter, or add the parameter.' });
    }
  },
});
