// What every command that talks to Azure needs from its flags: the cloud (endpoints, token scopes), a
// credential loaded only when first needed, and the retry settings handed to the SDK pipelines.

import type { RetrySettings } from '../azure/clients.js';
import { resolveCloud, type CloudConfig } from '../azure/clouds.js';
import type { TokenCredential } from '../azure/credential.js';
import { usageError } from '../diagnostics.js';
import { registerSecret } from '../util/redact.js';
import type { AzureArgs } from './azure-options.cjs';

export interface AzureSetup {
  cloud: CloudConfig;
  credential: () => Promise<TokenCredential>;
  retry: RetrySettings;
}

export async function azureSetup(argv: AzureArgs, overrides: { cloud?: string; armEndpoint?: string; tenant?: string; partnerCenterEndpoint?: string } = {}): Promise<AzureSetup> {
  for (const name of ['AZURE_CLIENT_SECRET', 'AZURE_STORAGE_KEY', 'AZURE_CLIENT_CERTIFICATE_PASSWORD']) registerSecret(process.env[name]);
  if (!Number.isInteger(argv.maxRetries) || argv.maxRetries < 0 || argv.maxRetries > 20) throw usageError('--max-retries must be a whole number from 0 to 20.');
  if (!(argv.timeout > 0) || argv.timeout > 3600) throw usageError('--timeout must be a number of seconds above 0 and at most 3600.');
  if (!Number.isInteger(argv.retryDelay) || argv.retryDelay < 0 || argv.retryDelay > 60000) throw usageError('--retry-delay must be a whole number of milliseconds from 0 to 60000.');
  const cloudName = argv.cloud ?? overrides.cloud;
  const armEndpoint = argv.armEndpoint ?? overrides.armEndpoint;
  const cloud = await resolveCloud({ ...(cloudName ? { cloud: cloudName } : {}), ...(argv.cloudConfig ? { cloudConfigFile: argv.cloudConfig } : {}), ...(armEndpoint ? { armEndpoint } : {}), ...(overrides.partnerCenterEndpoint ? { partnerCenterEndpoint: overrides.partnerCenterEndpoint } : {}) });
  const tenant = argv.tenant ?? overrides.tenant;
  let credential: Promise<TokenCredential> | undefined;
  const retry: RetrySettings = { maxRetries: argv.maxRetries, retryDelayMs: argv.retryDelay, maxRetryDelayMs: Math.max(argv.retryDelay * 40, 1000), timeoutMs: Math.round(argv.timeout * 1000) };
  return {
    cloud,
    credential: () => {
      credential ??= import('../azure/credential.js').then((m) => m.defaultCredential(cloud, retry, tenant));
      return credential;
    },
    retry,
  };
}
