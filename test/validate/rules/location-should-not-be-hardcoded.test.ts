import { ruleTests, tpl } from '../rule-tester.js';

const sa = (location: unknown) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'sa', location });
const loc = (def?: unknown, type = 'string') => ({ parameters: { location: { type, ...(def !== undefined ? { defaultValue: def } : {}) } } });

ruleTests('location-should-not-be-hardcoded', {
  valid: [
    { name: 'main template default and parameter use', template: tpl([sa("[parameters('location')]")], loc('[resourceGroup().location]')) },
    { name: 'global', template: tpl([sa('global')], loc('[resourceGroup().location]')) },
    { name: 'nested template without default', templateName: 'nested.json', template: tpl([sa("[parameters('location')]")], loc()) },
    { name: 'resourceGroup().location passed to a nested deployment', template: tpl([{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'd', properties: { parameters: { location: { value: '[resourceGroup().location]' } } } }]) },
  ],
  invalid: [
    { name: 'fixed default in the main template', template: tpl([sa("[parameters('location')]")], loc('westeurope')), errors: [{ message: /defaults to "westeurope"/, pointer: '/parameters/location/defaultValue', line: 7, column: 23 }] },
    { name: 'resourceGroup().location in a resource', template: tpl([sa('[resourceGroup().location]')], loc('[resourceGroup().location]')), errors: [{ message: /outside the parameters section/, pointer: '/resources/0/location', line: 15, column: 19 }] },
    { name: 'a literal location', template: tpl([sa('eastus')]), errors: [{ message: /location "eastus"/, line: 9, column: 19 }] },
    { name: 'non-string location parameter', template: tpl([], loc(undefined, 'object')), errors: [{ message: /must be of type string/, line: 5, column: 17 }] },
    { name: 'a default in a nested template', templateName: 'nested.json', template: tpl([], loc('westeurope')), errors: [{ message: /nested template must not default/, line: 7, column: 23 }] },
  ],
});
