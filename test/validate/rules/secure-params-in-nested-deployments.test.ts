import { ruleTests, tpl } from '../rule-tester.js';

const d = (scope: string | undefined, value: string) => tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', properties: { ...(scope ? { expressionEvaluationOptions: { scope } } : {}), mode: 'Incremental', template: tpl([], { outputs: { o: { type: 'string', value } } }) } }], { parameters: { pw: { type: 'secureString' } } });

ruleTests('secure-params-in-nested-deployments', {
  valid: [{ name: 'inner scope', template: d('inner', "[parameters('pw')]") }, { name: 'outer scope without secrets', template: d(undefined, "[concat('a', 'b')]") }],
  invalid: [
    { name: 'outer scope using a secure parameter', template: d(undefined, "[parameters('pw')]"), errors: [{ message: /secure parameter "pw"/, pointer: '/resources/0/properties/template/outputs/o/value', line: 22, column: 24 }] },
    { name: 'outer scope calling listKeys', template: d('outer', "[listKeys('sa', '2023-01-01').keys[0].value]"), errors: [{ message: /list\*\(\)/, line: 25, column: 24 }] },
  ],
});
