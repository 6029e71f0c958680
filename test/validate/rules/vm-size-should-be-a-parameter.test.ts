import { ruleTests, tpl } from '../rule-tester.js';

const vm = (vmSize: string) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', properties: { hardwareProfile: { vmSize } } });

ruleTests('vm-size-should-be-a-parameter', {
  valid: [{ name: 'parameter', template: tpl([vm("[parameters('vmSize')]")]) }, { name: 'variable from a parameter', template: tpl([vm("[variables('size')]")], { variables: { size: "[parameters('vmSize')]" } }) }],
  invalid: [
    { name: 'literal size', template: tpl([vm('Standard_D2s_v5')]), errors: [{ message: /must come from a parameter/, pointer: '/resources/0/properties/hardwareProfile/vmSize', line: 11, column: 21 }] },
    { name: 'variable with a literal', template: tpl([vm("[variables('size')]")], { variables: { size: 'Standard_B1s' } }), errors: [{ message: /vmSize/, line: 14, column: 21 }] },
  ],
});
