import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('deploymenttemplate-language', {
  valid: [
    { name: 'typed parameters, copy loop, nested deployment', template: tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', copy: { name: 'c', count: 2 }, properties: { mode: 'Incremental', template: tpl() } }], { parameters: { a: { type: 'SecureString' }, n: { type: 'int', minValue: 1, maxValue: 3 } }, outputs: { o: { type: 'string', value: 'x' } } }) },
    { name: 'symbolic-name resources', template: { ...tpl(), languageVersion: '2.0', resources: { sa: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x' } } } },
  ],
  invalid: [
    { name: 'unknown parameter type', template: tpl([], { parameters: { a: { type: 'text' } } }), errors: [{ message: /parameters\.a\.type/, pointer: '/parameters/a/type', line: 6, column: 15 }] },
    { name: 'resource without apiVersion', template: tpl([{ type: 'Microsoft.Storage/storageAccounts', name: 'x' }]), errors: [{ message: /"apiVersion"/, line: 5, column: 5 }] },
    { name: 'copy without count', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', copy: { name: 'c' } }]), errors: [{ message: /"count"/, line: 9, column: 7 }] },
    { name: 'bad contentVersion and missing resources', template: { $schema: 'x', contentVersion: '1.0' }, errors: [{ message: /"resources"/, line: 1, column: 1 }, { message: /contentVersion/, line: 3, column: 21 }] },
    { name: 'a nested template is checked too', template: tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', properties: { mode: 'Incremental', template: { $schema: 'x', contentVersion: '1.0.0.0' } } }]), errors: [{ message: /"resources"/, pointer: '/resources/0/properties/template', line: 11, column: 9 }] },
  ],
});
