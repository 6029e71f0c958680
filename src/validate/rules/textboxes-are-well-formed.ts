// Text boxes must validate what they accept, with a message saying what is expected.

import { isObject, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls } from '../../package-model/ui-model.js';
import { compileDotNetRegex, hasLengthQuantifier } from './dotnet-regex.js';
import { truthy } from './helpers.js';

export default defineRule({
  id: 'textboxes-are-well-formed',
  armTtk: 'Textboxes-Are-Well-Formed',
  description: 'Each TextBox needs constraints with a regex (directly with a validationMessage, or in validations) that compiles; a length quantifier is recommended.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const box of findControls(ctx.ui, 'Microsoft.Common.TextBox')) {
      const name = box.name ?? '';
      const constraints = prop(box.node, 'constraints');
      if (!truthy(constraints) || (isObject(constraints) && Object.keys(constraints).length === 0)) {
        ctx.report({ message: `Text box "${name}" has no constraints.`, pointer: box.pointer, hint: 'Add constraints.regex and constraints.validationMessage.' });
        continue;
      }
      let regex: unknown;
      const validations = prop(constraints, 'validations');
      if (Array.isArray(validations) && validations.length) {
        regex = validations.map((v) => prop(v, 'regex')).find((r) => truthy(r));
      } else {
        regex = prop(constraints, 'regex');
        if (truthy(regex) && !truthy(prop(constraints, 'validationMessage'))) {
          ctx.report({ message: `Text box "${name}" has a regex but no validationMessage to tell the user what is expected.`, pointer: box.pointer });
        }
      }
      if (!truthy(regex) || typeof regex !== 'string') {
        ctx.report({ message: `Text box "${name}" does not validate its value with a regex.`, pointer: box.pointer });
        continue;
      }
      const invalid = compileDotNetRegex(regex);
      if (invalid) {
        ctx.report({ message: `Text box "${name}" has an invalid regex: ${invalid}.`, pointer: box.pointer });
        continue;
      }
      if (!hasLengthQuantifier(regex)) ctx.report({ message: `Text box "${name}": the regex does not limit the length ({m,n} quantifier).`, pointer: box.pointer, armTtkWarning: true });
    }
  },
});
