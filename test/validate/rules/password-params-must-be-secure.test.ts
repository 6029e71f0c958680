import { ruleTests, tpl } from '../rule-tester.js';

const p = (name: string, type: string) => tpl([], { parameters: { [name]: { type } } });

ruleTests('password-params-must-be-secure', {
  valid: [{ name: 'securestring', template: p('adminPassword', 'secureString') }, { name: 'bool switch', template: p('usePassword', 'bool') }],
  invalid: [
    { name: 'plain string password', template: p('adminPassword', 'string'), errors: [{ message: /looks like a secret/, pointer: '/parameters/adminPassword', line: 5, column: 22 }] },
    { name: 'storage account key', template: p('storageAccountKey', 'string'), errors: [{ severity: 'error', line: 5, column: 26 }] },
    { name: 'secret name only warns', template: p('secretName', 'string'), errors: [{ severity: 'warning', line: 5, column: 19 }] },
  ],
});
