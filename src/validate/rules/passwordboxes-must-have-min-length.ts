// Password boxes must constrain the length of what they accept.

import { isExpression } from '../../arm/expressions.js';
import { isObject, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls } from '../../package-model/ui-model.js';
import { compileDotNetRegex, quantifierMinimums } from './dotnet-regex.js';
import { truthy } from './helpers.js';

export default defineRule({
  id: 'passwordboxes-must-have-min-length',
  armTtk: 'PasswordBoxes-Must-Have-Min-Length',
  description: 'Each PasswordBox needs constraints; a regex constraint must compile and set a minimum length with a {n} quantifier (12 or more recommended).',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const box of findControls(ctx.ui, 'Microsoft.Common.PasswordBox')) {
      const constraints = prop(box.node, 'constraints');
      const name = box.name ?? '';
      if (!truthy(constraints) || (isObject(constraints) && Object.keys(constraints).length === 0)) {
        ctx.report({ message: `Password box "${name}" has no constraints.`, pointer: box.pointer, hint: 'Add constraints.regex with a minimum length, e.g. "^.{12,72}$", and a validationMessage.' });
        continue;
      }
      const regex = prop(constraints, 'regex');
      if (!truthy(regex) || typeof regex !== 'string') continue;
      if (isExpression(regex)) continue;
      const invalid = compileDotNetRegex(regex);
      if (invalid) {
        ctx.report({ message: `Password box "${name}" has an invalid regex: ${invalid}.`, pointer: box.pointer });
        continue;
      }
      const mins = quantifierMinimums(regex);
      if (!mins.length) {
        ctx.report({ message: `Password box "${name}": the regex sets no minimum length (no {n} quantifier).`, pointer: box.pointer });
        continue;
      }
      const total = mins.reduce((a, b) => a + b, 0);
      if (total < 12) ctx.report({ message: `Password box "${name}": the regex allows passwords shorter than 12 characters (minimum ${total}).`, pointer: box.pointer, armTtkWarning: true });
    }
  },
});
