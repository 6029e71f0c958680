import { cuid, ruleTests } from '../rule-tester.js';

const section = { name: 'sec', type: 'Microsoft.Common.Section', label: 'S', elements: [{ name: 'inner', type: 'Microsoft.Common.TextBox', label: 'I', toolTip: 't' }] };
const steps = [{ name: 'st', label: 'Step', elements: [section, { name: 'sa', type: 'Microsoft.Storage.StorageAccountSelector', label: 'SA', toolTip: 't' }] }];

ruleTests('createuidefinition-output-paths', {
  valid: [
    { name: 'path through a section', ui: cuid({ steps, outputs: { location: '[location()]', a: "[steps('st').sec.inner]" } }) },
    { name: 'properties of a control value', ui: cuid({ steps, outputs: { location: '[location()]', b: "[steps('st').sa.resourceGroup]" } }) },
  ],
  invalid: [
    { name: 'missing control inside a section', ui: cuid({ steps, outputs: { location: '[location()]', a: "[steps('st').sec.nope]" } }), errors: [{ message: /section "sec" has no control "nope"/, pointer: '/parameters/outputs/a', line: 36, column: 12 }] },
    { name: 'missing control used inside a function', ui: cuid({ steps, outputs: { location: '[location()]', a: "[if(true, steps('st').gone, '')]" } }), errors: [{ message: /step "st" has no control "gone"/, line: 36, column: 12 }] },
  ],
});
