// The options every command that talks to Azure shares (cloud, subscription, retries), in one place.

import type { Argv } from 'yargs';

export interface AzureArgs {
  subscription?: string;
  resourceGroup?: string;
  location?: string;
  tenant?: string;
  cloud?: string;
  cloudConfig?: string;
  armEndpoint?: string;
  maxRetries: number;
  retryDelay: number;
  timeout: number;
  json: boolean;
}

/** `scope: false` leaves out the service-catalog scope (subscription, resource group, location): Partner Center needs none. */
export function withAzureOptions<T>(y: Argv<T>, options: { scope?: boolean } = {}): Argv<T & AzureArgs> {
  const scoped =
    options.scope === false
      ? y
      : y
          .option('subscription', { type: 'string', describe: 'Subscription id (default: publish.serviceCatalog.subscription, then AZURE_SUBSCRIPTION_ID)' })
          .option('resource-group', { type: 'string', describe: 'Resource group of the definitions' })
          .option('location', { type: 'string', describe: 'Azure region for the resource group and definitions' });
  return scoped
    .option('tenant', { type: 'string', describe: 'Microsoft Entra tenant to sign in to' })
    .option('cloud', { choices: ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'], describe: 'Azure cloud' })
    .option('cloud-config', { type: 'string', describe: 'JSON file describing a custom cloud (resourceManager, authorityHost, blobEndpointTemplate, portal)' })
    .option('arm-endpoint', { type: 'string', describe: 'Azure Resource Manager endpoint (the token scope is derived from it)' })
    .option('max-retries', { type: 'number', default: 4, describe: 'Retries per request (throttling, 5xx, dropped connections)' })
    .option('retry-delay', { type: 'number', default: 800, describe: 'Base delay in milliseconds between retries (doubles each time; Retry-After wins)' })
    .option('timeout', { type: 'number', default: 120, describe: 'Seconds before one attempt of a request is abandoned' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }) as unknown as Argv<T & AzureArgs>;
}
