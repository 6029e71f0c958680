import { cuid, ruleTests } from '../rule-tester.js';

const pw = (options: unknown) => ({ name: 'pw', type: 'Microsoft.Common.PasswordBox', label: { password: 'P', confirmPassword: 'C' }, toolTip: 't', options });

ruleTests('credential-confirmation-should-not-be-hidden', {
  valid: [{ name: 'confirmation shown', ui: cuid({ basics: [pw({ hideConfirmation: false })] }) }, { name: 'option absent', ui: cuid({ basics: [pw(undefined)] }) }],
  invalid: [
    { name: 'hidden (boolean)', ui: cuid({ basics: [pw({ hideConfirmation: true })] }), errors: [{ message: /hides the confirmation/, pointer: '/parameters/basics/0', line: 7, column: 7 }] },
    { name: 'hidden (string) on a credentials combo', ui: cuid({ basics: [{ name: 'c', type: 'Microsoft.Compute.CredentialsCombo', toolTip: 't', options: { hideConfirmation: 'True' } }] }), errors: [{ message: /CredentialsCombo/, line: 7, column: 7 }] },
  ],
});
