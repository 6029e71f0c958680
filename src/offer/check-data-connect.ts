// What an offer that copies Microsoft 365 data must get right about where and by whom, checked against the
// template set it builds with:
// - its allowed regions must be Azure regions Data Connect serves ("Ensure the Azure Integration Runtime region
//   used for copy activity as well as the destination is in the same region where the Microsoft 365 (Office 365)
//   tenant users' mailbox is located", connector-office-365.md; the regions it serves are Microsoft's
//   Office-region table, src/datasets/catalog.json);
// - with a Synapse set, someone must be able to make a Synapse Administrator, who publishes the copy pipeline
//   after installation (synapse-publishing.ts says why no one is one);
// - with lockLevel ReadOnly, the deny assignment of the managed resource group must let the copy write to its
//   destination: a definition's lockingPolicy.allowedDataActions are "The deny assignment excluded data actions"
//   (Microsoft.Solutions applicationDefinitions), so the deny assignment covers data actions too, and data-plane
//   writes of principals inside a managed application are reported denied despite their roles
//   (MicrosoftDocs/azure-docs#85181). That the Entra application's writes are denied the same way is inferred:
//   Microsoft does not document it for Data Connect, hence a warning.

import type { Diagnostic } from '../diagnostics.js';
import { dataConnectRegions, loadCatalog, officeRegionOf } from '../datasets/catalog.js';
import { COPY_DATA_ACTIONS } from '../datasets/copy-needs.js';
import { synapsePublishers, USER_ACCESS_ADMINISTRATOR } from './synapse-publishing.js';
import type { TemplateSet } from '../template-set/template-set.js';
import type { Management } from './model.js';
import { nearest } from '../util/nearest.js';
import { error, warning, type Locator, type RawOffer } from './raw.js';

/** Whether an allowed data action (possibly ending in `*`) covers `action`, case-insensitively as Azure RBAC compares. */
const covers = (allowed: string, action: string) => {
  const a = allowed.toLowerCase();
  return a === action.toLowerCase() || (a.endsWith('*') && action.toLowerCase().startsWith(a.slice(0, -1)));
};

export function checkDataConnect(raw: RawOffer, set: TemplateSet | undefined, management: Management, at: Locator): Diagnostic[] {
  if (!raw.requiredData?.length) return [];
  const out: Diagnostic[] = [];
  const served = dataConnectRegions();
  (raw.regions?.allowed ?? []).forEach((region, i) => {
    if (officeRegionOf(region)) return;
    const near = nearest(region.toLowerCase(), served);
    out.push(error(
      at(`/regions/allowed/${i}`),
      'offer-region-not-served',
      `Microsoft Graph Data Connect does not serve ${region}: the copy's integration runtime and its destination must be in an Azure region of the Office region where the users' mailboxes are, and this one is in none.${near ? ` Did you mean ${near}?` : ''}`,
      `Regions Data Connect serves, by Office region (${loadCatalog().dataConnectRegions.source.split(' ')[0]}): ${loadCatalog().dataConnectRegions.officeRegions.map((r) => `${r.name}: ${r.azureRegions.map((a) => a.name).join(', ')}`).join('; ')}.`,
    ));
  });
  if (management.lockLevel === 'ReadOnly' && management.managementPolicy !== 'Unmanaged') {
    const allowed = management.lockingPolicy?.allowedDataActions ?? [];
    const missing = COPY_DATA_ACTIONS.filter((action) => !allowed.some((a) => covers(a, action)));
    if (missing.length) {
      out.push({
        ...warning(at(raw.management?.lockingPolicy ? '/management/lockingPolicy' : raw.management ? '/management' : '', { key: Boolean(raw.management) }), 'offer-lock-denies-copy', `With lockLevel ReadOnly${raw.management?.lockLevel ? '' : ' (the default)'} the managed resource group's deny assignment covers data actions that lockingPolicy.allowedDataActions does not exempt, so the Entra application's ${missing.map((m) => m.replace('Microsoft.Storage/storageAccounts/blobServices/containers/', '')).join(', ')} on the copy's destination would be denied despite its Storage Blob Data Contributor role (inferred from how deny assignments treat principals in a managed resource group; Microsoft documents no exception for Data Connect).`),
        hint: `Add to management.lockingPolicy.allowedDataActions: ${missing.join(', ')}. Only principals with a data role on the account (the Entra application) can use them: the customer cannot assign roles inside the managed resource group.`,
      });
    }
  }
  if (set?.afterInstall?.publishScript) {
    const p = synapsePublishers(management);
    if (!p.customer && p.publisher.length === 0) {
      out.push(error(
        at('/management', { key: true }),
        'offer-synapse-no-administrator',
        `Template set "${set.name}" deploys a Synapse workspace whose copy pipeline a Synapse Administrator publishes after installation (${set.afterInstall.publishScript}), but no one could make someone one: the lock level ${management.lockLevel} leaves the customer only reads in the managed resource group, and no authorization of the publisher may assign roles.`,
        `Add an authorization with the role User Access Administrator (${USER_ACCESS_ADMINISTRATOR}) for the team that makes the customer's administrators Synapse Administrators, or use lockLevel CanNotDelete so that the customer's subscription Owners can.`,
      ));
    }
  }
  return out;
}
