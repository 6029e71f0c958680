import { ruleTests, tpl } from '../rule-tester.js';
import { deployment, linkedService, office365, params, pipeline, storage } from './resource-type-fixtures.js';

const blobService = (properties: Record<string, unknown>) => ({ type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: '2023-05-01', name: 'contosodata01/default', properties });

ruleTests('resource-property-allowed-value', {
  valid: [
    { name: 'values Azure allows', template: tpl([storage(), blobService({ deleteRetentionPolicy: { enabled: true, days: 7 } }), deployment({})], { parameters: params }) },
    { name: 'a closed set compared case-insensitively', template: tpl([deployment({ mode: 'incremental' })]) },
    { name: 'an open set takes any string', template: tpl([storage({ minimumTlsVersion: 'TLS1_3' })], { parameters: params }) },
    { name: 'a parameter whose allowed values are all allowed', template: tpl([deployment({ mode: "[parameters('mode')]" })], { parameters: { mode: { type: 'string', allowedValues: ['Incremental', 'Complete'] } } }) },
  ],
  invalid: [
    {
      name: 'outside a closed set, with the value it was meant to be',
      template: tpl([deployment({ mode: 'Incrementall' })]),
      errors: [{ message: /properties.mode of Microsoft.Resources\/deployments@2022-09-01 is "Incrementall"; Azure allows "Incremental", "Complete". Did you mean "Incremental"\?/, severity: 'warning', pointer: '/resources/0/properties/mode', line: 10, column: 17 }],
    },
    {
      name: 'an integer out of range',
      template: tpl([blobService({ deleteRetentionPolicy: { enabled: true, days: 0 } })]),
      errors: [{ message: /properties.deleteRetentionPolicy.days .* is 0; Azure allows 1 to 365/, line: 12, column: 19 }],
    },
    {
      name: 'a Data Factory linked service of a type Azure does not define',
      template: tpl([linkedService({ ...office365, type: 'Office356' })]),
      errors: [{ message: /properties.type .* is "Office356", a kind Azure does not define here. Did you mean "Office365"\?/, line: 10, column: 17 }],
    },
    {
      name: 'a copy sink of a kind Azure does not define',
      template: tpl([pipeline({ type: 'ParquetSinc' })]),
      errors: [{ message: /sink.type .* is "ParquetSinc", a kind Azure does not define here. Did you mean "ParquetSink"\?/, line: 20, column: 25 }],
    },
    {
      name: 'a string longer than Azure allows',
      template: tpl([{ type: 'Microsoft.Resources/deploymentScripts', apiVersion: '2023-08-01', name: 's', location: 'westeurope', kind: 'AzureCLI', properties: { azCliVersion: '2.59.0', retentionInterval: 'PT1H', containerSettings: { containerGroupName: 'x'.repeat(64) } } }]),
      errors: [{ message: /containerGroupName .* has 64 characters; Azure allows 1 to 63/, line: 15, column: 33 }],
    },
    {
      name: 'an allowed value of the parameter it is given',
      template: tpl([deployment({ mode: "[parameters('mode')]" })], { parameters: { mode: { type: 'string', allowedValues: ['Incremental', 'Full'] } } }),
      errors: [{ message: /is "Full" \(from parameter 'mode', which allows "Full"\)/, line: 19, column: 17 }],
    },
  ],
});
