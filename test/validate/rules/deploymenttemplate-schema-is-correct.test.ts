import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('deploymenttemplate-schema-is-correct', {
  valid: [{ name: '2019-04-01', template: tpl() }, { name: 'subscription scope', template: tpl([], { $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#' }) }],
  invalid: [
    { name: 'no $schema', template: { contentVersion: '1.0.0.0', resources: [] }, errors: [{ message: /no \$schema/, line: 1, column: 1 }] },
    { name: 'unknown schema', template: tpl([], { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json' }), errors: [{ message: /not a current/, line: 2, column: 14 }] },
    { name: '2015-01-01 only warns', template: tpl([], { $schema: 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#' }), errors: [{ message: /deprecated/, severity: 'warning', line: 2, column: 14 }] },
  ],
});
