import { cuid, ruleTests } from '../rule-tester.js';

const u = (d?: string) => ({ name: 'user', type: 'Microsoft.Compute.UserNameTextBox', toolTip: 't', ...(d !== undefined ? { defaultValue: d } : {}) });

ruleTests('usernames-should-not-have-a-default', {
  valid: [{ name: 'no default', ui: cuid({ basics: [u()] }) }, { name: 'empty default', ui: cuid({ basics: [u('')] }) }],
  invalid: [{ name: 'a default name', ui: cuid({ basics: [u('azureadmin')] }), errors: [{ message: /has a default value/, line: 7, column: 7 }] }],
});
