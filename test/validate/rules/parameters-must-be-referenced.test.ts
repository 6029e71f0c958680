import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('parameters-must-be-referenced', {
  valid: [
    { name: 'used in an expression', template: tpl([], { parameters: { a: { type: 'string' } }, variables: { x: "[concat('p', parameters( 'a' ))]" } }) },
    { name: 'double-underscore parameters are exempt', template: tpl([], { parameters: { __x: { type: 'string' } } }) },
  ],
  invalid: [
    { name: 'never used', template: tpl([], { parameters: { a: { type: 'string' } } }), errors: [{ message: /"a" is never used/, pointer: '/parameters/a', severity: 'warning', line: 5, column: 10 }] },
    { name: 'only mentioned in plain text', template: tpl([], { parameters: { a: { type: 'string' } }, variables: { x: "parameters('a')" } }), errors: [{ message: /"a"/, line: 5, column: 10 }] },
  ],
});
