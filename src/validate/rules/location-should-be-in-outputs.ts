// The location chosen in Basics must reach the template.

import { defineRule } from '../rule.js';
import { uiOutputs } from '../../package-model/ui-model.js';

export default defineRule({
  id: 'location-should-be-in-outputs',
  armTtk: 'Location-Should-Be-In-Outputs',
  description: 'createUiDefinition outputs must include location: "[location()]".',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const o = uiOutputs(ctx.ui);
    if (!o.present) {
      ctx.report({ message: 'createUiDefinition has no outputs.', pointer: o.pointer });
      return;
    }
    const loc = o.outputs.find((x) => x.name.toLowerCase() === 'location');
    if (!loc) ctx.report({ message: 'The outputs have no "location"; the region chosen in Basics never reaches the template.', pointer: o.pointer, hint: 'Add "location": "[location()]".' });
    else if (typeof loc.value !== 'string' || loc.value.trim().toLowerCase() !== '[location()]') ctx.report({ message: `Output "location" is ${JSON.stringify(loc.value)}; it must be "[location()]".`, pointer: loc.pointer });
  },
});
