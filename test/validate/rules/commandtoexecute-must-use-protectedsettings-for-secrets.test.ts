import { ruleTests, tpl } from '../rule-tester.js';

const ext = (properties: Record<string, unknown>) => ({ type: 'Microsoft.Compute/virtualMachines/extensions', apiVersion: '2024-03-01', name: 'vm/script', location: "[parameters('location')]", properties: { type: 'CustomScript', ...properties } });
const p = { parameters: { pw: { type: 'securestring' }, location: { type: 'string' } } };

ruleTests('commandtoexecute-must-use-protectedsettings-for-secrets', {
  valid: [
    { name: 'secret in protectedSettings', template: tpl([ext({ protectedSettings: { commandToExecute: "[concat('run ', parameters('pw'))]" } })], p) },
    { name: 'settings without secrets', template: tpl([ext({ settings: { commandToExecute: "[concat('run ', parameters('location'))]" } })], p) },
  ],
  invalid: [
    { name: 'secure parameter in settings', template: tpl([ext({ settings: { commandToExecute: "[concat('run ', parameters('pw'))]" } })], p), errors: [{ message: /secure parameter/, pointer: '/resources/0/properties/settings/commandToExecute', line: 21, column: 31 }] },
    { name: 'listKeys in settings', template: tpl([ext({ settings: { commandToExecute: "[concat('k=', listKeys('sa', '2023-01-01').keys[0].value)]" } })], p), errors: [{ message: /list\*\(\)/, line: 21, column: 31 }] },
  ],
});
