// Who can publish the copy pipeline of the Synapse workspace a managed application deploys, from the offer's
// management settings. The facts, in Microsoft's words:
// - Synapse pipelines, datasets, linked services and triggers are workspace artifacts, published through the
//   workspace's development endpoint under Synapse RBAC, not Azure resources ("Synapse RBAC is used to manage
//   who can: Publish code artifacts ..."; synapse-workspace-synapse-rbac.md, 3/07/2022).
// - "When a new workspace is created, the creator is automatically given the Synapse Administrator role at
//   workspace scope." In a managed application the creator is the deployment Azure runs for the application,
//   not a person of the customer or the publisher (inferred; Microsoft documents no way to choose it). The
//   workspace property cspWorkspaceAdminProperties.initialWorkspaceAdminObjectId is documented "for a CSP
//   subscription" only and is reported to do nothing otherwise (Azure/ResourceModules#2267), and no ARM resource
//   grants a Synapse RBAC role.
// - "users with permissions to manage Azure RBAC role assignments on the workspace can also manage Synapse RBAC
//   role assignments, allowing the addition of Synapse Administrator" (same page). Microsoft's CLI is reported to
//   refuse that to a non-administrator (Azure/azure-cli#25790, MicrosoftDocs/azure-docs#100560), so it is done
//   in Synapse Studio (Manage › Access control).
// - Inside a managed resource group the customer's access follows the lock level: ReadOnly leaves only reads
//   (no role assignments); CanNotDelete and None let an Owner or User Access Administrator of the subscription
//   assign roles. The publisher's authorizations are not limited by the lock.

import type { Management } from './model.js';

/**
 * Built-in Azure roles that may manage role assignments (Microsoft.Authorization/roleAssignments/write). A
 * publisher's authorization can be User Access Administrator; Owner is refused on a managed resource group
 * (offer-owner-authorization) but counted here, so the model stays true for any definition it is given.
 */
export const ROLE_ASSIGNERS: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};
export const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

export interface SynapsePublishers {
  /** The customer's subscription Owners or User Access Administrators can (the lock level allows role assignments). */
  customer: boolean;
  /** The publisher's authorizations that can, with the role that allows it. */
  publisher: { description: string; role: string }[];
}

const roleGuid = (id: string) => id.toLowerCase().split('/').pop() ?? '';

export function synapsePublishers(m: Management): SynapsePublishers {
  const publisher = m.managementPolicy === 'Unmanaged'
    ? []
    : m.authorizations.flatMap((a) => {
      const role = ROLE_ASSIGNERS[roleGuid(a.roleDefinitionId)];
      return role ? [{ description: a.description ?? `principal ${a.principalId}`, role }] : [];
    });
  return { customer: m.lockLevel !== 'ReadOnly', publisher };
}

/** Who makes a Synapse Administrator, in plain words; undefined when no one can. */
export function synapseAdministratorMakers(p: SynapsePublishers): string | undefined {
  const who: string[] = [];
  if (p.customer) who.push('an Owner or User Access Administrator of your subscription');
  for (const a of p.publisher) who.push(`the publisher (${a.description.replace(/\.$/, '')}, ${a.role} of the managed resource group)`);
  return who.length ? who.join(', or ') : undefined;
}
