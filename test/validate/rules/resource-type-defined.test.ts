import { ruleTests, tpl } from '../rule-tester.js';
import { deployment, LOCATION, params, storage } from './resource-type-fixtures.js';

const inner = (resources: unknown[]) => deployment({ expressionEvaluationOptions: { scope: 'inner' }, template: tpl(resources) });

ruleTests('resource-type-defined', {
  valid: [
    { name: 'a type and api-version Azure defines', template: tpl([storage()], { parameters: params }) },
    { name: 'a type given by an expression is left alone', template: tpl([{ type: "[concat('Microsoft.Storage/', 'storageAccounts')]", apiVersion: '2023-05-01', name: 'x' }]) },
    { name: 'a custom provider declares its own types', template: tpl([{ type: 'Microsoft.CustomProviders/resourceProviders/users', apiVersion: '2018-09-01-preview', name: 'provider/santa', properties: { username: 'Santa' } }]) },
    {
      name: 'an extension resource in the /providers/ form: its namespace comes from the name',
      template: tpl([{ type: 'Microsoft.Storage/storageAccounts/providers/roleAssignments', apiVersion: '2022-04-01', name: "[concat('contosodata01/Microsoft.Authorization/', guid('x'))]", properties: { roleDefinitionId: '[x()]', principalId: '[y()]' } }]),
    },
    { name: 'a type Azure only lets one read, as existing (languageVersion 2.0)', template: tpl({ gone: { existing: true, type: 'Microsoft.Storage/locations/deletedAccounts', apiVersion: '2023-05-01', name: 'westeurope/old' } } as never, { languageVersion: '2.0' }) },
    { name: 'a version the specifications lack but the provider cache lists: a note', template: tpl([storage({}, { apiVersion: '2017-09-09' })], { parameters: params }), cache: { 'Microsoft.Storage/storageAccounts': ['2017-09-09', '2023-05-01'] } },
  ],
  invalid: [
    {
      name: 'a namespace Azure does not have, with a did-you-mean',
      template: tpl([{ type: 'Microsoft.Storge/storageAccounts', apiVersion: '2023-05-01', name: 'x', location: LOCATION }]),
      errors: [{ message: /no resource provider "Microsoft.Storge".*Did you mean "Microsoft.Storage"\?/, severity: 'error', pointer: '/resources/0/type', line: 6, column: 15 }],
    },
    {
      name: 'a type its namespace does not define',
      template: tpl([storage({}, { type: 'Microsoft.Storage/storageAccount' })], { parameters: params }),
      errors: [{ message: /no resource type Microsoft.Storage\/storageAccount in Microsoft.Storage. Did you mean "Microsoft.Storage\/storageAccounts"\?/, severity: 'error', line: 12, column: 15 }],
    },
    {
      name: 'an api-version the specifications lack: a warning (Azure serves some they leave out)',
      template: tpl([storage({}, { apiVersion: '2023-05-02' })], { parameters: params }),
      errors: [{ message: /no api-version "2023-05-02"/, severity: 'warning', pointer: '/resources/0/apiVersion', line: 13, column: 21 }],
    },
    {
      name: 'an api-version neither the specifications nor the provider cache has: an error',
      template: tpl([storage({}, { apiVersion: '2023-05-02' })], { parameters: params }),
      cache: { 'Microsoft.Storage/storageAccounts': ['2023-05-01'] },
      errors: [{ message: /nor in the provider cache/, severity: 'error', line: 13, column: 21 }],
    },
    {
      name: 'a type Azure only lets one read, deployed',
      template: tpl([{ type: 'Microsoft.Storage/locations/deletedAccounts', apiVersion: '2023-05-01', name: 'westeurope/old' }]),
      errors: [{ message: /can only be read/, severity: 'error', line: 6, column: 15 }],
    },
    {
      name: 'a child declared inside its parent, with its type relative',
      template: tpl([storage({}, { resources: [{ type: 'blobService', apiVersion: '2023-05-01', name: 'default' }] })], { parameters: params }),
      errors: [{ message: /no resource type Microsoft.Storage\/storageAccounts\/blobService .*Did you mean "Microsoft.Storage\/storageAccounts\/blobServices"/, pointer: '/resources/0/resources/0/type', line: 26, column: 19 }],
    },
    {
      name: 'inside a nested template evaluated in inner scope',
      template: tpl([inner([{ type: 'Microsoft.ManagedIdentity/userAssignedIdentitys', apiVersion: '2023-01-31', name: 'id', location: 'westeurope' }])]),
      errors: [{ message: /Did you mean "Microsoft.ManagedIdentity\/userAssignedIdentities"/, pointer: '/resources/0/properties/template/resources/0/type', line: 16, column: 23 }],
    },
  ],
});
