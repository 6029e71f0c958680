// Every JSON file of the package must parse (comments and a BOM are accepted, as by ARM and arm-ttk).

import { defineRule } from '../rule.js';

export default defineRule({
  id: 'jsonfiles-should-be-valid',
  armTtk: 'JSONFiles-Should-Be-Valid',
  description: 'Every .json file must be valid JSON (comments and a byte-order mark are tolerated).',
  defaultSeverity: 'error',
  target: 'jsonFile',
  check(ctx) {
    for (const d of ctx.file.json.diagnostics) {
      if (d.code !== 'json-syntax' && d.code !== 'json-too-deep') continue;
      ctx.report({ message: `${ctx.file.path} is not valid JSON: ${d.message}`, ...(d.line ? { position: { line: d.line, column: d.column ?? 1 } } : {}) });
    }
  },
});
