// The Entra application a copy out of Microsoft 365 writes as needs a data role on the destination; when the
// template creates the destination storage account, only the template can give it (the customer's access to a
// managed resource group is read-only).

import { collectResources, prop, propPath, type ResourceRef } from '../../arm/template.js';
import { DESTINATION_STORES, microsoft365Copies, serviceName, type Part } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

/** Built-in roles that let a principal write blobs: Storage Blob Data Contributor and Storage Blob Data Owner. */
const DATA_ROLES = ['ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'];

/** The ways a template refers to a storage account in an expression: variables('x'), parameters('x'), or a literal name. */
function accountRefs(text: string): string[] {
  const refs = [...text.matchAll(/(?:variables|parameters)\('([^']+)'\)/gi)].map((m) => m[0].toLowerCase());
  const literal = /https:\/\/([a-z0-9]{3,24})\.(?:dfs|blob)\./i.exec(text)?.[1];
  return literal ? [...refs, literal.toLowerCase()] : refs;
}

/** Role definition GUIDs an expression names, literally or through the variables it reads. */
function roleGuids(text: string, template: unknown): string[] {
  const variables = prop(template, 'variables');
  const via = [...text.matchAll(/variables\('([^']+)'\)/gi)].map((m) => textOf(prop(variables, m[1])));
  return [text, ...via].flatMap((t) => [...t.toLowerCase().matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]));
}

/** A principal that is a managed identity of the template itself (not the Entra application the copy writes as). */
const ownIdentity = (principal: string) => /reference\(/i.test(principal);

export default defineRule({
  id: 'm365-copy-destination-role',
  description: 'When the template creates the storage account a copy out of Microsoft 365 writes to, it must give a service principal other than its own managed identities (the Entra application the copy signs in as) a data role on that account: Storage Blob Data Contributor or Owner, on the account or its resource group. A destination the template does not create is not checked.',
  source: `The destination signs in only as a service principal (${CONNECTOR_PAGE}); "When using Azure Storage Blob as the sink, you must ensure that your application has Storage Blob Data Contributor access to the Azure Storage Blob location" (microsoft-graph-docs-contrib, concepts/data-connect-datasets.md); a managed application's customer cannot add a role inside its managed resource group, where the deny assignment leaves them reads only (lockLevel ReadOnly).`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      const template = file.json.value;
      const resources = collectResources(template);
      const accounts = resources.filter((r) => r.fullType.toLowerCase() === 'microsoft.storage/storageaccounts');
      const assignments = resources.filter((r) => /^microsoft\.(authorization\/roleassignments|storage\/storageaccounts\/providers\/roleassignments)$/i.test(r.fullType));
      const seen = new Set<string>();
      for (const copy of microsoft365Copies(template)) {
        const service = copy.destinationService;
        if (!service || !DESTINATION_STORES.includes(textOf(propPath(service.node, 'properties.type')).toLowerCase())) continue;
        const account = accountOf(service, accounts);
        if (!account || seen.has(account.pointer)) continue;
        seen.add(account.pointer);
        const refs = accountRefs(textOf(prop(account.resource, 'name')));
        const given = assignments.some((a) => {
          const roles = roleGuids(textOf(propPath(a.resource, 'properties.roleDefinitionId')), template);
          if (!roles.some((r) => DATA_ROLES.includes(r))) return false;
          if (ownIdentity(textOf(propPath(a.resource, 'properties.principalId')))) return false;
          const scope = textOf(prop(a.resource, 'scope'));
          const where = `${scope} ${a.fullType.toLowerCase().startsWith('microsoft.storage') ? textOf(prop(a.resource, 'name')) : ''}`.toLowerCase();
          // No scope (or the resource group's) covers every account of the group; else the scope names this one.
          return (!scope && !a.fullType.toLowerCase().startsWith('microsoft.storage')) || /resourcegroup\(\)\.id/i.test(scope) || refs.some((r) => where.includes(r));
        });
        if (given) continue;
        ctx.report({
          file,
          pointer: account.pointer,
          message: `${copy.name} writes Microsoft 365 data to this storage account (${serviceName(service, file.json.value)}) as a service principal, but the template gives no service principal a data role on it; the copy's writes would be refused, and inside a managed resource group the customer cannot add the role.`,
          hint: 'Add a Microsoft.Authorization/roleAssignments on the account: Storage Blob Data Contributor (ba92f5b4-2d11-453d-a403-e96b0029c9fe) for the object ID of the Entra application\'s service principal, a parameter the install form asks for.',
        });
      }
    }
  },
});

/** The storage account resource a destination linked service's URL names, when the template creates it. */
function accountOf(service: Part, accounts: ResourceRef[]): ResourceRef | undefined {
  const tp = propPath(service.node, 'properties.typeProperties');
  const url = textOf(prop(tp, 'url')) || textOf(prop(tp, 'serviceEndpoint')) || textOf(prop(tp, 'dataLakeStoreUri')) || textOf(prop(tp, 'connectionString'));
  const refs = accountRefs(url);
  if (!refs.length) return undefined;
  return accounts.find((a) => {
    const name = textOf(prop(a.resource, 'name')).toLowerCase();
    return refs.some((r) => name.includes(r) || name === r);
  });
}
