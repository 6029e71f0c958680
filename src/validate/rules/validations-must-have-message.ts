// Every validation needs a message, or the user sees a failure without knowing why.

import { keyOf, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findObjectsWithKey } from '../../package-model/ui-model.js';
import { appendPointer } from '../../util/json-pointer.js';
import { textOf } from '../../util/text-of.js';

export default defineRule({
  id: 'validations-must-have-message',
  armTtk: 'Validations-Must-Have-Message',
  description: 'Each item of a validations array in createUiDefinition must have a message.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const hit of findObjectsWithKey(ctx.ui, 'validations')) {
      const key = keyOf(hit.node, 'validations')!;
      const list = hit.node[key];
      if (!Array.isArray(list)) continue;
      list.forEach((v, i) => {
        if (prop(v, 'message') === undefined) ctx.report({ message: `Validation ${i + 1} of "${textOf(prop(hit.node, 'name'), hit.path.join('.'))}" has no message.`, pointer: appendPointer(hit.pointer, key, i) });
      });
    }
  },
});
