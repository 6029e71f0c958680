// arm-ttk checks only the first element after steps('s'); a path into a section must exist all the way.

import { isExpression } from '../../arm/expressions.js';
import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { childControlsByName, firstByLowerName, uiOutputs, uiSteps } from '../../package-model/ui-model.js';
import { strings } from './walk.js';
import { textOf } from '../../util/text-of.js';

const STEP_PATH = /steps\(\s*'([^']+)'\s*\)((?:\.\w+)+)/gi;


export default defineRule({
  id: 'createuidefinition-output-paths',
  description: "Every steps('s').a.b path used in an output must name a step, then controls that exist at each level (sections included).",
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const steps = firstByLowerName(uiSteps(ctx.ui), (x) => x.name ?? '');
    for (const out of uiOutputs(ctx.ui).outputs) {
      for (const s of strings(out.value, out.pointer)) {
        if (!isExpression(s.value)) continue;
        for (const m of s.value.matchAll(STEP_PATH)) {
          const step = steps.get(m[1].toLowerCase());
          if (!step) continue; // Controls-In-Outputs-Must-Exist reports a missing step.
          let elements: unknown[] = step.elements;
          const parts = m[2].slice(1).split('.');
          // A first-level miss at the start of the output is Controls-In-Outputs-Must-Exist's finding.
          const armTtkChecksFirst = /^\s*\[\s*steps\s*\(/i.test(s.value) && s.value.trimStart().slice(1).trimStart().toLowerCase().startsWith(`steps('${m[1].toLowerCase()}')`);
          for (const [i, part] of parts.entries()) {
            const child = childControlsByName(elements).get(part.toLowerCase());
            if (!child) {
              if (i > 0 || !armTtkChecksFirst) ctx.report({ message: `Output "${out.name}" reads steps('${m[1]}').${parts.slice(0, i + 1).join('.')}, but ${i === 0 ? `step "${m[1]}"` : `section "${parts[i - 1]}"`} has no control "${part}".`, pointer: s.pointer });
              break;
            }
            // Past a control that is not a section, the rest of the path is the control's value.
            if (textOf(prop(child, 'type')).toLowerCase() !== 'microsoft.common.section') break;
            const nested = prop(child, 'elements');
            elements = Array.isArray(nested) ? nested : [];
          }
        }
      }
    }
  },
});
