import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('template-should-not-contain-blanks', {
  valid: [
    { name: 'empty sections are fine', template: tpl([], { parameters: {}, variables: {}, outputs: {} }) },
    { name: 'empty defaultValue', template: tpl([], { parameters: { x: { type: 'string', defaultValue: '' } } }) },
    { name: 'user-assigned identity map', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', identity: { type: 'UserAssigned', userAssignedIdentities: { "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'i')]": {} } } }]) },
  ],
  invalid: [
    { name: 'empty tags', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', tags: {} }]), errors: [{ message: /"tags"/, pointer: '/resources/0/tags', severity: 'warning', line: 9, column: 15 }] },
    { name: 'empty string and null', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', kind: '', sku: null }]), errors: [{ message: /"kind"/, line: 9, column: 15 }, { message: /"sku"/, line: 10, column: 14 }] },
  ],
});
