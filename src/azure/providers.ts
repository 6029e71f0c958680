// The resource providers of a subscription with their resource types and API versions (ARM's
// `GET /subscriptions/{id}/providers`), in the shape the provider cache stores.

import { requestOptions, resourcesClient, type AzureContext } from './clients.js';

export interface ProviderEntry {
  namespace: string;
  registrationState?: string;
  resourceTypes: { resourceType: string; locations: string[]; apiVersions: string[] }[];
}

export async function fetchProviders(ctx: AzureContext): Promise<ProviderEntry[]> {
  const client = await resourcesClient(ctx);
  const out: ProviderEntry[] = [];
  for await (const p of client.providers.list(requestOptions(ctx))) {
    if (!p.namespace) continue;
    out.push({
      namespace: p.namespace,
      ...(p.registrationState ? { registrationState: p.registrationState } : {}),
      resourceTypes: (p.resourceTypes ?? []).filter((t) => t.resourceType).map((t) => ({ resourceType: t.resourceType!, locations: t.locations ?? [], apiVersions: t.apiVersions ?? [] })),
    });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
