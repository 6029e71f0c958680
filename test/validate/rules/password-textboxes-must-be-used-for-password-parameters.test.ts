import { cuid, ruleTests, tpl } from '../rule-tester.js';

const pw = { name: 'pw', type: 'Microsoft.Common.PasswordBox', label: { password: 'P' }, toolTip: 't', constraints: { required: true } };

ruleTests('password-textboxes-must-be-used-for-password-parameters', {
  valid: [{ name: 'to a securestring', template: tpl([], { parameters: { secret: { type: 'secureString' } } }), ui: cuid({ basics: [pw], outputs: { location: '[location()]', secret: "[basics('pw')]" } }) }],
  invalid: [
    { name: 'to a plain string', template: tpl([], { parameters: { secret: { type: 'string' } } }), ui: cuid({ basics: [pw], outputs: { location: '[location()]', secret: "[basics('pw')]" } }), errors: [{ message: /securestring/, pointer: '/parameters/secret', line: 5, column: 15 }] },
    { name: 'never output', template: tpl(), ui: cuid({ basics: [pw] }), errors: [{ message: /not passed to the template/, line: 7, column: 7 }] },
    { name: 'to a missing parameter', template: tpl(), ui: cuid({ basics: [pw], outputs: { location: '[location()]', secret: "[basics('pw')]" } }), errors: [{ message: /not a main-template parameter/, line: 22, column: 17 }] },
  ],
});
