// Credentials, loaded only by the commands that talk to Azure: DefaultAzureCredential (Azure CLI login,
// environment service principal, managed identity, workload identity), pointed at the cloud's authority. The
// requests for tokens retry as every other request of the run does (--max-retries, --retry-delay): identity's
// options are the SDK's common client options, retryOptions among them (TokenCredentialOptions extends
// CommonClientOptions in @azure/identity), so a user who asks for fewer or faster retries gets them at sign-in too.

import type { TokenCredential } from '@azure/identity';
import type { RetrySettings } from './clients.js';
import type { CloudConfig } from './clouds.js';
import { load } from './lazy-module.js';

export async function defaultCredential(cloud: CloudConfig, retry: RetrySettings, tenant?: string): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await load(import('@azure/identity'));
  return new DefaultAzureCredential({
    retryOptions: { maxRetries: retry.maxRetries, retryDelayInMs: retry.retryDelayMs, maxRetryDelayInMs: retry.maxRetryDelayMs },
    authorityHost: cloud.authorityHost,
    ...(tenant ? { tenantId: tenant } : {}),
    ...(cloud.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
  });
}

export type { TokenCredential };
