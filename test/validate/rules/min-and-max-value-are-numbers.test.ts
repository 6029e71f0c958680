import { ruleTests, tpl } from '../rule-tester.js';

const p = (decl: Record<string, unknown>) => tpl([], { parameters: { n: { type: 'int', ...decl } } });

ruleTests('min-and-max-value-are-numbers', {
  valid: [{ name: 'both integers', template: p({ minValue: 1, maxValue: 10 }) }, { name: 'neither', template: p({}) }],
  invalid: [
    { name: 'string minValue', template: p({ minValue: '1', maxValue: 10 }), errors: [{ message: /minValue .* not an integer/, pointer: '/parameters/n/minValue', line: 7, column: 19 }] },
    { name: 'missing maxValue', template: p({ minValue: 1 }), errors: [{ message: /no maxValue/, line: 5, column: 10 }] },
    { name: 'missing minValue', template: p({ maxValue: 1 }), errors: [{ message: /no minValue/, line: 5, column: 10 }] },
  ],
});
