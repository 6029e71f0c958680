import { cuid, ruleTests } from '../rule-tester.js';

const box = { name: 'a', type: 'Microsoft.Common.TextBox', label: 'A', toolTip: 't', constraints: { regex: '^x{1,2}$', validationMessage: 'm' } };

ruleTests('controls-in-outputs-must-exist', {
  valid: [
    { name: 'basics and step references that exist', ui: cuid({ basics: [box], steps: [{ name: 's1', label: 'S', elements: [box] }], outputs: { location: '[location()]', x: "[basics('a')]", y: "[steps('s1').a]" } }) },
    { name: 'object output with references', ui: cuid({ basics: [box], outputs: { location: '[location()]', o: { v: "[basics('a')]" } } }) },
    { name: 'reference inside another function is not checked', ui: cuid({ outputs: { location: '[location()]', x: "[if(true, basics('nope'), '')]" } }) },
  ],
  invalid: [
    { name: 'basics control missing', ui: cuid({ basics: [box], outputs: { location: '[location()]', x: "[basics('b')]" } }), errors: [{ message: /basics has no element named "b"/, pointer: '/parameters/outputs/x', line: 21, column: 12 }] },
    { name: 'step missing', ui: cuid({ outputs: { location: '[location()]', x: "[steps('nostep').a]" } }), errors: [{ message: /no step named "nostep"/, line: 10, column: 12 }] },
    { name: 'element missing in step', ui: cuid({ steps: [{ name: 's1', label: 'S', elements: [box] }], outputs: { location: '[location()]', x: "[steps('s1').zz]" } }), errors: [{ message: /has no element named "zz"/, line: 27, column: 12 }] },
  ],
});
