// Duplicate property names: JSON readers disagree on which one wins, so what ARM deploys is unclear.

import { defineRule } from '../rule.js';

export default defineRule({
  id: 'json-duplicate-keys',
  description: 'An object must not have the same property twice (ARM compares names case-insensitively, so case-only differences are warned about).',
  defaultSeverity: 'error',
  target: 'jsonFile',
  check(ctx) {
    for (const d of ctx.file.json.diagnostics) {
      if (d.code === 'json-duplicate-key') ctx.report({ message: d.message, position: { line: d.line ?? 1, column: d.column ?? 1 }, ...(d.hint ? { hint: d.hint } : {}) });
      else if (d.code === 'json-duplicate-key-case') ctx.report({ message: d.message, position: { line: d.line ?? 1, column: d.column ?? 1 }, severity: 'warning' });
    }
  },
});
