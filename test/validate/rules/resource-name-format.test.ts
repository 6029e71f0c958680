import { ruleTests, tpl } from '../rule-tester.js';
import { params, storage } from './resource-type-fixtures.js';

const blob = (name: unknown) => ({ type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: '2023-05-01', name });

ruleTests('resource-name-format', {
  valid: [
    { name: 'a name Azure allows', template: tpl([storage()], { parameters: params }) },
    { name: 'a name given by an expression is left alone', template: tpl([storage({}, { name: "[concat('st', uniqueString(resourceGroup().id))]" })], { parameters: params }) },
    { name: "a singleton child's fixed name, after a parent known only at deployment", template: tpl([blob("[format('{0}/default', parameters('account'))]")], { parameters: { account: { type: 'string' } } }) },
    { name: 'a child declared inside its parent names only itself', template: tpl([storage({}, { resources: [{ type: 'blobServices', apiVersion: '2023-05-01', name: 'default' }] })], { parameters: params }) },
  ],
  invalid: [
    {
      name: 'shorter than Azure allows',
      template: tpl([storage({}, { name: 'ab' })], { parameters: params }),
      errors: [{ message: /The name "ab" of Microsoft.Storage\/storageAccounts@2023-05-01 has 2 characters; Azure allows 3 to 24/, severity: 'error', pointer: '/resources/0/name', line: 14, column: 15 }],
    },
    {
      name: "outside the pattern Azure's specification gives: a warning",
      template: tpl([storage({}, { name: 'Contoso-Data' })], { parameters: params }),
      errors: [{ message: /"Contoso-Data" .* does not match the pattern .*\^\[a-z0-9\]\+\$/, severity: 'warning', line: 14, column: 15 }],
    },
    {
      name: 'a name from a variable, too long',
      template: tpl([storage({}, { name: "[variables('name')]" })], { parameters: params, variables: { name: 'contosodatalakeforgraphexports' } }),
      errors: [{ message: /"contosodatalakeforgraphexports" .* has 30 characters; Azure allows 3 to 24/, line: 17, column: 15 }],
    },
    {
      name: 'a singleton child named otherwise',
      template: tpl([blob('contosodata01/blobs')]),
      errors: [{ message: /must be named "default" \(its last segment\), not "blobs"/, line: 8, column: 15 }],
    },
    {
      name: 'fewer segments than its type',
      template: tpl([blob('default')]),
      errors: [{ message: /The name "default" has 1 segment; type Microsoft.Storage\/storageAccounts\/blobServices needs 2/, line: 8, column: 15 }],
    },
  ],
});
