import { ruleTests } from '../rule-tester.js';

ruleTests('json-nonstandard', {
  valid: [{ name: 'standard JSON', files: { 'a.json': '{"a": [1]}' } }],
  invalid: [
    { name: 'trailing comma', files: { 'a.json': '{"a": [1,]}' }, errors: [{ message: /Trailing comma/, severity: 'warning', line: 1, column: 10 }] },
    { name: 'unquoted name', files: { 'a.json': '{a: 1}' }, errors: [{ message: /Unquoted property name a/, line: 1, column: 2 }] },
  ],
});
