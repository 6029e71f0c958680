import { cuid, ruleTests, tpl } from '../rule-tester.js';

ruleTests('parameters-without-default-must-exist-in-createuidefinition', {
  valid: [
    { name: 'defaults and outputs cover every parameter', template: tpl([], { parameters: { location: { type: 'string' }, size: { type: 'string', defaultValue: '' } } }), ui: cuid() },
  ],
  invalid: [
    { name: 'no default, no output', template: tpl([], { parameters: { location: { type: 'string' }, adminName: { type: 'string' } } }), ui: cuid(), errors: [{ message: /"adminName" has no default/, pointer: '/parameters/adminName', file: /mainTemplate\.json/, line: 8, column: 18 }] },
    { name: 'null default counts as none', template: tpl([], { parameters: { location: { type: 'string' }, x: { type: 'string', defaultValue: null } } }), ui: cuid(), errors: [{ message: /"x"/, line: 8, column: 10 }] },
  ],
});
