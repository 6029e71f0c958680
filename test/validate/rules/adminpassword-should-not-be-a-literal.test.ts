import { ruleTests, tpl } from '../rule-tester.js';

const vm = (props: Record<string, unknown>) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', location: "[parameters('location')]", properties: { osProfile: props } });

ruleTests('adminpassword-should-not-be-a-literal', {
  valid: [
    { name: 'from a parameter', template: tpl([vm({ adminPassword: "[parameters('pw')]" })]) },
    { name: 'through a variable holding an expression', template: tpl([vm({ adminPassword: "[variables('pw')]" })], { variables: { pw: "[parameters('x')]" } }) },
  ],
  invalid: [
    { name: 'literal password', template: tpl([vm({ adminPassword: 'P@ssw0rd1234' })]), errors: [{ message: /literal/, pointer: '/resources/0/properties/osProfile/adminPassword', line: 12, column: 28 }] },
    { name: 'variable holding a literal', template: tpl([vm({ adminPassword: "[variables('pw')]" })], { variables: { pw: 'hunter2' } }), errors: [{ message: /variable "pw"/, line: 15, column: 28 }] },
    { name: 'SQL administratorLoginPassword in variables', template: tpl([], { variables: { administratorLoginPassword: 'x' } }), errors: [{ message: /administratorLoginPassword/, line: 5, column: 35 }] },
  ],
});
