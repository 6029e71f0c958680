import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('tooltips-should-be-present', {
  valid: [
    { name: 'tooltip present', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.TextBox', toolTip: 'Explain' }] }) },
    { name: 'exempt controls', ui: cuid({ basics: [{ name: 'i', type: 'Microsoft.Common.InfoBox' }, { name: 's', type: 'Microsoft.Common.Section', elements: [] }, { name: 't', type: 'Microsoft.Common.TextBlock' }] }) },
    { name: 'resource types are not controls', ui: cuid({ resourceTypes: [{ type: 'Microsoft.Sql/servers' }] }) },
  ],
  invalid: [
    { name: 'missing', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.TextBox' }] }), errors: [{ message: /no toolTip/, pointer: '/parameters/basics/0', line: 7, column: 7 }] },
    { name: 'blank', ui: cuid({ basics: [{ name: 'a', type: 'Microsoft.Common.DropDown', toolTip: '   ' }] }), errors: [{ message: /DropDown "a"/, line: 7, column: 7 }] },
  ],
});
