// The structure the portal needs to render a createUiDefinition at all.

import { defineRule } from '../rule.js';
import { schemaFindings } from './schema-rules.js';

export default defineRule({
  id: 'createuidefinition-schema',
  description: 'createUiDefinition must have the structure the portal renders: handler, version, and parameters with basics and steps as lists of controls and outputs as an object (schemas/createUiDefinition.schema.json).',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const f of schemaFindings('createUiDefinition', ctx.ui)) ctx.report(f);
  },
});
