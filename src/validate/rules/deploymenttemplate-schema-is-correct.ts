// A template must declare a current deployment-template schema.

import { keyOf } from '../../arm/template.js';
import { defineRule } from '../rule.js';

const BASE = 'https://schema.management.azure.com/schemas/';
const CURRENT = ['2019-04-01/deploymentTemplate.json#', '2018-05-01/subscriptionDeploymentTemplate.json#', '2019-08-01/tenantDeploymentTemplate.json#', '2019-08-01/managementGroupDeploymentTemplate.json#'].map((s) => (BASE + s).toLowerCase());
const DEPRECATED = (BASE + '2015-01-01/deploymentTemplate.json#').toLowerCase();

export default defineRule({
  id: 'deploymenttemplate-schema-is-correct',
  armTtk: 'DeploymentTemplate-Schema-Is-Correct',
  description: 'The template $schema must be one of the current deployment-template schemas (2019-04-01 for resource groups).',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const k = keyOf(ctx.template, '$schema');
    const schema = k ? ctx.template[k] : undefined;
    if (typeof schema !== 'string' || !schema) {
      ctx.report({ message: `${ctx.isInnerTemplate ? 'Inner template' : 'Template'} has no $schema.`, pointer: ctx.base, hint: `Add "$schema": "${BASE}2019-04-01/deploymentTemplate.json#".` });
      return;
    }
    const lower = schema.toLowerCase();
    if (lower === DEPRECATED) ctx.report({ message: `$schema ${schema} is deprecated.`, pointer: `${ctx.base}/${k}`, armTtkWarning: true, hint: `Use ${BASE}2019-04-01/deploymentTemplate.json#.` });
    else if (!CURRENT.includes(lower)) ctx.report({ message: `$schema ${JSON.stringify(schema)} is not a current deployment template schema.`, pointer: `${ctx.base}/${k}`, hint: `Use ${BASE}2019-04-01/deploymentTemplate.json#.` });
  },
});
