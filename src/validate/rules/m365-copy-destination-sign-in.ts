// The destination of a copy out of Microsoft 365 is signed in to as a service principal, nothing else.

import { isObject, prop, propPath } from '../../arm/template.js';
import { DESTINATION_STORES, microsoft365Copies, serviceName } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

/** How a storage linked service signs in, in words, when it is not a service principal. */
function otherSignIn(tp: unknown): string {
  if (prop(tp, 'accountKey') !== undefined || prop(tp, 'connectionString') !== undefined) return 'an account key';
  if (prop(tp, 'sasUri') !== undefined || prop(tp, 'sasToken') !== undefined) return 'a shared access signature';
  if (prop(tp, 'credential') !== undefined) return 'a user-assigned managed identity';
  return "the factory's or workspace's managed identity";
}

export default defineRule({
  id: 'm365-copy-destination-sign-in',
  description: 'The destination linked service of a copy out of Microsoft 365 (Blob Storage, Data Lake Storage Gen1 or Gen2) must sign in as a service principal: servicePrincipalId, a servicePrincipalKey (or a certificate credential) and the tenant.',
  source: `"Service Principal authentication is the only authentication mechanism supported for Azure Blob Storage, Azure Data Lake Storage Gen1, and Azure Data Lake Storage Gen2 as destination stores." (${CONNECTOR_PAGE}); Microsoft's own managed application for Data Connect (microsoft/dataconnect-solutions, solutions/whoknowswho/managedapp/mainTemplate.json) signs its AzureBlobFS destination in with servicePrincipalId and servicePrincipalKey.`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      const seen = new Set<string>();
      for (const copy of microsoft365Copies(file.json.value)) {
        const service = copy.destinationService;
        if (!service || seen.has(service.pointer)) continue;
        const type = textOf(propPath(service.node, 'properties.type'));
        if (!DESTINATION_STORES.includes(type.toLowerCase())) continue;
        seen.add(service.pointer);
        const tp = propPath(service.node, 'properties.typeProperties');
        const key = prop(tp, 'servicePrincipalKey') ?? prop(tp, 'servicePrincipalCredential') ?? prop(tp, 'servicePrincipalEmbeddedCert');
        const missing = [prop(tp, 'servicePrincipalId') === undefined ? 'servicePrincipalId' : '', key === undefined ? 'servicePrincipalKey' : '', prop(tp, 'tenant') === undefined ? 'tenant' : ''].filter(Boolean);
        if (!missing.length) continue;
        const none = missing.length === 3 || (prop(tp, 'servicePrincipalId') === undefined && key === undefined);
        ctx.report({
          file,
          pointer: isObject(tp) ? service.at('properties', 'typeProperties') : service.pointer,
          message: none
            ? `${copy.name} copies Microsoft 365 data to ${serviceName(service, file.json.value)} (${type}), which signs in with ${otherSignIn(tp)}: Data Connect writes to a destination only as a service principal, so no data would arrive.`
            : `${copy.name} copies Microsoft 365 data to ${serviceName(service, file.json.value)} (${type}), whose service-principal sign-in lacks ${missing.join(', ')}.`,
          hint: 'Give the linked service the Entra application\'s servicePrincipalId, its servicePrincipalKey (SecureString or a Key Vault secret) and tenant, and give that application\'s service principal a data role (Storage Blob Data Contributor) on the storage account.',
        });
      }
    }
  },
});
