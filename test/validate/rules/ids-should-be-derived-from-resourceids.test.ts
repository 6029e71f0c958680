import { ruleTests, tpl } from '../rule-tester.js';

const nic = (id: unknown) => ({ type: 'Microsoft.Network/networkInterfaces', apiVersion: '2023-04-01', name: 'nic', location: "[parameters('location')]", properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id } } }] } });

ruleTests('ids-should-be-derived-from-resourceids', {
  valid: [
    { name: 'resourceId()', template: tpl([nic("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]")]) },
    { name: 'a variable holding resourceId()', template: tpl([nic("[variables('subnetId')]")], { variables: { subnetId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]" } }) },
    { name: 'exempt names and tags', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', tags: { ownerId: 'x' }, properties: { tenantId: 'literal', principalId: 'x' } }]) },
    { name: 'resourceId() after white space and a bracket anywhere, as arm-ttk matches it', template: tpl([nic("  x [ resourceId ( 'Microsoft.Network/virtualNetworks/subnets', 'v', 's')]")]) },
    { name: 'logic apps are skipped', template: tpl([{ type: 'Microsoft.Logic/workflows', apiVersion: '2019-05-01', name: 'l', properties: { definition: { actions: { a: { id: 'x' } } } } }]) },
  ],
  invalid: [
    { name: 'typed-in ID', template: tpl([nic('/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s')]), errors: [{ message: /build resource IDs/, pointer: '/resources/0/properties/ipConfigurations/0/properties/subnet/id', severity: 'warning', line: 16, column: 23 }] },
    { name: 'concatenated ID', template: tpl([nic("[concat(variables('vnetId'), '/subnets/s')]")]), errors: [{ message: /concat/, line: 16, column: 23 }] },
    { name: 'blank', template: tpl([nic('')]), errors: [{ message: /blank/, line: 16, column: 23 }] },
    { name: 'a number', template: tpl([nic(5)]), errors: [{ message: /5/, line: 16, column: 23 }] },
    // 50,000 spaces before the text took the old pattern's leading \s* 9 s (quadratic); now one pass.
    { name: 'a long run of spaces before a typed-in ID', template: tpl([nic(`${' '.repeat(50_000)}/subscriptions/0000/x`)]), errors: [{ message: /build resource IDs/, line: 16, column: 23 }] },
  ],
});
