// The portal only renders createUiDefinitions with a known handler.

import { keyOf, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';

const HANDLERS = ['microsoft.azure.createuidef', 'microsoft.compute.multivm'];

export default defineRule({
  id: 'handler-must-be-correct',
  armTtk: 'Handler-Must-Be-Correct',
  description: 'handler must be Microsoft.Azure.CreateUIDef (or the older Microsoft.Compute.MultiVm).',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const handler = prop(ctx.ui, 'handler');
    if (handler === undefined) ctx.report({ message: 'createUiDefinition has no handler.', pointer: '', hint: 'Add "handler": "Microsoft.Azure.CreateUIDef".' });
    else if (typeof handler !== 'string' || !HANDLERS.includes(handler.toLowerCase())) ctx.report({ message: `handler ${JSON.stringify(handler)} is not Microsoft.Azure.CreateUIDef.`, pointer: `/${keyOf(ctx.ui, 'handler')}` });
  },
});
