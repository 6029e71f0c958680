// Known control types and their properties; unknown ones are flagged, not refused (the portal grows).

import { defineRule } from '../rule.js';
import { schemaFindings } from './schema-rules.js';

export default defineRule({
  id: 'createuidefinition-controls',
  description: 'Controls should be of a type the portal knows and use only properties that type has, and their names should be identifiers (schemas/createUiDefinition-controls.schema.json).',
  defaultSeverity: 'warning',
  target: 'createUiDefinition',
  check(ctx) {
    for (const f of schemaFindings('createUiDefinition-controls', ctx.ui)) ctx.report(f);
  },
});
