// The template language itself: parameter types, copy loops, nested deployments, outputs.

import { defineRule } from '../rule.js';
import { schemaFindings } from './schema-rules.js';

export default defineRule({
  id: 'deploymenttemplate-language',
  description: 'The template must follow the deployment template language: $schema, contentVersion, typed parameters, resources with type and apiVersion, well-formed copy loops and nested deployments, typed outputs (schemas/deploymentTemplate.schema.json).',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    // Once per file: nested templates are validated as part of their deployment.
    if (ctx.isInnerTemplate || ctx.base !== '') return;
    for (const f of schemaFindings('deploymentTemplate', ctx.file.json.value)) ctx.report(f);
  },
});
