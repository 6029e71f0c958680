// Outputs must read controls that exist: basics('x') names a basics element, steps('s').e a step element.

import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { childControlsByName, firstByLowerName, uiBasics, uiOutputs, uiSteps } from '../../package-model/ui-model.js';
import { isObject } from './helpers.js';
import { textOf } from '../../util/text-of.js';

const REF = /^\s*\[\s*(basics|steps)\s*\(\s*'([^']*)'\s*\)\s*(?:\.\s*(\w+))?/i;

export default defineRule({
  id: 'controls-in-outputs-must-exist',
  armTtk: 'Controls-In-Outputs-Must-Exist',
  description: 'An output that starts with basics(\'x\') or steps(\'s\').e must name a basics element, a step and one of its elements that exist.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const basicsNames = new Set(uiBasics(ctx.ui).map((b) => textOf(prop(b, 'name')).toLowerCase()));
    const steps = firstByLowerName(uiSteps(ctx.ui), (s) => s.name ?? '');
    const check = (text: string, pointer: string) => {
      const m = REF.exec(text);
      if (!m) return;
      const [, fn, name, element] = m;
      if (fn.toLowerCase() === 'basics') {
        if (!basicsNames.has(name.toLowerCase())) ctx.report({ message: `Output reads basics('${name}'), but basics has no element named "${name}".`, pointer });
        return;
      }
      const step = steps.get(name.toLowerCase());
      if (!step) {
        ctx.report({ message: `Output reads steps('${name}'), but there is no step named "${name}".`, pointer });
        return;
      }
      if (element && !childControlsByName(step.elements).has(element.toLowerCase())) {
        ctx.report({ message: `Output reads steps('${name}').${element}, but step "${name}" has no element named "${element}".`, pointer });
      }
    };
    for (const o of uiOutputs(ctx.ui).outputs) {
      if (typeof o.value === 'string') check(o.value, o.pointer);
      else if (isObject(o.value)) for (const [k, v] of Object.entries(o.value)) if (typeof v === 'string') check(v, `${o.pointer}/${k}`);
    }
  },
});
