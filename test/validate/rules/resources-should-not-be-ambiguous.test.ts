import { ruleTests, tpl } from '../rule-tester.js';

const r = (name: string) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name });

ruleTests('resources-should-not-be-ambiguous', {
  valid: [{ name: 'distinct names', template: tpl([r('a'), r('b')]) }],
  invalid: [{ name: 'declared twice (info only: arm-ttk disables this rule)', template: tpl([r('a'), r('a')]), errors: [{ message: /declared twice/, severity: 'info', pointer: '/resources/1', line: 10, column: 5 }] }],
});
