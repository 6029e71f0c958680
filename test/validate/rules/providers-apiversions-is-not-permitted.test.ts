import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('providers-apiversions-is-not-permitted', {
  valid: [{ name: 'literal apiVersion', template: tpl([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x' }]) }],
  invalid: [{ name: 'providers().apiVersions', template: tpl([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: "[providers('Microsoft.Storage', 'storageAccounts').apiVersions[0]]", name: 'x' }]), errors: [{ message: /providers/, pointer: '/resources/0/apiVersion', line: 7, column: 21 }] }],
});
