// Where a service-catalog publish goes and how the package travels, from command-line flags, then the offer's
// publish.serviceCatalog section, then the environment. Missing or conflicting settings are usage errors that
// say which flag or offer key to set.

import { usageError } from '../../diagnostics.js';
import type { ServiceCatalogSettings } from '../../offer/model.js';
import type { StorageDelivery } from './package-delivery.js';

export type DeliveryChoice = ({ kind: 'storage' } & StorageDelivery) | { kind: 'url'; url: string } | { kind: 'inline' };

export interface ServiceCatalogFlags {
  subscription?: string;
  resourceGroup?: string;
  location?: string;
  storageAccount?: string;
  storageAccountKey?: string;
  packageUrl?: string;
  inline?: boolean;
  tenant?: string;
  cloud?: string;
  armEndpoint?: string;
}

export interface ServiceCatalogTarget {
  subscription: string;
  resourceGroup: string;
  location: string;
  delivery: DeliveryChoice;
  tenant?: string;
  cloud?: string;
  armEndpoint?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;

/** Subscription and resource group only (list, show, delete need no delivery or location). */
export function resolveScope(flags: ServiceCatalogFlags, offer: ServiceCatalogSettings = {}, env: NodeJS.ProcessEnv = process.env): { subscription: string; resourceGroup?: string } {
  const subscription = flags.subscription ?? offer.subscription ?? env.AZURE_SUBSCRIPTION_ID;
  if (!subscription) throw usageError('No subscription: pass --subscription <id>.', 'Or set publish.serviceCatalog.subscription in offer.yaml, or AZURE_SUBSCRIPTION_ID.');
  if (!GUID.test(subscription)) throw usageError(`--subscription must be a subscription id (a GUID), got ${JSON.stringify(subscription)}.`);
  const resourceGroup = flags.resourceGroup ?? offer.resourceGroup;
  if (resourceGroup !== undefined && (!RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.'))) {
    throw usageError(`--resource-group ${JSON.stringify(resourceGroup)} is not a valid resource group name (1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.').`);
  }
  return { subscription, ...(resourceGroup ? { resourceGroup } : {}) };
}

export function resolveTarget(flags: ServiceCatalogFlags, offer: ServiceCatalogSettings = {}, env: NodeJS.ProcessEnv = process.env): ServiceCatalogTarget {
  const scope = resolveScope(flags, offer, env);
  if (!scope.resourceGroup) throw usageError('No resource group: pass --resource-group <name>.', 'Or set publish.serviceCatalog.resourceGroup in offer.yaml.');
  const location = (flags.location ?? offer.location)?.replace(/\s+/g, '').toLowerCase();
  if (!location) throw usageError('No location: pass --location <region> (e.g. westeurope).', 'Or set publish.serviceCatalog.location in offer.yaml.');
  if (!/^[a-z][a-z0-9]+$/.test(location)) throw usageError(`--location ${JSON.stringify(location)} is not an Azure region name (e.g. westeurope).`);

  // A delivery flag replaces the offer's delivery setting entirely.
  const flagged = [flags.storageAccount && 'storage', flags.packageUrl && 'url', flags.inline && 'inline'].filter(Boolean);
  if (flagged.length > 1) throw usageError('Choose one of --storage-account, --package-url and --inline.');
  const source = flagged.length ? { storageAccount: flags.storageAccount, packageUrl: flags.packageUrl, inline: flags.inline } : { storageAccount: offer.storageAccount, packageUrl: offer.packageUrl, inline: offer.inline };
  let delivery: DeliveryChoice;
  if (source.storageAccount) {
    if (!STORAGE_ACCOUNT.test(source.storageAccount)) throw usageError(`Storage account name ${JSON.stringify(source.storageAccount)} is invalid (3-24 lower-case letters and digits).`);
    const key = flags.storageAccountKey ?? env.AZURE_STORAGE_KEY;
    delivery = { kind: 'storage', account: source.storageAccount, ...(key ? { accountKey: key } : {}) };
  } else if (source.packageUrl) {
    if (!/^https:\/\/\S+$/i.test(source.packageUrl)) throw usageError('--package-url must be an https URL.');
    delivery = { kind: 'url', url: source.packageUrl };
  } else if (source.inline) {
    delivery = { kind: 'inline' };
  } else {
    throw usageError('No package delivery: pass --storage-account <name>, --package-url <https url> or --inline.', 'Or set one of storageAccount, packageUrl, inline under publish.serviceCatalog in offer.yaml.');
  }
  const tenant = flags.tenant ?? offer.tenant;
  const cloud = flags.cloud ?? offer.cloud;
  const armEndpoint = flags.armEndpoint ?? offer.armEndpoint;
  return { subscription: scope.subscription, resourceGroup: scope.resourceGroup, location, delivery, ...(tenant ? { tenant } : {}), ...(cloud ? { cloud } : {}), ...(armEndpoint ? { armEndpoint } : {}) };
}
