import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('handler-must-be-correct', {
  valid: [{ name: 'CreateUIDef', ui: cuid() }, { name: 'MultiVm (older) in any case', ui: cuid({}, { handler: 'microsoft.compute.multivm' }) }],
  invalid: [
    { name: 'missing', ui: { $schema: 'x', version: '0.1.2-preview', parameters: { outputs: {} } }, errors: [{ message: /no handler/, line: 1, column: 1 }] },
    { name: 'wrong', ui: cuid({}, { handler: 'Microsoft.Azure.Wizard' }), errors: [{ message: /is not Microsoft\.Azure\.CreateUIDef/, pointer: '/handler', line: 3, column: 14 }] },
  ],
});
