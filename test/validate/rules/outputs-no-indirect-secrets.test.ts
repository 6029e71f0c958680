import { ruleTests, tpl } from '../rule-tester.js';

const t = (variables: Record<string, unknown>, value: string) => tpl([], { parameters: { pw: { type: 'securestring' } }, variables, outputs: { o: { type: 'string', value } } });

ruleTests('outputs-no-indirect-secrets', {
  valid: [{ name: 'variable without secrets', template: t({ a: "[concat('x', 'y')]" }, "[variables('a')]") }],
  invalid: [
    { name: 'variable holding a secure parameter', template: t({ a: "[concat('x', parameters('pw'))]" }, "[variables('a')]"), errors: [{ message: /secure parameter pw/, pointer: '/outputs/o/value', line: 15, column: 16 }] },
    { name: 'two variables deep, listKeys', template: t({ k: "[listKeys('sa', '2023-01-01')]", a: "[variables('k')]" }, "[variables('a')]"), errors: [{ message: /list\*\(\)/, line: 16, column: 16 }] },
  ],
});
