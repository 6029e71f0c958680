import { ruleTests, tpl } from '../rule-tester.js';
import { params, storage } from './resource-type-fixtures.js';

const nsg = (rule: Record<string, unknown>) => ({
  type: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: '2023-09-01',
  name: 'nsg',
  location: "[parameters('location')]",
  properties: { securityRules: [{ name: 'ssh', properties: { protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 100, sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: '*', destinationAddressPrefix: '*', ...rule } }] },
});

ruleTests('resource-property-type', {
  valid: [
    { name: 'literals of the kinds Azure expects', template: tpl([storage({ allowBlobPublicAccess: false }), nsg({})], { parameters: params }) },
    { name: 'a boolean parameter', template: tpl([storage({ allowBlobPublicAccess: "[parameters('pub')]" })], { parameters: { ...params, pub: { type: 'bool' } } }) },
    { name: 'an expression that is always a boolean', template: tpl([storage({ allowBlobPublicAccess: "[equals(parameters('tier'), 'open')]" })], { parameters: { ...params, tier: { type: 'string' } } }) },
    { name: 'an expression of unknown kind is left alone', template: tpl([storage({ allowBlobPublicAccess: "[reference('x').enabled]" })], { parameters: params }) },
    { name: 'an escaped literal is a string', template: tpl([nsg({ description: '[[not an expression]' })], { parameters: params }) },
  ],
  invalid: [
    {
      name: 'a string where Azure wants a boolean',
      template: tpl([storage({ supportsHttpsTrafficOnly: 'true' })], { parameters: params }),
      errors: [{ message: /properties.supportsHttpsTrafficOnly of Microsoft.Storage\/storageAccounts@2023-05-01 is a string \("true"\); Azure expects a boolean/, severity: 'warning', pointer: '/resources/0/properties/supportsHttpsTrafficOnly', line: 21, column: 37 }],
    },
    {
      name: 'a parameter declared of another type',
      template: tpl([storage({ allowBlobPublicAccess: "[parameters('pub')]" })], { parameters: { ...params, pub: { type: 'string' } } }),
      errors: [{ message: /given parameter 'pub' \(declared string\); Azure expects a boolean/, line: 26, column: 34 }],
    },
    {
      name: 'an integer where Azure wants a string',
      template: tpl([nsg({ destinationPortRange: 22 })], { parameters: params }),
      errors: [{ message: /destinationPortRange .* is an integer \(22\); Azure expects a string/, line: 26, column: 39 }],
    },
    {
      name: 'an expression that is always a string, where Azure wants an integer',
      template: tpl([nsg({ priority: "[concat('1', '00')]" })], { parameters: params }),
      errors: [{ message: /priority .* which is always a string; Azure expects an integer/, line: 24, column: 27 }],
    },
    {
      name: "every allowed value of the parameter it is given",
      template: tpl([storage({ allowBlobPublicAccess: "[parameters('pub')]" })], { parameters: { ...params, pub: { type: 'string', allowedValues: ['yes', 'no'] } } }),
      errors: [
        { message: /is a string \("yes"\) \(from parameter 'pub', which allows "yes"\)/, line: 30, column: 34 },
        { message: /is a string \("no"\) \(from parameter 'pub', which allows "no"\)/, line: 30, column: 34 },
      ],
    },
  ],
});
