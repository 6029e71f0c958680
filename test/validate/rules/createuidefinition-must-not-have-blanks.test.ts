import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('createuidefinition-must-not-have-blanks', {
  valid: [
    { name: 'no blanks', ui: cuid() },
    { name: 'empty basics and steps, empty defaultValue', ui: cuid({ basics: [], steps: [{ name: 's', label: 'S', elements: [{ name: 'x', type: 'Microsoft.Common.TextBox', defaultValue: '' }] }] }) },
  ],
  invalid: [
    { name: 'empty toolTip', ui: cuid({ basics: [{ name: 'x', type: 'Microsoft.Common.TextBox', toolTip: '' }] }), errors: [{ message: /"toolTip"/, pointer: '/parameters/basics/0/toolTip', severity: 'warning' }] },
    { name: 'empty outputs object', ui: cuid({ outputs: {} }), errors: [{ message: /"outputs"/ }] },
    { name: 'list holding one empty object', ui: cuid({ foo: [{}] }), errors: [{ message: /"foo"/ }] },
    { name: 'null value', ui: cuid({ basics: [{ name: 'x', type: 'Microsoft.Common.TextBox', label: null }] }), errors: [{ message: /"label"/ }] },
  ],
});
