// Azure clouds: the public cloud, the sovereign clouds, and custom ones (a JSON file, or just an ARM
// endpoint). Everything that talks to Azure takes its endpoints and token scopes from here.

import { readUserText } from '../fs/read-inside.js';
import { usageError } from '../diagnostics.js';

export interface CloudConfig {
  name: string;
  /** Azure Resource Manager endpoint, no trailing slash. */
  resourceManager: string;
  /** Token scope for ARM (derived from the endpoint unless given). */
  armScope: string;
  /** Microsoft Entra authority host. */
  authorityHost: string;
  /** Token scope for Azure Storage data-plane calls. */
  storageScope: string;
  /** Blob endpoint of a storage account: `{account}` is replaced. */
  blobEndpointTemplate: string;
  portal: string;
  /** Skip Entra instance discovery (custom authorities). */
  disableInstanceDiscovery: boolean;
  /** Partner Center's submission API (commercial marketplace), and the token scope it accepts. */
  partnerCenter: { endpoint: string; scope: string };
}

/** Partner Center's submission API v1 — the one that covers Azure Application offers. */
export const PARTNER_CENTER = { endpoint: 'https://api.partner.microsoft.com/v1.0/ingestion', scope: 'https://api.partner.microsoft.com/.default' };

export const CLOUDS: Record<'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud', CloudConfig> = {
  AzureCloud: cloud('AzureCloud', 'https://management.azure.com', 'https://login.microsoftonline.com', 'core.windows.net', 'https://portal.azure.com'),
  AzureUSGovernment: cloud('AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us', 'core.usgovcloudapi.net', 'https://portal.azure.us'),
  AzureChinaCloud: cloud('AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn', 'core.chinacloudapi.cn', 'https://portal.azure.cn'),
};

function cloud(name: string, resourceManager: string, authorityHost: string, storageSuffix: string, portal: string): CloudConfig {
  return {
    name,
    resourceManager,
    armScope: `${resourceManager}/.default`,
    authorityHost,
    storageScope: 'https://storage.azure.com/.default',
    blobEndpointTemplate: `https://{account}.blob.${storageSuffix}`,
    portal,
    disableInstanceDiscovery: false,
    partnerCenter: PARTNER_CENTER,
  };
}

const trim = (u: string) => u.replace(/\/+$/, '');

function httpsUrl(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^https:\/\/[^\s]+$/i.test(value)) throw usageError(`${what} must be an https URL (got ${JSON.stringify(value)}).`);
  return trim(value);
}

export interface CloudChoice {
  cloud?: string;
  cloudConfigFile?: string;
  armEndpoint?: string;
  /** --partner-center-endpoint: the submission API somewhere else (the token scope stays Partner Center's). */
  partnerCenterEndpoint?: string;
}

/** The cloud from --cloud, --cloud-config and --arm-endpoint (in increasing precedence). */
export async function resolveCloud(choice: CloudChoice): Promise<CloudConfig> {
  let c: CloudConfig = CLOUDS.AzureCloud;
  if (choice.cloud) {
    const known = CLOUDS[choice.cloud as keyof typeof CLOUDS];
    if (!known) throw usageError(`Unknown cloud "${choice.cloud}".`, `Use ${Object.keys(CLOUDS).join(', ')}, or --cloud-config <file> / --arm-endpoint <url> for another.`);
    c = known;
  }
  if (choice.cloudConfigFile) {
    let raw: Record<string, unknown>;
    const read = await readUserText(choice.cloudConfigFile, { maxBytes: 256 * 1024, what: 'Cloud configuration' });
    if (read.text === undefined) throw usageError(read.diagnostics.map((d) => d.message).join(' '));
    try {
      raw = JSON.parse(read.text) as Record<string, unknown>;
    } catch (e) {
      throw usageError(`Cannot read cloud configuration ${choice.cloudConfigFile}: ${(e as Error).message}`);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw usageError(`Cloud configuration ${choice.cloudConfigFile} must be a JSON object.`);
    const resourceManager = httpsUrl(raw.resourceManager ?? c.resourceManager, 'resourceManager');
    c = {
      name: typeof raw.name === 'string' ? raw.name : 'custom',
      resourceManager,
      armScope: typeof raw.armScope === 'string' ? raw.armScope : `${resourceManager}/.default`,
      authorityHost: httpsUrl(raw.authorityHost ?? c.authorityHost, 'authorityHost'),
      storageScope: typeof raw.storageScope === 'string' ? raw.storageScope : c.storageScope,
      blobEndpointTemplate: typeof raw.blobEndpointTemplate === 'string' ? raw.blobEndpointTemplate : typeof raw.storageEndpointSuffix === 'string' ? `https://{account}.blob.${raw.storageEndpointSuffix}` : c.blobEndpointTemplate,
      portal: typeof raw.portal === 'string' ? trim(raw.portal) : c.portal,
      disableInstanceDiscovery: raw.disableInstanceDiscovery === true || raw.authorityHost !== undefined,
      partnerCenter: partnerCenterFrom(raw.partnerCenter, c.partnerCenter),
    };
    if (!c.blobEndpointTemplate.includes('{account}')) throw usageError('blobEndpointTemplate must contain {account}.');
  }
  if (choice.partnerCenterEndpoint) c = { ...c, partnerCenter: { ...c.partnerCenter, endpoint: httpsUrl(choice.partnerCenterEndpoint, '--partner-center-endpoint') } };
  if (choice.armEndpoint) {
    const resourceManager = httpsUrl(choice.armEndpoint, '--arm-endpoint');
    c = { ...c, name: 'custom', resourceManager, armScope: `${resourceManager}/.default` };
  }
  return c;
}

/** A `partnerCenter` entry of a cloud file: `{ "endpoint": "https://…", "scope": "…/.default" }` (either may be left out). */
function partnerCenterFrom(raw: unknown, fallback: CloudConfig['partnerCenter']): CloudConfig['partnerCenter'] {
  if (raw === undefined) return fallback;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw usageError('partnerCenter in the cloud configuration must be an object with endpoint and scope.');
  const r = raw as Record<string, unknown>;
  const endpoint = r.endpoint === undefined ? fallback.endpoint : httpsUrl(r.endpoint, 'partnerCenter.endpoint');
  if (r.scope !== undefined && (typeof r.scope !== 'string' || !/^\S+\/\.default$/.test(r.scope))) throw usageError('partnerCenter.scope must be a token scope ending in /.default.');
  return { endpoint, scope: typeof r.scope === 'string' ? r.scope : fallback.scope };
}

export function blobEndpoint(cloudConfig: CloudConfig, account: string): string {
  return cloudConfig.blobEndpointTemplate.replace('{account}', account);
}

export function portalLink(cloudConfig: CloudConfig, resourceId: string): string {
  return `${cloudConfig.portal}/#@/resource${resourceId}`;
}
