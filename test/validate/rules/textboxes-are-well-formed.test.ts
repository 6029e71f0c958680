import { cuid, ruleTests } from '../rule-tester.js';

const box = (constraints?: unknown) => ({ name: 'tb', type: 'Microsoft.Common.TextBox', label: 'T', toolTip: 't', ...(constraints !== undefined ? { constraints } : {}) });

ruleTests('textboxes-are-well-formed', {
  valid: [
    { name: 'regex and message', ui: cuid({ basics: [box({ regex: '^[a-z]{3,10}$', validationMessage: 'm' })] }) },
    { name: 'regex in validations', ui: cuid({ basics: [box({ validations: [{ regex: '^[a-z]{1,5}$', message: 'm' }] })] }) },
  ],
  invalid: [
    { name: 'no constraints', ui: cuid({ basics: [box()] }), errors: [{ message: /no constraints/, line: 7, column: 7 }] },
    { name: 'regex without message', ui: cuid({ basics: [box({ regex: '^[a-z]{3,10}$' })] }), errors: [{ message: /no validationMessage/, line: 7, column: 7 }] },
    { name: 'no regex at all', ui: cuid({ basics: [box({ required: true })] }), errors: [{ message: /does not validate/, line: 7, column: 7 }] },
    { name: 'isValid only', ui: cuid({ basics: [box({ validations: [{ isValid: '[true]', message: 'm' }] })] }), errors: [{ message: /does not validate/, line: 7, column: 7 }] },
    { name: 'invalid regex', ui: cuid({ basics: [box({ regex: '^[a-z{3,10}$', validationMessage: 'm' })] }), errors: [{ message: /invalid regex/, line: 7, column: 7 }] },
    { name: 'no length quantifier only warns', ui: cuid({ basics: [box({ regex: '^[a-z]+$', validationMessage: 'm' })] }), errors: [{ message: /does not limit the length/, severity: 'warning', line: 7, column: 7 }] },
  ],
});
