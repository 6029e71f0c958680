import { ruleTests } from '../rule-tester.js';

ruleTests('json-nonstandard', {
  valid: [{ name: 'standard JSON', files: { 'a.json': '{"a": [1]}' } }],
  invalid: [
    { name: 'trailing comma', files: { 'a.json': '{"a": [1,]}' }, errors: [{ message: /Trailing comma/, severity: 'warning' }] },
    { name: 'unquoted name', files: { 'a.json': '{a: 1}' }, errors: [{ message: /Unquoted property name a/ }] },
  ],
});
