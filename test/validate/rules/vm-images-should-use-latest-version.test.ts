import { ruleTests, tpl } from '../rule-tester.js';

const vm = (version: string) => tpl([{ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', properties: { storageProfile: { imageReference: { publisher: 'p', offer: 'o', sku: 's', version } } } }]);

ruleTests('vm-images-should-use-latest-version', {
  valid: [{ name: 'latest', template: vm('latest') }, { name: 'parameter', template: vm("[parameters('v')]") }],
  invalid: [{ name: 'pinned version (info: arm-ttk disables this rule)', template: vm('22.04.202401010'), errors: [{ message: /pinned/, severity: 'info', line: 5, column: 5 }] }],
});
