import { ruleTests } from '../rule-tester.js';

ruleTests('json-duplicate-keys', {
  valid: [{ name: 'unique keys', files: { 'a.json': '{"a": 1, "b": 2}' } }],
  invalid: [
    { name: 'same key twice', files: { 'a.json': '{"a": 1,\n "a": 2}' }, errors: [{ message: /Duplicate property "a"/, severity: 'error', line: 2, column: 2 }] },
    { name: 'keys differing in case only warn', files: { 'a.json': '{"Name": 1, "name": 2}' }, errors: [{ severity: 'warning', line: 1, column: 13 }] },
  ],
});
