import { cuid, ruleTests } from '../rule-tester.js';

const pw = (constraints?: unknown) => ({ name: 'pw', type: 'Microsoft.Common.PasswordBox', label: { password: 'P' }, toolTip: 't', ...(constraints !== undefined ? { constraints } : {}) });

ruleTests('passwordboxes-must-have-min-length', {
  valid: [
    { name: 'regex with a 12+ minimum', ui: cuid({ basics: [pw({ required: true, regex: '^.{12,72}$' })] }) },
    { name: 'no regex (portal complexity applies)', ui: cuid({ basics: [pw({ required: true })] }) },
    { name: 'regex expression', ui: cuid({ basics: [pw({ regex: "[basics('rx')]" })] }) },
  ],
  invalid: [
    { name: 'no constraints', ui: cuid({ basics: [pw()] }), errors: [{ message: /no constraints/, line: 7, column: 7 }] },
    { name: 'regex without a length', ui: cuid({ basics: [pw({ regex: '^[a-z]+$' })] }), errors: [{ message: /no minimum length/, line: 7, column: 7 }] },
    { name: 'regex that does not compile', ui: cuid({ basics: [pw({ regex: '^(.{12,}$' })] }), errors: [{ message: /invalid regex/, line: 7, column: 7 }] },
    { name: 'minimum below 12 only warns', ui: cuid({ basics: [pw({ regex: '^.{8,}$' })] }), errors: [{ message: /shorter than 12/, severity: 'warning', line: 7, column: 7 }] },
  ],
});
