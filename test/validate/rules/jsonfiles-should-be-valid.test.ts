import { cuid, ruleTests, tpl } from '../rule-tester.js';

ruleTests('jsonfiles-should-be-valid', {
  valid: [
    { name: 'valid files', template: tpl(), ui: cuid() },
    { name: 'comments and a BOM are accepted', files: { 'nested/x.json': '\uFEFF{ // a comment\n "a": 1 }' } },
  ],
  invalid: [
    { name: 'truncated', files: { 'a.json': '{"a": [1, 2' }, errors: [{ message: /a\.json is not valid JSON: Unexpected end of file/, file: /a\.json/, line: 1, column: 12 }] },
    { name: 'garbage', files: { 'b.json': '{"a": nope}' }, errors: [{ message: /Unexpected token "nope"/, line: 1, column: 7 }] },
  ],
});
