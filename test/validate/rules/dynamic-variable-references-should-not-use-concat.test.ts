import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('dynamic-variable-references-should-not-use-concat', {
  valid: [{ name: 'indexing a variable object', template: tpl([], { variables: { sizes: { small: 1 }, x: "[variables('sizes')[parameters('s')]]" } }) }],
  invalid: [{ name: 'variables(concat(...))', template: tpl([], { variables: { x: "[variables(concat('size', parameters('s')))]" } }), errors: [{ message: /concat\(\) inside variables\(\)/, pointer: '/variables/x', line: 5, column: 10 }] }],
});
