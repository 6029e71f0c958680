// Resources the resource-type rule tables share: each is right by Azure's own types (schemas/arm-types/), so a
// case changes one thing and the finding it expects is the only one.

export const LOCATION = "[parameters('location')]";
export const params = { location: { type: 'string', defaultValue: '[resourceGroup().location]' } };

export const storage = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-05-01',
  name: 'contosodata01',
  location: LOCATION,
  sku: { name: 'Standard_LRS' },
  kind: 'StorageV2',
  properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', ...props },
  ...extra,
});

export const script = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Resources/deploymentScripts',
  apiVersion: '2023-08-01',
  name: 'start-trigger',
  location: LOCATION,
  kind: 'AzureCLI',
  properties: { azCliVersion: '2.59.0', retentionInterval: 'PT1H', scriptContent: 'echo hello', ...props },
  ...extra,
});

export const linkedService = (properties: Record<string, unknown>) => ({
  type: 'Microsoft.DataFactory/factories/linkedservices',
  apiVersion: '2018-06-01',
  name: "[format('{0}/{1}', 'contoso-adf', 'office365')]",
  properties,
});

export const office365 = { type: 'Office365', typeProperties: { office365TenantId: '[subscription().tenantId]', servicePrincipalTenantId: '[subscription().tenantId]', servicePrincipalId: '00000000-0000-0000-0000-000000000000', servicePrincipalKey: { type: 'SecureString', value: '[parameters(\'key\')]' } } };

export const pipeline = (sink: Record<string, unknown>) => ({
  type: 'Microsoft.DataFactory/factories/pipelines',
  apiVersion: '2018-06-01',
  name: 'contoso-adf/copy',
  properties: {
    activities: [
      {
        name: 'Copy',
        type: 'Copy',
        typeProperties: { source: { type: 'Office365Source', dateFilterColumn: 'receivedDateTime' }, sink },
        inputs: [{ referenceName: 'src', type: 'DatasetReference' }],
        outputs: [{ referenceName: 'sink', type: 'DatasetReference' }],
      },
    ],
  },
});

export const deployment = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: 'nested',
  properties: { mode: 'Incremental', template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] }, ...properties },
  ...extra,
});
