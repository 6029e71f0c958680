import { ruleTests, tpl } from '../rule-tester.js';

const nested = (innerType: string, value = "[parameters('count')]") =>
  tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', properties: { expressionEvaluationOptions: { scope: 'inner' }, mode: 'Incremental', parameters: { n: { value } }, template: tpl([], { parameters: { n: { type: innerType } } }) } }], { parameters: { count: { type: 'int' } } });

ruleTests('parameter-types-should-be-consistent', {
  valid: [{ name: 'same type', template: nested('int') }, { name: 'navigated value is exempt', template: nested('string', "[parameters('count').x]") }],
  invalid: [{ name: 'int passed to string', template: nested('string'), errors: [{ message: /"string" in the nested template but receives "count", which is "int"/, pointer: '/resources/0/properties/parameters/n', line: 20, column: 16 }] }],
});
