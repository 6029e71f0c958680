import { cuid, ruleTests, tpl } from '../rule-tester.js';

const sa = (location: string) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x', location });
const loc = { parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } } };

ruleTests('managedapp-location-flows', {
  valid: [{ name: 'location parameter used', template: tpl([sa("[parameters('location')]"), sa('global')], loc), ui: cuid() }],
  invalid: [
    { name: 'no location parameter', template: tpl([sa('[resourceGroup().location]')]), ui: cuid(), errors: [{ message: /no location parameter/, line: 1, column: 1 }] },
    { name: 'a resource ignores it', template: tpl([sa("[parameters('location')]"), sa("[variables('otherRegion')]")], loc), ui: cuid(), errors: [{ message: /does not take its location/, pointer: '/resources/1/location', line: 21, column: 19 }] },
  ],
});
