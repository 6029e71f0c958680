// A VM size selector must feed a template parameter whose default it allows.

import { isObject, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls, like, uiOutputs, uiSteps } from '../../package-model/ui-model.js';
import { templateParameter, truthy } from './helpers.js';

function findOutput(value: unknown, pattern: string): boolean {
  if (typeof value === 'string') return like(value, pattern);
  if (isObject(value)) return Object.values(value).some((v) => findOutput(v, pattern));
  return false;
}

export default defineRule({
  id: 'vmsizes-must-match-template',
  armTtk: 'VMSizes-Must-Match-Template',
  description: 'Each SizeSelector must be output to a main-template parameter, and its allowedSizes must include that parameter\'s default.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    if (!ctx.mainTemplate) return;
    const outputs = uiOutputs(ctx.ui).outputs;
    const steps = uiSteps(ctx.ui);
    for (const sel of findControls(ctx.ui, 'Microsoft.Compute.SizeSelector')) {
      const name = sel.name ?? '';
      const step = steps.find((s) => sel.pointer.startsWith(`${s.pointer}/`));
      const pattern = step ? `*steps(*${step.name ?? ''}*)*.${name}*` : `*basics(*${name}*`;
      const out = outputs.find((o) => findOutput(o.value, pattern));
      if (!out) {
        ctx.report({ message: `Size selector "${name}" is not passed to the template by any output.`, pointer: sel.pointer });
        continue;
      }
      const param = templateParameter(ctx.mainTemplate, out.name);
      if (!param) {
        ctx.report({ message: `Size selector "${name}" is output as "${out.name}", which is not a main-template parameter.`, pointer: out.pointer });
        continue;
      }
      const def = prop(param.decl, 'defaultValue');
      const allowed = prop(prop(sel.node, 'constraints'), 'allowedSizes');
      if (truthy(def) && Array.isArray(allowed) && allowed.length && !allowed.some((a) => typeof a === 'string' && typeof def === 'string' ? a.toLowerCase() === def.toLowerCase() : a === def)) {
        ctx.report({ message: `Size selector "${name}" does not offer ${JSON.stringify(def)}, the default of template parameter "${param.name}".`, pointer: sel.pointer });
      }
    }
  },
});
