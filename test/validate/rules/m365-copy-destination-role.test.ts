import { ruleTests, tpl } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

const FACTORY_MSI = "[reference(resourceId('Microsoft.DataFactory/factories', variables('factoryName')), '2018-06-01', 'Full').identity.principalId]";

ruleTests('m365-copy-destination-role', {
  valid: [
    { name: 'Storage Blob Data Contributor for the application\'s service principal, on the account', template: factoryCopy() },
    { name: 'Storage Blob Data Owner through a variable, on the resource group (no scope)', template: (() => { const t = factoryCopy((p) => { p.roles = [{ type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, parameters('servicePrincipalObjectId'))]", properties: { roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('owner'))]", principalId: "[parameters('servicePrincipalObjectId')]" } }]; }); (t.variables as Record<string, unknown>).owner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'; return t; })() },
    { name: 'a destination the template does not create (its name a parameter), as in Microsoft\'s managed application', template: factoryCopy((p) => { p.roles = []; p.destination.typeProperties = { ...(p.destination.typeProperties as object), url: "[concat('https://', parameters('destinationAccount'), '.dfs.core.windows.net')]" }; }) },
    { name: 'the role in Synapse artifacts\' template', template: workspaceCopy({}) },
    { name: 'no copy out of Microsoft 365', template: tpl([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x', location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }]) },
  ],
  invalid: [
    { name: 'no role at all', template: factoryCopy((p) => { p.roles = []; }), errors: [{ message: /CopyFromO365ToBlob writes Microsoft 365 data to this storage account \(Destination\) as a service principal, but the template gives no service principal a data role on it/, line: 24, column: 5 }] },
    { name: 'the role given to the factory\'s managed identity only', template: factoryCopy((p) => { (p.roles[0].properties as Record<string, unknown>).principalId = FACTORY_MSI; }), errors: [{ message: /gives no service principal a data role on it/, line: 24, column: 5 }] },
    { name: 'a role that cannot write blobs (Reader)', template: workspaceCopy({}, (p) => { (p.roles[0].properties as Record<string, unknown>).roleDefinitionId = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]"; }), errors: [{ message: /gives no service principal a data role on it/, line: 150, column: 5 }] },
  ],
});
