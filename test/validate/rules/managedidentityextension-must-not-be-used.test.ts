import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('managedidentityextension-must-not-be-used', {
  valid: [{ name: 'identity property', template: tpl([{ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', identity: { type: 'SystemAssigned' } }]) }],
  invalid: [{ name: 'the extension', template: tpl([{ type: 'Microsoft.Compute/virtualMachines/extensions', apiVersion: '2024-03-01', name: 'vm/mi', properties: { type: 'ManagedIdentityExtensionForLinux' } }]), errors: [{ message: /retired/, severity: 'warning', line: 10, column: 17 }] }],
});
