// A template parameter without a default can only get a value from a createUiDefinition output.

import { keyOf, parameterDecls } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { uiOutputs } from '../../package-model/ui-model.js';

export default defineRule({
  id: 'parameters-without-default-must-exist-in-createuidefinition',
  armTtk: 'Parameters-Without-Default-Must-Exist-In-CreateUIDefinition',
  description: 'Every main-template parameter without a defaultValue must be an output of createUiDefinition.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    if (!ctx.mainTemplate) return;
    const outputs = new Set(uiOutputs(ctx.ui).outputs.map((o) => o.name.toLowerCase()));
    for (const p of parameterDecls(ctx.mainTemplate)) {
      const k = keyOf(p.decl, 'defaultValue');
      if (k !== undefined && p.decl[k] !== null) continue;
      if (outputs.has(p.name.toLowerCase())) continue;
      ctx.report({ file: ctx.mainTemplateFile, message: `Template parameter "${p.name}" has no default and no createUiDefinition output gives it a value.`, pointer: p.pointer, hint: `Add an output "${p.name}" to createUiDefinition, or a defaultValue to the parameter.` });
    }
  },
});
