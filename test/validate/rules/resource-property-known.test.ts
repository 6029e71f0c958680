import { ruleTests, tpl } from '../rule-tester.js';
import { deployment, linkedService, office365, params, pipeline, script, storage } from './resource-type-fixtures.js';

/** 1,001 made-up properties: the first thousand listed, the last one counted where it is. */
const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`made${i}`, i]));

const vm = (dataDisks: unknown) => ({
  type: 'Microsoft.Compute/virtualMachines',
  apiVersion: '2024-03-01',
  name: 'vm1',
  location: "[parameters('location')]",
  properties: { hardwareProfile: { vmSize: 'Standard_D2s_v5' }, storageProfile: { copy: [{ name: 'dataDisks', count: 2, input: dataDisks }] } },
});

ruleTests('resource-property-known', {
  valid: [
    { name: 'every property known', template: tpl([storage({}, { tags: { 'cost-center': '42' } })], { parameters: params }) },
    { name: 'template keywords are not properties (condition, dependsOn, copy, comments)', template: tpl([storage({}, { condition: true, dependsOn: [], comments: 'x', copy: { name: 'c', count: 1 } })], { parameters: params }) },
    { name: 'a Data Factory linked service followed by its type', template: tpl([linkedService(office365)]) },
    { name: 'a nested deployment to another resource group', template: tpl([deployment({}, { resourceGroup: 'other-rg', subscriptionId: '[subscription().subscriptionId]' })]) },
    { name: 'a deployment at a version whose specification omits expressionEvaluationOptions', template: tpl([deployment({ expressionEvaluationOptions: { scope: 'inner' } }, { apiVersion: '2019-10-01' })]) },
    { name: 'a property copy loop makes its array', template: tpl([vm({ lun: "[copyIndex('dataDisks')]", createOption: 'Empty', diskSizeGB: 128 })], { parameters: params }) },
    {
      name: 'an extension resource given its scope (the scope is the template language, not a property)',
      template: tpl([{ type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid('x')]", scope: "[resourceId('Microsoft.Storage/storageAccounts', 'contosodata01')]", properties: { roleDefinitionId: '[x()]', principalId: '[y()]', principalType: 'ServicePrincipal' } }]),
    },
    { name: 'an object given by an expression is left alone', template: tpl([storage({ networkAcls: "[variables('acls')]" })], { parameters: params, variables: { acls: "[json('{}')]" } }) },
  ],
  invalid: [
    {
      name: 'a misspelt property, with the name it was meant to be',
      template: tpl([storage({ supportsHttpsTrafficOnlyy: true })], { parameters: params }),
      errors: [{ message: /no property "supportsHttpsTrafficOnlyy" in properties. Did you mean "supportsHttpsTrafficOnly"\?/, severity: 'warning', pointer: '/resources/0/properties/supportsHttpsTrafficOnlyy', line: 23, column: 9 }],
    },
    {
      name: 'inside a Data Factory copy sink, followed by its type',
      template: tpl([pipeline({ type: 'ParquetSink', storeSetting: { type: 'AzureBlobFSWriteSettings' } })]),
      errors: [{ message: /no property "storeSetting" in properties.activities\[0\].typeProperties.sink. Did you mean "storeSettings"\?/, line: 21, column: 17 }],
    },
    {
      name: 'inside a deployment script, followed by its kind',
      template: tpl([script({ scriptContnt: 'echo' })], { parameters: params }),
      errors: [{ message: /no property "scriptContnt" in properties. Did you mean "scriptContent"\?/, line: 21, column: 9 }],
    },
    {
      name: 'inside a Data Factory dataset, followed by its type and its location by theirs',
      template: tpl([{ type: 'Microsoft.DataFactory/factories/datasets', apiVersion: '2018-06-01', name: 'contoso-adf/sink', properties: { type: 'Parquet', linkedServiceName: { referenceName: 'lake', type: 'LinkedServiceReference' }, typeProperties: { location: { type: 'AzureBlobFSLocation', fileSystem: 'data', folderPat: 'mail' } } } }]),
      errors: [{ message: /no property "folderPat" in properties.typeProperties.location. Did you mean "folderPath"\?/, pointer: '/resources/0/properties/typeProperties/location/folderPat', line: 19, column: 13 }],
    },
    {
      name: 'in a variable the resource takes its properties from: reported where the variable writes it',
      template: tpl([storage({}, { properties: "[variables('props')]" })], { parameters: params, variables: { props: { supportsHttpsTrafficOnly: true, allowBlobPublicAcess: false } } }),
      errors: [{ message: /no property "allowBlobPublicAcess" in properties. Did you mean "allowBlobPublicAccess"\?/, pointer: '/variables/props/allowBlobPublicAcess', line: 13, column: 7 }],
    },
    {
      name: 'in the input of a property copy loop',
      template: tpl([vm({ lun: "[copyIndex('dataDisks')]", createOption: 'Empty', diskSize: 128 })], { parameters: params }),
      errors: [{ message: /no property "diskSize" in properties.storageProfile.dataDisks\[\]. Did you mean "diskSizeGB"\?/, line: 28, column: 17 }],
    },
    {
      name: 'past a thousand in one template: the rest counted in one finding, where the first of them is',
      template: tpl([storage(many)], { parameters: params }),
      errors: [
        ...Array.from({ length: 1000 }, (_, i) => ({ message: new RegExp(`no property "made${i}" in properties\\.$`), line: 23 + i, column: 9 })),
        { message: /…and 1 more finding of this rule in this template from here on, not listed \(the first 1000 are\)/, severity: 'warning' as const, pointer: '/resources/0/properties/made1000', line: 1023, column: 9 },
      ],
    },
    {
      name: 'at the top level of a resource',
      template: tpl([storage({}, { sku: undefined, skus: { name: 'Standard_LRS' } })], { parameters: params }),
      errors: [{ message: /no property "skus" in the resource. Did you mean "sku"\?/, pointer: '/resources/0/skus', line: 21, column: 7 }],
    },
  ],
});
