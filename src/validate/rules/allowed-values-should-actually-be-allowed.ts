// Values a createUiDefinition control offers must be values the template parameter it feeds accepts.

import { isObject, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { OutputReaders } from '../../package-model/output-readers.js';
import { findObjectsWithKey, like, uiOutputs } from '../../package-model/ui-model.js';
import { templateParameter } from './helpers.js';
import { textOf } from '../../util/text-of.js';

/** A default as one text, as arm-ttk matches it: a list's items joined with commas, an object as JSON. */
const flatText = (v: unknown): string => (Array.isArray(v) ? v.map((x) => textOf(x)).join(',') : textOf(v));

export default defineRule({
  id: 'allowed-values-should-actually-be-allowed',
  armTtk: 'Allowed-Values-Should-Actually-Be-Allowed',
  description: 'Every allowed value of a createUiDefinition control must be allowed by the template parameter it is output to, and the parameter default must be one the control offers.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    if (!ctx.mainTemplate) return;
    const { outputs } = uiOutputs(ctx.ui);
    const readers = new OutputReaders(outputs, ctx.file.text);
    for (const hit of findObjectsWithKey(ctx.ui, 'allowedValues')) {
      const av = prop(hit.node, 'allowedValues');
      if (!Array.isArray(av) || av.length === 0) continue;
      const parent = hit.ancestors[0];
      const controlName = parent ? prop(parent, 'name') : undefined;
      let output: (typeof outputs)[number] | undefined | null;
      let label: string | undefined;
      if (typeof controlName === 'string' && controlName) {
        label = controlName;
        const stepName = hit.ancestors[1] ? prop(hit.ancestors[1], 'name') : undefined;
        output = readers.reading(typeof stepName === 'string' ? stepName : '', controlName);
        // null: the per-name scans of this file are spent (a hostile file), and the control is not judged.
        if (output === null) continue;
      } else if (hit.path.some((p) => p.toLowerCase() === 'config')) {
        label = hit.path[hit.path.length - 1];
        const name = label;
        output = readers.scan((text) => like(text, `*${name}(*`));
        if (output === null) continue;
      }
      if (!output) {
        if (typeof controlName === 'string' && readers.dottedInFile(controlName) === false) {
          ctx.report({ message: `Control "${controlName}" offers allowed values but no output passes its value to the template.`, pointer: hit.pointer });
        }
        continue;
      }
      const param = templateParameter(ctx.mainTemplate, output.name);
      if (!param) {
        ctx.report({ message: `Output "${output.name}" (from control "${label}") is not a parameter of the main template.`, pointer: output.pointer });
        continue;
      }
      const uiValues = (av as unknown[]).map((v): unknown => (isObject(v) && prop(v, 'value') !== undefined ? prop(v, 'value') : v));
      const templateAllowed = prop(param.decl, 'allowedValues');
      if (Array.isArray(templateAllowed) && templateAllowed.length) {
        for (const v of uiValues) {
          if (!templateAllowed.some((t) => like(textOf(t), `*${String(v)}*`))) {
            ctx.report({ message: `Control "${label}" offers ${JSON.stringify(v)}, which template parameter "${param.name}" does not allow.`, pointer: hit.pointer, hint: `Allowed by the template: ${templateAllowed.map((t) => JSON.stringify(t)).join(', ')}.` });
          }
        }
      }
      const def = prop(param.decl, 'defaultValue');
      if (def !== undefined && def !== null && def !== '' && def !== false && def !== 0 && flatText(def).replace(/\s/g, '') !== '[resourceGroup().location]') {
        for (const d of Array.isArray(def) ? def : [def]) {
          if (uiValues.some((v) => JSON.stringify(v) === JSON.stringify(d) || (typeof v === 'string' && typeof d === 'string' && v.toLowerCase() === d.toLowerCase()))) continue;
          const found = Array.isArray(templateAllowed) && templateAllowed.some((t) => like(String(t), `*${flatText(def)}*`));
          if (!found) {
            ctx.report({ message: `The default ${JSON.stringify(d)} of template parameter "${param.name}" is not a value control "${label}" offers, and the template does not list it in allowedValues.`, pointer: param.pointer });
          }
        }
      }
    }
  },
});

