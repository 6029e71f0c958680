// variables(concat(...)) is hard to read and to check; index a variable object instead.

import { defineRule } from '../rule.js';
import { pointerAt, textHits } from './template-text.js';

export default defineRule({
  id: 'dynamic-variable-references-should-not-use-concat',
  armTtk: 'Dynamic-Variable-References-Should-Not-Use-Concat',
  description: "Variables must not be referenced as variables(concat('x', parameters('y'))); use variables('x')[parameters('y')].",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    for (const hit of textHits(ctx, /variables\s?\(\s?concat\s?\(/gi)) {
      ctx.report({ message: 'A variable name is built with concat() inside variables().', pointer: pointerAt(ctx, hit.index), hint: "Use an object variable and index it: variables('x')[parameters('y')]." });
    }
  },
});
