// Unused variables are dead code that reviewers still have to read.

import { isObject, keyOf, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { insideExpressionInOrder, NAME_SCANS_PER_TEMPLATE, referencedNames, textHits, variablePropertyNames } from './template-text.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineRule({
  id: 'variables-must-be-referenced',
  armTtk: 'Variables-Must-Be-Referenced',
  description: "Every variable must be used as variables('name') in an expression of the same template.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const vk = keyOf(ctx.template, 'variables');
    const vars = vk ? ctx.template[vk] : undefined;
    if (!isObject(vars)) return;
    let scans = 0;
    const used = (name: string, asProperty = false) => {
      if (!asProperty && !name.includes("'")) return referencedNames(ctx, 'variables').has(name.toLowerCase());
      // A word read as a property: the one-pass scan's answer is the per-name expression's (the word after the dot is
      // the whole word, so it equals the name; a bracketed name is read to its closing quote).
      if (asProperty && /^\w+$/.test(name)) return variablePropertyNames(ctx).has(name.toLowerCase());
      if (scans++ >= NAME_SCANS_PER_TEMPLATE) return true;
      const re = asProperty
        ? new RegExp(`variables\\s*\\(\\s*'[^']*'\\s*\\)\\s*(?:\\.\\s*${escapeRe(name)}\\b|\\[\\s*'${escapeRe(name)}'\\s*\\])`, 'gi')
        : new RegExp(`variables\\s*\\(\\s*'${escapeRe(name)}'\\s*\\)`, 'gi');
      const inside = insideExpressionInOrder(ctx.file.text);
      for (const hit of textHits(ctx, re)) if (inside(hit.index)) return true;
      return false;
    };
    for (const name of Object.keys(vars)) {
      if (name.toLowerCase() === 'copy') {
        // Variables produced by a copy block: referenced by name or as a property of the variables object.
        const copy = prop(vars, 'copy');
        for (const [i, item] of (Array.isArray(copy) ? copy : []).entries()) {
          const n = prop(item, 'name');
          if (typeof n === 'string' && !used(n) && !used(n, true)) ctx.report({ message: `Variable "${n}" (from a copy loop) is never used.`, pointer: appendPointer(ctx.base, vk!, name, i) });
        }
        continue;
      }
      if (!used(name)) ctx.report({ message: `Variable "${name}" is never used.`, pointer: appendPointer(ctx.base, vk!, name), hint: 'Remove it, or use it in an expression.' });
    }
  },
});
