import { ruleTests, tpl } from '../rule-tester.js';

const r = (location: unknown) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x', location });

ruleTests('resources-should-have-location', {
  valid: [{ name: 'expression', template: tpl([r("[parameters('location')]")]) }, { name: 'global', template: tpl([r('global')]) }],
  invalid: [{ name: 'literal region', template: tpl([r('westeurope')]), errors: [{ message: /"westeurope"/, pointer: '/resources/0/location', line: 9, column: 19 }] }],
});
