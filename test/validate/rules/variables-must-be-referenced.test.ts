import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('variables-must-be-referenced', {
  valid: [
    { name: 'used', template: tpl([], { variables: { a: 'x' }, outputs: { o: { type: 'string', value: "[variables('a')]" } } }) },
    { name: 'copy variable used as a property', template: tpl([], { variables: { copy: [{ name: 'disks', count: 2, input: {} }] }, outputs: { o: { type: 'array', value: "[variables('copy').disks]" } } }) },
  ],
  invalid: [{ name: 'unused', template: tpl([], { variables: { a: 'x' } }), errors: [{ message: /"a" is never used/, pointer: '/variables/a', line: 5, column: 10 }] }],
});
