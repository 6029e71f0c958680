// Unused parameters are questions the customer answers for nothing.

import { parameterDecls } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { insideExpressionInOrder, NAME_SCANS_PER_TEMPLATE, referencedNames, textHits } from './template-text.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineRule({
  id: 'parameters-must-be-referenced',
  armTtk: 'Parameters-Must-Be-Referenced',
  description: "Every parameter must be used as parameters('name') in an expression of the same template.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    let scans = 0;
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      if (p.name.startsWith('__')) continue;
      // A name holding a quote cannot be read by the one-pass scan: it is searched for on its own.
      if (!p.name.includes("'")) {
        if (!referencedNames(ctx, 'parameters').has(p.name.toLowerCase())) ctx.report({ message: `Parameter "${p.name}" is never used.`, pointer: p.pointer, hint: 'Remove it, or use it in an expression.' });
        continue;
      }
      if (scans++ >= NAME_SCANS_PER_TEMPLATE) continue;
      const re = new RegExp(`parameters\\s*\\(\\s*'${escapeRe(p.name)}'\\s*\\)`, 'gi');
      let used = false;
      const inside = insideExpressionInOrder(ctx.file.text);
      for (const hit of textHits(ctx, re)) {
        if (inside(hit.index)) {
          used = true;
          break;
        }
      }
      if (!used) ctx.report({ message: `Parameter "${p.name}" is never used.`, pointer: p.pointer, hint: 'Remove it, or use it in an expression.' });
    }
  },
});
