// A text box whose default value fails its own regex: the customer meets an error on a field they never
// touched, and cannot go on until they retype it. The portal checks the value against `regex` ("a JavaScript
// regular expression pattern… the text box's value must match the pattern to validate successfully":
// https://learn.microsoft.com/azure/azure-resource-manager/managed-applications/microsoft-common-textbox),
// against `constraints.regex` and each `constraints.validations[].regex` alike. An expression default is
// computed on the form, so only a literal one is checked; a pattern the linear engine cannot run is skipped.

import { isExpression } from '../../arm/expressions.js';
import { keyOf, prop } from '../../arm/template.js';
import { findControls } from '../../package-model/ui-model.js';
import { appendPointer } from '../../util/json-pointer.js';
import { compileLinear } from '../../util/linear-regex.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'textbox-default-matches-regex',
  description: "A text box's literal defaultValue must match the regex it is validated with (constraints.regex and every validations[].regex); otherwise the form opens with an error on a field the customer never touched.",
  defaultSeverity: 'warning',
  target: 'createUiDefinition',
  check(ctx) {
    for (const box of findControls(ctx.ui, 'Microsoft.Common.TextBox')) {
      const dk = keyOf(box.node, 'defaultValue');
      const value = dk ? box.node[dk] : undefined;
      // An empty default is "not filled in" (the required rule speaks for it); an expression is computed on the form.
      if (typeof value !== 'string' || value === '' || isExpression(value)) continue;
      const constraints = prop(box.node, 'constraints');
      const validations = prop(constraints, 'validations');
      const patterns: { regex: string; pointer: string }[] = [];
      const ck = keyOf(box.node, 'constraints');
      const rk = keyOf(constraints, 'regex');
      const direct = rk ? (constraints as Record<string, unknown>)[rk] : undefined;
      if (typeof direct === 'string' && direct && ck && rk) patterns.push({ regex: direct, pointer: appendPointer(box.pointer, ck, rk) });
      if (Array.isArray(validations) && ck) {
        const vk = keyOf(constraints, 'validations')!;
        validations.forEach((v, i) => {
          const r = prop(v, 'regex');
          const k = keyOf(v, 'regex');
          if (typeof r === 'string' && r && k) patterns.push({ regex: r, pointer: appendPointer(box.pointer, ck, vk, i, k) });
        });
      }
      for (const p of patterns) {
        const compiled = compileLinear(p.regex);
        if (!('regex' in compiled) || compiled.regex.test(value)) continue;
        ctx.report({
          message: `Text box "${box.name ?? ''}": its default value ${JSON.stringify(value)} does not match its own regex ${p.regex}; the form opens with an error on a field the customer never touched.`,
          pointer: appendPointer(box.pointer, dk!),
          hint: 'Give a default the regex accepts, or widen the regex.',
        });
        break;
      }
    }
  },
});
