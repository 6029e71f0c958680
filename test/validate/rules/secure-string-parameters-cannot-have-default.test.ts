import { ruleTests, tpl } from '../rule-tester.js';

const p = (def?: unknown) => tpl([], { parameters: { pw: { type: 'securestring', ...(def !== undefined ? { defaultValue: def } : {}) } } });

ruleTests('secure-string-parameters-cannot-have-default', {
  valid: [{ name: 'no default', template: p() }, { name: 'empty default', template: p('') }, { name: 'newGuid()', template: p('[newGuid()]') }],
  invalid: [{ name: 'a default secret', template: p('changeme'), errors: [{ message: /has a default value/, pointer: '/parameters/pw/defaultValue', line: 7, column: 23 }] }],
});
