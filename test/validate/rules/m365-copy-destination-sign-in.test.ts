import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

ruleTests('m365-copy-destination-sign-in', {
  valid: [
    { name: 'a Data Lake Storage Gen2 destination signed in to as a service principal (key, tenant)', template: factoryCopy() },
    { name: 'a Blob destination signed in to as a service principal with a Key Vault secret', template: factoryCopy((p) => { p.destination = { type: 'AzureBlobStorage', typeProperties: { serviceEndpoint: 'https://data.blob.core.windows.net/', accountKind: 'StorageV2', servicePrincipalId: "[parameters('servicePrincipalId')]", servicePrincipalKey: { type: 'AzureKeyVaultSecret', store: { referenceName: 'KeyVault', type: 'LinkedServiceReference' }, secretName: 'secret' }, tenant: '[subscription().tenantId]' } }; }) },
    { name: 'a service principal with a certificate (servicePrincipalCredentialType ServicePrincipalCert)', template: factoryCopy((p) => { p.destination.typeProperties = { url: 'https://data.dfs.core.windows.net/', servicePrincipalId: 'x', servicePrincipalCredentialType: 'ServicePrincipalCert', servicePrincipalCredential: { type: 'SecureString', value: "[parameters('servicePrincipalKey')]" }, tenant: '[subscription().tenantId]' }; }) },
    { name: 'the same in Synapse artifacts', template: workspaceCopy({}) },
    { name: 'a destination Data Connect does not write to as such (a SQL table) is the format rule\'s business', template: factoryCopy((p) => { p.destination = { type: 'AzureSqlDatabase', typeProperties: { connectionString: 'x' } }; }) },
  ],
  invalid: [
    { name: 'the factory\'s managed identity (no credential)', template: factoryCopy((p) => { p.destination.typeProperties = { url: 'https://data.dfs.core.windows.net/' }; }), errors: [{ message: /CopyFromO365ToBlob copies Microsoft 365 data to Destination \(AzureBlobFS\), which signs in with the factory's or workspace's managed identity/, line: 80, column: 27 }] },
    { name: 'an account key', template: factoryCopy((p) => { p.destination = { type: 'AzureBlobStorage', typeProperties: { connectionString: 'DefaultEndpointsProtocol=https;AccountName=data' } }; }), errors: [{ message: /signs in with an account key/, line: 80, column: 27 }] },
    { name: 'a service principal without its tenant', template: factoryCopy((p) => { delete (p.destination.typeProperties as Record<string, unknown>).tenant; }), errors: [{ message: /sign-in lacks tenant/, line: 80, column: 27 }] },
    { name: 'a user-assigned managed identity in Synapse artifacts', template: workspaceCopy({}, (p) => { p.destination.typeProperties = { url: 'https://data.dfs.core.windows.net/', credential: { referenceName: 'uami', type: 'CredentialReference' } }; }), errors: [{ message: /signs in with a user-assigned managed identity/, line: 43, column: 31 }] },
  ],
});
