import { ruleTests, tpl } from '../rule-tester.js';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string', defaultValue: '' }]));

ruleTests('arm-template-limits', {
  valid: [{ name: 'within limits', template: tpl([], { parameters: many(256) }) }],
  invalid: [
    { name: 'too many parameters', template: tpl([], { parameters: many(257) }), errors: [{ message: /257 parameters; ARM allows 256/, line: 4, column: 17 }] },
    { name: 'too many resources', template: tpl(Array.from({ length: 801 }, (_, i) => ({ type: 'A.B/c', apiVersion: '2020-01-01', name: `n${i}` }))), errors: [{ message: /801 resources/, line: 4, column: 16 }] },
    { name: 'an expression too long', template: tpl([], { variables: { x: `[concat('${'a'.repeat(24600)}')]` } }), errors: [{ message: /exceeds ARM's 24576/, line: 5, column: 10 }] },
  ],
});
