import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('createuidefinition-schema', {
  valid: [
    { name: 'minimal', ui: cuid() },
    { name: 'basics with an empty element (published packages do this)', ui: cuid({ basics: [{}] }) },
    { name: 'resourceGroup.allowExisting in config', ui: cuid({ config: { basics: { resourceGroup: { allowExisting: true } } } }) },
  ],
  invalid: [
    { name: 'no parameters', ui: { handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview' }, errors: [{ message: /Missing required key "parameters"/, line: 1, column: 1 }] },
    { name: 'steps is not a list', ui: cuid({ steps: { name: 's' } }), errors: [{ message: /parameters\.steps must be a list/, pointer: '/parameters/steps', line: 7, column: 14 }] },
    { name: 'a step without elements', ui: cuid({ steps: [{ name: 's', label: 'S' }] }), errors: [{ message: /"elements"/, line: 8, column: 7 }] },
  ],
});
