// What ARM's reader accepts but standard JSON does not: other tools (editors, CI, Partner Center) may refuse it.

import { defineRule } from '../rule.js';

export default defineRule({
  id: 'json-nonstandard',
  description: 'JSON that ARM reads but standard JSON does not (trailing commas, single quotes, unquoted names, multi-line strings) should be avoided; other tools reject it.',
  defaultSeverity: 'warning',
  target: 'jsonFile',
  check(ctx) {
    for (const d of ctx.file.json.diagnostics) {
      if (d.code === 'json-trailing-comma' || d.code === 'json-nonstandard') ctx.report({ message: d.message, position: { line: d.line ?? 1, column: d.column ?? 1 } });
    }
  },
});
