import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('template-should-not-contain-blanks', {
  valid: [
    { name: 'empty sections are fine', template: tpl([], { parameters: {}, variables: {}, outputs: {} }) },
    { name: 'empty defaultValue', template: tpl([], { parameters: { x: { type: 'string', defaultValue: '' } } }) },
    {
      name: 'a blank in a comment is not part of the template (ARM ignores comments)',
      template: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  // "tags": {} was here\n  /* "kind": "",\n     "sku": null */\n  "resources": []\n}\n',
    },
    { name: 'user-assigned identity map', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', identity: { type: 'UserAssigned', userAssignedIdentities: { "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'i')]": {} } } }]) },
  ],
  invalid: [
    { name: 'empty tags', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', tags: {} }]), errors: [{ message: /"tags"/, pointer: '/resources/0/tags', severity: 'warning', line: 9, column: 15 }] },
    {
      name: 'a blank inside a string (arm-ttk scans the text) is reported where it is, not at 1:1',
      template: '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [],\n  "outputs": { "note": { "type": "string", "value": "{\\"a\\": {}}" } }\n}\n',
      errors: [{ message: /for "a/, line: 5, column: 61 }],
    },
    { name: 'empty string and null', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', kind: '', sku: null }]), errors: [{ message: /"kind"/, line: 9, column: 15 }, { message: /"sku"/, line: 10, column: 14 }] },
  ],
});
