import { ruleTests, tpl } from '../rule-tester.js';

const t = (outputs: Record<string, unknown>) => tpl([], { parameters: { pw: { type: 'secureString' }, name: { type: 'string' } }, outputs });

ruleTests('outputs-must-not-contain-secrets', {
  valid: [{ name: 'plain values', template: t({ host: { type: 'string', value: "[parameters('name')]" } }) }],
  invalid: [
    { name: 'secure parameter', template: t({ x: { type: 'string', value: "[ parameters ('pw') ]" } }), errors: [{ message: /secure parameter "pw"/, pointer: '/outputs/x/value', line: 15, column: 16 }] },
    { name: 'listKeys', template: t({ keys: { type: 'object', value: "[listKeys('sa', '2023-01-01')]" } }), errors: [{ message: /list\*\(\)/, line: 15, column: 16 }] },
    { name: 'named like a password', template: t({ adminPassword: { type: 'string', value: 'x' } }), errors: [{ message: /named like a password/, line: 13, column: 22 }] },
  ],
});
