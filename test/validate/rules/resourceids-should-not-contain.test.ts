import { ruleTests, tpl } from '../rule-tester.js';

const v = (x: string) => tpl([], { variables: { id: x } });

ruleTests('resourceids-should-not-contain', {
  valid: [{ name: 'separate arguments', template: v("[resourceId('Microsoft.Network/virtualNetworks', parameters('vnet'))]") }, { name: 'extensionResourceId(resourceGroup().id …) is fine', template: v("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'l')]") }],
  invalid: [
    { name: 'resourceId(resourceGroup().name …)', template: v("[resourceId(resourceGroup().name, 'Microsoft.Network/virtualNetworks', 'v')]"), errors: [{ message: /resourceGroup\(\)/, pointer: '/variables/id', line: 5, column: 11 }] },
    { name: 'resourceId(concat(…))', template: v("[resourceId(concat('Microsoft.Network/', 'virtualNetworks'), 'v')]"), errors: [{ message: /concat\(\) or format\(\)/, line: 5, column: 11 }] },
    { name: 'subscriptionResourceId(subscription().id …) across lines', template: '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","variables":{"x":"[subscriptionResourceId(\n  subscription().id, \'A/b\', \'n\')]"},"resources":[]}', errors: [{ message: /subscription\(\)/, line: 1, column: 138 }] },
  ],
});
