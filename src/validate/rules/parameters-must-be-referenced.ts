// Unused parameters are questions the customer answers for nothing.

import { parameterDecls } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { textHits } from './template-text.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Is the reference at `index` inside an expression? (The nearest `[`, `"` or `@` before it is not a quote.) */
export function insideExpression(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '[' || c === '@') return true;
    if (c === '"' && text[i - 1] !== '\\') return false;
  }
  return false;
}

export default defineRule({
  id: 'parameters-must-be-referenced',
  armTtk: 'Parameters-Must-Be-Referenced',
  description: "Every parameter must be used as parameters('name') in an expression of the same template.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      if (p.name.startsWith('__')) continue;
      const re = new RegExp(`parameters\\s*\\(\\s*'${escapeRe(p.name)}'\\s*\\)`, 'gi');
      let used = false;
      for (const hit of textHits(ctx, re)) {
        if (insideExpression(ctx.file.text, hit.index)) {
          used = true;
          break;
        }
      }
      if (!used) ctx.report({ message: `Parameter "${p.name}" is never used.`, pointer: p.pointer, hint: 'Remove it, or use it in an expression.' });
    }
  },
});
