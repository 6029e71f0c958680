import { cuid, ruleTests } from '../rule-tester.js';

const box = (validations: unknown[]) => ({ name: 'tb', type: 'Microsoft.Common.TextBox', toolTip: 't', constraints: { validations } });

ruleTests('validations-must-have-message', {
  valid: [{ name: 'every validation has a message', ui: cuid({ basics: [box([{ regex: '^a{1,2}$', message: 'm' }, { isValid: '[true]', message: '' }])] }) }],
  invalid: [{ name: 'a validation without message', ui: cuid({ basics: [box([{ regex: '^a{1,2}$', message: 'm' }, { isValid: '[true]' }])] }), errors: [{ message: /Validation 2/, pointer: '/parameters/basics/0/constraints/validations/1', line: 17, column: 13 }] }],
});
