// Service-catalog definitions as they are in Azure: list, show and delete (with the packages offerkit
// uploaded for them). `definitions diff` is a publish dry run and lives in publish.ts.

import { managedAppsClient, requestOptions, type AzureContext } from '../../azure/clients.js';
import { TAG_OFFER, TAG_PLAN, TAG_PLAN_VERSION, TAG_SHA, TAG_VERSION, type DefinitionModel } from './desired.js';
import { listDefinitions, readDefinition, resourceGroupOf } from './live.js';
import { packageFolder, removeOtherPackages, type StorageDelivery } from './package-delivery.js';
import { step } from './publish.js';

export interface DefinitionSummary {
  name: string;
  resourceGroup?: string;
  id?: string;
  location: string;
  displayName?: string;
  lockLevel: string;
  isEnabled: boolean;
  offer?: string;
  plan?: string;
  planVersion?: string;
  packageSha256?: string;
  offerkitVersion?: string;
}

export function summarize(d: DefinitionModel & { name?: string }): DefinitionSummary {
  const tags = d.tags ?? {};
  const rg = resourceGroupOf(d.id);
  return {
    name: d.name ?? d.id?.split('/').pop() ?? '',
    ...(rg ? { resourceGroup: rg } : {}),
    ...(d.id ? { id: d.id } : {}),
    location: d.location,
    ...(d.displayName ? { displayName: d.displayName } : {}),
    lockLevel: d.lockLevel,
    isEnabled: d.isEnabled ?? true,
    ...(tags[TAG_OFFER] ? { offer: tags[TAG_OFFER] } : {}),
    ...(tags[TAG_PLAN] ? { plan: tags[TAG_PLAN] } : {}),
    ...(tags[TAG_PLAN_VERSION] ? { planVersion: tags[TAG_PLAN_VERSION] } : {}),
    ...(tags[TAG_SHA] ? { packageSha256: tags[TAG_SHA] } : {}),
    ...(tags[TAG_VERSION] ? { offerkitVersion: tags[TAG_VERSION] } : {}),
  };
}

export async function listServiceCatalogDefinitions(ctx: AzureContext, resourceGroup?: string): Promise<DefinitionSummary[]> {
  const apps = await managedAppsClient(ctx);
  const all = await step('listing definitions', undefined, () => listDefinitions(apps, ctx, resourceGroup));
  return all.map(summarize).sort((a, b) => (a.resourceGroup ?? '').localeCompare(b.resourceGroup ?? '') || a.name.localeCompare(b.name));
}

export async function showDefinition(ctx: AzureContext, resourceGroup: string, name: string): Promise<DefinitionModel | undefined> {
  const apps = await managedAppsClient(ctx);
  return step('reading the definition', undefined, () => readDefinition(apps, ctx, resourceGroup, name));
}

export interface DeleteOutcome {
  deleted: boolean;
  removedBlobs: string[];
}

/**
 * Deletes a definition, then (when a storage account is given) the packages offerkit uploaded for it:
 * in that order, so no definition is ever left pointing at a removed package.
 */
export async function deleteDefinition(ctx: AzureContext, resourceGroup: string, name: string, storage?: StorageDelivery): Promise<DeleteOutcome> {
  const apps = await managedAppsClient(ctx);
  const live = await step('reading the definition', undefined, () => readDefinition(apps, ctx, resourceGroup, name));
  if (live) await step('deleting the definition', undefined, () => apps.applicationDefinitions.delete(resourceGroup, name, requestOptions(ctx)));
  const removedBlobs = storage ? await step('removing its packages', undefined, () => removeOtherPackages(ctx, storage, packageFolder({ subscription: ctx.subscription, resourceGroup }, name), '')) : [];
  return { deleted: Boolean(live), removedBlobs };
}
