import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('secure-parameters-never-defaulted', {
  valid: [{ name: 'no default', template: tpl([], { parameters: { s: { type: 'secureObject' } } }) }, { name: 'empty object', template: tpl([], { parameters: { s: { type: 'secureObject', defaultValue: {} } } }) }],
  invalid: [{ name: 'a default object', template: tpl([], { parameters: { s: { type: 'secureObject', defaultValue: { key: 'v' } } } }), errors: [{ message: /"s" has a default/, pointer: '/parameters/s/defaultValue', line: 7, column: 23 }] }],
});
