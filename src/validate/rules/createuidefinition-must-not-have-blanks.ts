// A text-level scan, as arm-ttk does it: `: {}`, `: []`, `: ""`, `: null` are blanks unless the nearest
// property name before them is basics, defaultValue or steps.

import { defineRule } from '../rule.js';
import { blanksOf } from './blanks.js';

const ALLOWED = new Set(['basics', 'defaultvalue', 'steps']);

export default defineRule({
  id: 'createuidefinition-must-not-have-blanks',
  armTtk: 'CreateUIDefinition-Must-Not-Have-Blanks',
  description: 'createUiDefinition must not contain empty objects, arrays, strings or null values (except in basics, steps and defaultValue).',
  defaultSeverity: 'warning',
  target: 'createUiDefinition',
  check(ctx) {
    for (const b of blanksOf(ctx.file.json, { extended: true })) {
      if (ALLOWED.has(b.property.toLowerCase())) continue;
      // A blank with no JSON value of its own (a colon inside a string, as arm-ttk's text scan finds it) is reported where it is.
      ctx.report({ message: `Empty value for property "${b.property}" on line ${b.line}.`, ...(b.pointer !== undefined ? { pointer: b.pointer } : { position: { line: b.line, column: b.column } }), hint: 'Remove the property or give it a value.' });
    }
  },
});
