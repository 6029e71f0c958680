// viewDefinition.json: the views the portal shows for the managed application.

import { defineRule } from '../rule.js';
import { schemaFindings } from './schema-rules.js';

export default defineRule({
  id: 'viewdefinition-schema',
  description: 'viewDefinition must have contentVersion and views of kind Overview, Metrics, CustomResources or Associations with their properties (schemas/viewDefinition.schema.json).',
  defaultSeverity: 'error',
  target: 'viewDefinition',
  check(ctx) {
    for (const f of schemaFindings('viewDefinition', ctx.view)) ctx.report(f);
  },
});
