// Reading definitions as they are in Azure. The SDK's GET declares 404 an expected answer (it returns an
// empty result instead of throwing), so "not there" is recognised by the absence of an id, and also by a
// 404 error for services that do throw.

import { requestOptions, type AzureContext, type managedAppsClient } from '../../azure/clients.js';
import type { DefinitionModel } from './desired.js';

type AppsClient = Awaited<ReturnType<typeof managedAppsClient>>;

export async function readDefinition(apps: AppsClient, ctx: AzureContext, resourceGroup: string, name: string): Promise<DefinitionModel | undefined> {
  try {
    const d = (await apps.applicationDefinitions.get(resourceGroup, name, requestOptions(ctx))) as unknown as DefinitionModel | undefined;
    return d && typeof d.id === 'string' ? d : undefined;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return undefined;
    throw e;
  }
}

export async function listDefinitions(apps: AppsClient, ctx: AzureContext, resourceGroup?: string): Promise<DefinitionModel[]> {
  const out: DefinitionModel[] = [];
  const pages = resourceGroup ? apps.applicationDefinitions.listByResourceGroup(resourceGroup, requestOptions(ctx)) : apps.applicationDefinitions.listBySubscription(requestOptions(ctx));
  for await (const d of pages) out.push(d as unknown as DefinitionModel);
  return out;
}

/** Resource group of a resource id (`/subscriptions/…/resourceGroups/<rg>/…`). */
export function resourceGroupOf(id: string | undefined): string | undefined {
  return id ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined;
}
