// Packages with a copy out of Microsoft 365, built from the shapes Microsoft documents (not from offerkit's
// template sets): the Office 365 linked service, the Office365Table dataset and the copy activity of the
// connector page's examples (connector-office-365.md: "Office365LinkedService", "DS_May2019_O365_Message",
// "CopyFromO365ToBlob"), a Data Lake Storage Gen2 destination signed in to as a service principal (url,
// servicePrincipalId, servicePrincipalKey, tenant), and the Storage Blob Data Contributor assignment Data Connect's
// quickstart gives the application. Each rule's table changes one thing of it.

import { tpl } from '../rule-tester.js';

type Json = Record<string, unknown>;

export const FACTORY = "[variables('factoryName')]";
const ls = (name: string) => `[format('{0}/{1}', variables('factoryName'), '${name}')]`;

export interface CopyParts {
  office365: Json;
  destination: Json;
  source: Json;
  sink: Json;
  output: Json;
  runtime?: Json;
  /** The role assignments on the destination account (by default, the application's data role). */
  roles: Json[];
}

export function parts(): CopyParts {
  return {
    office365: {
      type: 'Office365',
      typeProperties: {
        office365TenantId: '[subscription().tenantId]',
        servicePrincipalTenantId: '[subscription().tenantId]',
        servicePrincipalId: "[parameters('servicePrincipalId')]",
        servicePrincipalKey: { type: 'SecureString', value: "[parameters('servicePrincipalKey')]" },
      },
    },
    destination: {
      type: 'AzureBlobFS',
      typeProperties: {
        url: "[reference(resourceId('Microsoft.Storage/storageAccounts', variables('accountName')), '2023-05-01').primaryEndpoints.dfs]",
        servicePrincipalId: "[parameters('servicePrincipalId')]",
        servicePrincipalKey: { type: 'SecureString', value: "[parameters('servicePrincipalKey')]" },
        tenant: '[subscription().tenantId]',
      },
    },
    source: {
      type: 'Office365Source',
      dateFilterColumn: 'CreatedDateTime',
      startTime: '2019-04-28T16:00:00.000Z',
      endTime: '2019-05-05T16:00:00.000Z',
      outputColumns: [{ name: 'Id' }, { name: 'CreatedDateTime' }, { name: 'Subject' }],
    },
    sink: { type: 'JsonSink', storeSettings: { type: 'AzureBlobFSWriteSettings' }, formatSettings: { type: 'JsonWriteSettings', filePattern: 'setOfObjects' } },
    output: { type: 'Json', linkedServiceName: { referenceName: 'Destination', type: 'LinkedServiceReference' }, typeProperties: { location: { type: 'AzureBlobFSLocation', fileSystem: 'data', folderPath: 'events' } } },
    roles: [{
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      scope: "[format('Microsoft.Storage/storageAccounts/{0}', variables('accountName'))]",
      name: "[guid(resourceId('Microsoft.Storage/storageAccounts', variables('accountName')), parameters('servicePrincipalObjectId'))]",
      properties: { roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]", principalId: "[parameters('servicePrincipalObjectId')]", principalType: 'ServicePrincipal' },
    }],
  };
}

/** A Data Factory template with one copy out of Microsoft 365, its parts changed by `edit`. */
export function factoryCopy(edit: (p: CopyParts) => void = () => undefined): Json {
  const p = parts();
  edit(p);
  return tpl([
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[variables('accountName')]", location: "[parameters('location')]", sku: { name: 'Standard_LRS' }, kind: 'StorageV2', properties: { isHnsEnabled: true } },
    ...p.roles,
    { type: 'Microsoft.DataFactory/factories', apiVersion: '2018-06-01', name: FACTORY, location: "[parameters('location')]", identity: { type: 'SystemAssigned' } },
    ...(p.runtime ? [{ type: 'Microsoft.DataFactory/factories/integrationRuntimes', apiVersion: '2018-06-01', name: ls('Runtime'), properties: p.runtime }] : []),
    { type: 'Microsoft.DataFactory/factories/linkedservices', apiVersion: '2018-06-01', name: ls('Office365LinkedService'), properties: p.office365 },
    { type: 'Microsoft.DataFactory/factories/linkedservices', apiVersion: '2018-06-01', name: ls('Destination'), properties: p.destination },
    { type: 'Microsoft.DataFactory/factories/datasets', apiVersion: '2018-06-01', name: ls('DS_May2019_O365_Event'), properties: { type: 'Office365Table', linkedServiceName: { referenceName: 'Office365LinkedService', type: 'LinkedServiceReference' }, typeProperties: { tableName: 'BasicDataSet_v0.Event_v0' } } },
    { type: 'Microsoft.DataFactory/factories/datasets', apiVersion: '2018-06-01', name: ls('Events'), properties: p.output },
    {
      type: 'Microsoft.DataFactory/factories/pipelines',
      apiVersion: '2018-06-01',
      name: ls('Copy'),
      properties: {
        activities: [{
          name: 'CopyFromO365ToBlob',
          type: 'Copy',
          inputs: [{ referenceName: 'DS_May2019_O365_Event', type: 'DatasetReference' }],
          outputs: [{ referenceName: 'Events', type: 'DatasetReference' }],
          typeProperties: { source: p.source, sink: p.sink },
        }],
      },
    },
  ], { parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, servicePrincipalId: { type: 'string' }, servicePrincipalObjectId: { type: 'string' }, servicePrincipalKey: { type: 'securestring' } }, variables: { accountName: "[concat('data', uniqueString(resourceGroup().id))]", factoryName: "[concat('adf', uniqueString(resourceGroup().id))]" } });
}

/**
 * The same copy as Synapse workspace artifacts, carried in a variable (the workspace's REST shape, `{ name,
 * properties }`), beside a workspace resource whose properties `workspace` gives.
 */
export function workspaceCopy(workspace: Json, edit: (p: CopyParts) => void = () => undefined): Json {
  const p = parts();
  edit(p);
  return tpl([
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[variables('accountName')]", location: "[parameters('location')]", sku: { name: 'Standard_LRS' }, kind: 'StorageV2', properties: { isHnsEnabled: true } },
    ...p.roles,
    { type: 'Microsoft.Synapse/workspaces', apiVersion: '2021-06-01', name: "[variables('workspaceName')]", location: "[parameters('location')]", identity: { type: 'SystemAssigned' }, properties: workspace },
  ], {
    parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, servicePrincipalId: { type: 'string' }, servicePrincipalObjectId: { type: 'string' }, servicePrincipalKey: { type: 'securestring' } },
    variables: {
      accountName: "[concat('data', uniqueString(resourceGroup().id))]",
      workspaceName: "[concat('syn', uniqueString(resourceGroup().id))]",
      artifacts: {
        linkedServices: [{ name: 'Office365LinkedService', properties: p.office365 }, { name: 'Destination', properties: p.destination }],
        datasets: [
          { name: 'DS_May2019_O365_Event', properties: { type: 'Office365Table', linkedServiceName: { referenceName: 'Office365LinkedService', type: 'LinkedServiceReference' }, typeProperties: { tableName: 'BasicDataSet_v0.Event_v0' } } },
          { name: 'Events', properties: p.output },
        ],
        pipelines: [{ name: 'Copy', properties: { activities: [{ name: 'CopyFromO365ToBlob', type: 'Copy', inputs: [{ referenceName: 'DS_May2019_O365_Event', type: 'DatasetReference' }], outputs: [{ referenceName: 'Events', type: 'DatasetReference' }], typeProperties: { source: p.source, sink: p.sink } }] } }],
      },
    },
    outputs: { artifacts: { type: 'object', value: "[variables('artifacts')]" } },
  });
}
