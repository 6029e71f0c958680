import { ruleTests, tpl } from '../rule-tester.js';

const vm = (props: Record<string, unknown>) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', location: "[parameters('location')]", properties: { osProfile: props } });

ruleTests('adminusername-should-not-be-a-literal', {
  valid: [{ name: 'from a parameter', template: tpl([vm({ adminUsername: "[parameters('admin')]" })]) }],
  invalid: [
    { name: 'literal name', template: tpl([vm({ adminUsername: 'azureuser' })]), errors: [{ message: /literal "azureuser"/, line: 12, column: 28 }] },
    { name: 'nested-deployment parameter value', template: tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', properties: { parameters: { administratorLogin: { value: 'sa' } } } }]), errors: [{ pointer: '/resources/0/properties/parameters/administratorLogin/value', line: 12, column: 22 }] },
  ],
});
