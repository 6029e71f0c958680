// Credentials, loaded only by the commands that talk to Azure: DefaultAzureCredential (Azure CLI login,
// environment service principal, managed identity, workload identity), pointed at the cloud's authority.

import type { TokenCredential } from '@azure/identity';
import type { CloudConfig } from './clouds.js';
import { load } from './lazy-module.js';

export async function defaultCredential(cloud: CloudConfig, tenant?: string): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await load(import('@azure/identity'));
  return new DefaultAzureCredential({
    authorityHost: cloud.authorityHost,
    ...(tenant ? { tenantId: tenant } : {}),
    ...(cloud.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
  });
}

export type { TokenCredential };
