import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('createuidefinition-must-not-have-blanks', {
  valid: [
    { name: 'no blanks', ui: cuid() },
    {
      name: 'a blank in a comment is not part of the form',
      ui: '{\n  "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#",\n  "handler": "Microsoft.Azure.CreateUIDef",\n  "version": "0.1.2-preview",\n  // "toolTip": "",\n  "parameters": { "basics": [], "steps": [], "outputs": { "location": "[location()]" } }\n}\n',
    },
    { name: 'empty basics and steps, empty defaultValue', ui: cuid({ basics: [], steps: [{ name: 's', label: 'S', elements: [{ name: 'x', type: 'Microsoft.Common.TextBox', defaultValue: '' }] }] }) },
  ],
  invalid: [
    { name: 'empty toolTip', ui: cuid({ basics: [{ name: 'x', type: 'Microsoft.Common.TextBox', toolTip: '' }] }), errors: [{ message: /"toolTip"/, pointer: '/parameters/basics/0/toolTip', severity: 'warning', line: 10, column: 20 }] },
    { name: 'empty outputs object', ui: cuid({ outputs: {} }), errors: [{ message: /"outputs"/, line: 8, column: 16 }] },
    { name: 'list holding one empty object', ui: cuid({ foo: [{}] }), errors: [{ message: /"foo"/, line: 11, column: 12 }] },
    { name: 'null value', ui: cuid({ basics: [{ name: 'x', type: 'Microsoft.Common.TextBox', label: null }] }), errors: [{ message: /"label"/, line: 10, column: 18 }] },
  ],
});
