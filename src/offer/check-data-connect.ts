// What an offer that copies Microsoft 365 data must get right about where and by whom, checked against the
// template set it builds with:
// - its allowed regions must be Azure regions Data Connect serves ("Ensure the Azure Integration Runtime region
//   used for copy activity as well as the destination is in the same region where the Microsoft 365 (Office 365)
//   tenant users' mailbox is located", connector-office-365.md; the regions it serves are Microsoft's
//   Office-region table, src/datasets/catalog.json);
// - with a Synapse set, someone must be able to make a Synapse Administrator, who publishes the copy pipeline
//   after installation (synapse-publishing.ts says why no one is one).

import type { Diagnostic } from '../diagnostics.js';
import { dataConnectRegions, loadCatalog, officeRegionOf } from '../datasets/catalog.js';
import { synapsePublishers, USER_ACCESS_ADMINISTRATOR } from './synapse-publishing.js';
import type { TemplateSet } from '../template-set/template-set.js';
import type { Management } from './model.js';
import { nearest } from '../util/nearest.js';
import { error, type Locator, type RawOffer } from './raw.js';

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
