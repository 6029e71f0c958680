import { ruleTests, tpl } from '../rule-tester.js';
import { linkedService, office365, params, script, storage } from './resource-type-fixtures.js';

ruleTests('resource-property-required', {
  valid: [
    { name: 'everything required is set', template: tpl([storage(), script()], { parameters: params }) },
    { name: 'an object given by an expression is left alone', template: tpl([script({}, { properties: "[variables('props')]" })], { parameters: params, variables: { props: "[json('{}')]" } }) },
    { name: "a deployment script's kind given by an expression: only the common properties are checked", template: tpl([script({}, { kind: "[parameters('kind')]" })], { parameters: { ...params, kind: { type: 'string' } } }) },
  ],
  invalid: [
    {
      name: 'a storage account without its kind',
      template: tpl([storage({}, { kind: undefined })], { parameters: params }),
      errors: [{ message: /Microsoft.Storage\/storageAccounts@2023-05-01 requires "kind" in the resource/, severity: 'error', pointer: '/resources/0', line: 11, column: 5 }],
    },
    {
      name: 'a deployment script without its kind: the kinds are named',
      template: tpl([script({}, { kind: undefined })], { parameters: params }),
      errors: [{ message: /requires "kind" \(one of "AzureCLI", "AzurePowerShell"\)/, line: 11, column: 5 }],
    },
    {
      name: "inside an object: pointed at the object's name",
      template: tpl([script({ retentionInterval: undefined })], { parameters: params }),
      errors: [{ message: /requires "retentionInterval" in properties/, pointer: '/resources/0/properties', line: 17, column: 7 }],
    },
    {
      name: 'inside a Data Factory linked service, followed by its type',
      template: tpl([linkedService({ ...office365, typeProperties: { ...office365.typeProperties, office365TenantId: undefined } })]),
      errors: [{ message: /requires "office365TenantId" in properties.typeProperties/, line: 11, column: 9 }],
    },
    {
      name: 'a location the specification requires of a child resource: a warning that doubts it',
      template: tpl([{ type: 'Microsoft.Web/sites/config', apiVersion: '2015-08-01', name: 'site/web', properties: {} }]),
      errors: [{ message: /requires "location" in the resource.*the specification may be wrong/, severity: 'warning', line: 5, column: 5 }],
    },
  ],
});
