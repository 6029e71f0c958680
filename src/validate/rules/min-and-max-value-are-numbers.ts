// minValue and maxValue are integers, and come in pairs.

import { keyOf, parameterDecls } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'min-and-max-value-are-numbers',
  armTtk: 'Min-And-Max-Value-Are-Numbers',
  description: 'A parameter\'s minValue and maxValue must be integers, and if one is present the other must be too.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const p of parameterDecls(ctx.template, ctx.base)) {
      const min = keyOf(p.decl, 'minValue');
      const max = keyOf(p.decl, 'maxValue');
      if (!min && !max) continue;
      if (min && !Number.isInteger(p.decl[min])) ctx.report({ message: `minValue of parameter "${p.name}" is ${JSON.stringify(p.decl[min])}, not an integer.`, pointer: appendPointer(p.pointer, min) });
      if (max && !Number.isInteger(p.decl[max])) ctx.report({ message: `maxValue of parameter "${p.name}" is ${JSON.stringify(p.decl[max])}, not an integer.`, pointer: appendPointer(p.pointer, max) });
      if (min && !max) ctx.report({ message: `Parameter "${p.name}" has minValue but no maxValue.`, pointer: p.pointer });
      if (max && !min) ctx.report({ message: `Parameter "${p.name}" has maxValue but no minValue.`, pointer: p.pointer });
    }
  },
});
