import { ruleTests, tpl } from '../rule-tester.js';

const vm = (imageReference: unknown) => ({ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01', name: 'vm', properties: { storageProfile: { imageReference } } });

ruleTests('virtual-machines-should-not-be-preview', {
  valid: [{ name: 'GA image', template: tpl([vm({ publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' })]) }],
  invalid: [
    { name: 'preview offer', template: tpl([vm({ publisher: 'p', offer: 'thing-preview', sku: 's', version: 'latest' })]), errors: [{ message: /offer "thing-preview"/, line: 5, column: 5 }] },
    { name: 'preview via variable', template: tpl([vm("[variables('img')]")], { variables: { img: { publisher: 'p', offer: 'o', sku: 'sku-preview', version: 'latest' } } }), errors: [{ message: /sku/, line: 13, column: 5 }] },
  ],
});
