import { cuid, ruleTests, tpl } from '../rule-tester.js';

ruleTests('outputs-must-be-present-in-template-parameters', {
  valid: [
    { name: 'outputs match parameters (case-insensitive)', template: tpl([], { parameters: { Location: { type: 'string' } } }), ui: cuid() },
    { name: 'managed-app outputs', template: tpl([], { parameters: { location: { type: 'string' } } }), ui: cuid({ outputs: { location: '[location()]', jitAccessPolicy: '[x()]', managedIdentity: '[y()]' } }) },
  ],
  invalid: [{ name: 'an output with no parameter', template: tpl([], { parameters: { location: { type: 'string' } } }), ui: cuid({ outputs: { location: '[location()]', vmName: "[basics('vm')]" } }), errors: [{ message: /"vmName" is not a parameter/, pointer: '/parameters/outputs/vmName', line: 10, column: 17 }] }],
});
