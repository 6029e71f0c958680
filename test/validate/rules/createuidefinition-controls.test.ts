import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('createuidefinition-controls', {
  valid: [
    { name: 'known controls with known properties', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.TextBox', label: 'A', toolTip: 't', placeholder: 'p', constraints: {} }, { name: 's', type: 'Microsoft.Common.Section', label: 'S', elements: [{ name: 'b', type: 'Microsoft.Common.CheckBox', label: 'B' }] }] }) },
  ],
  invalid: [
    { name: 'unknown control type', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.FancyBox', label: 'A' }] }), errors: [{ message: /"Microsoft\.Common\.FancyBox" is not allowed/, severity: 'warning', line: 9, column: 17 }] },
    { name: 'unknown property (typo) on a known control', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.TextBox', label: 'A', tooltip: 't' }] }), errors: [{ message: /Unknown key "tooltip".*Did you mean "toolTip"\?/, pointer: '/parameters/basics/0/tooltip', line: 11, column: 9 }] },
    { name: 'control name that is not an identifier', ui: cuid({ steps: [{ name: 's', label: 'S', elements: [{ name: 'my box', type: 'Microsoft.Common.TextBox' }] }] }), errors: [{ message: /"my box"/, line: 13, column: 21 }] },
  ],
});
