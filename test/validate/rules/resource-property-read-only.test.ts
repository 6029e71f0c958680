import { ruleTests, tpl } from '../rule-tester.js';
import { params, script, storage } from './resource-type-fixtures.js';

ruleTests('resource-property-read-only', {
  valid: [{ name: 'nothing read-only set', template: tpl([storage(), script()], { parameters: params }) }],
  invalid: [
    {
      name: 'a provisioning state',
      template: tpl([storage({ provisioningState: 'Succeeded' })], { parameters: params }),
      errors: [{ message: /properties.provisioningState of Microsoft.Storage\/storageAccounts@2023-05-01 is read-only/, severity: 'warning', pointer: '/resources/0/properties/provisioningState', line: 23, column: 9 }],
    },
    {
      name: 'an identity principal Azure assigns',
      template: tpl([storage({}, { identity: { type: 'SystemAssigned', principalId: '00000000-0000-0000-0000-000000000000' } })], { parameters: params }),
      errors: [{ message: /identity.principalId .* is read-only/, pointer: '/resources/0/identity/principalId', line: 26, column: 9 }],
    },
    {
      name: "a deployment script's outputs",
      template: tpl([script({ outputs: {} })], { parameters: params }),
      errors: [{ message: /properties.outputs of Microsoft.Resources\/deploymentScripts@2023-08-01 is read-only/, line: 21, column: 9 }],
    },
  ],
});
