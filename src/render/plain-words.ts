// Management settings and resources described in plain words for customers (README and preview).

import type { Management } from '../offer/model.js';
import { collectResources, prop, propPath } from '../arm/template.js';
import { textOf } from '../util/text-of.js';

export function lockLevelText(level: Management['lockLevel']): string {
  switch (level) {
    case 'ReadOnly':
      return 'You can see every resource of the application but cannot change or delete them; only the publisher can, within the access described here.';
    case 'CanNotDelete':
      return 'You can change the resources of the application but cannot delete them one by one; deleting the application removes them all.';
    default:
      return 'You have full control of the resources of the application.';
  }
}

export function publisherAccessText(m: Management): string[] {
  const lines: string[] = [];
  if (m.managementPolicy === 'Unmanaged' || m.authorizations.length === 0) {
    lines.push('The publisher has no standing access to the resources in your subscription.');
  } else {
    lines.push(`The publisher has ${m.authorizations.length === 1 ? 'one identity' : `${m.authorizations.length} identities`} with access to the application's managed resource group only (never to the rest of your subscription).`);
  }
  if (m.jitAccess.enabled) {
    lines.push(`Just-in-time access: the publisher must request access each time, for at most ${durationText(m.jitAccess.maximumDuration)}${m.jitAccess.approval === 'manual' ? ', and you approve every request' : ''}.`);
  }
  if (m.lockingPolicy && (m.lockingPolicy.allowedActions.length || m.lockingPolicy.allowedDataActions.length)) {
    lines.push(`You may still perform these actions despite the lock: ${[...m.lockingPolicy.allowedActions, ...m.lockingPolicy.allowedDataActions].join(', ')}.`);
  }
  if (m.notificationEndpoints.length) lines.push('The publisher is notified when the application is installed, changed or deleted.');
  return lines;
}

export function durationText(iso: string): string {
  const h = /^PT(\d+)H$/.exec(iso);
  return h ? `${h[1]} hour${h[1] === '1' ? '' : 's'}` : iso;
}

const RESOURCE_WORDS: [RegExp, string][] = [
  [/^microsoft\.storage\/storageaccounts$/i, 'Storage account that receives the copied data'],
  [/^microsoft\.storage\/storageaccounts\//i, 'Storage account settings (container, retention, blob service)'],
  [/^microsoft\.datafactory\/factories$/i, 'Data Factory that runs the copy, with its own managed identity'],
  [/^microsoft\.datafactory\/factories\//i, 'Data Factory pipeline parts (connections, datasets, pipeline, schedule)'],
  [/^microsoft\.synapse\/workspaces$/i, 'Synapse workspace that runs the copy pipeline, with its own managed identity'],
  [/^microsoft\.synapse\/workspaces\/integrationruntimes$/i, 'Integration runtime that runs the copy in the application\'s region'],
  [/^microsoft\.synapse\/workspaces\/firewallrules$/i, 'Synapse workspace firewall rule (Azure services, or the administrators\' network entered at installation)'],
  [/^microsoft\.synapse\/workspaces\//i, 'Synapse workspace settings'],
  [/^microsoft\.operationalinsights\/workspaces$/i, 'Log Analytics workspace that keeps the audit logs'],
  [/^microsoft\.insights\/diagnosticsettings$/i, 'Diagnostic settings that send logs to the workspace'],
  [/^microsoft\.keyvault\/vaults$/i, 'Key Vault holding the encryption key'],
  [/^microsoft\.keyvault\/vaults\/keys$/i, 'Encryption key'],
  [/^microsoft\.keyvault\/vaults\/secrets$/i, 'Client secret of the Entra application, in the Key Vault'],
  [/^microsoft\.managedidentity\/userassignedidentities$/i, 'Managed identity'],
  [/^microsoft\.authorization\/roleassignments$/i, 'Role assignment inside the managed resource group'],
  [/^microsoft\.resources\/deploymentscripts$/i, 'Deployment script that starts the schedule (removed after it succeeds)'],
  [/^microsoft\.resources\/deployments$/i, 'Nested deployment'],
];

/** Words for a resource whose role its type alone does not tell. */
const ROLE_WORDS = {
  workspaceStorage: 'Data Lake Storage account of the Synapse workspace (its own files, not the copied data)',
  scriptStorage: 'Storage account for the deployment script (its file share is removed when the script succeeds)',
  publishScript: 'Deployment script that publishes the copy pipeline and its schedule to the Synapse workspace (removed after it succeeds)',
} as const;

export function resourceWords(type: string): string {
  return RESOURCE_WORDS.find(([re]) => re.test(type))?.[1] ?? type;
}

/**
 * What a template deploys at its top level, in plain words with a count each (the customer-usage-attribution
 * deployment left out). A storage account that is a Synapse workspace's own Data Lake or a deployment script's,
 * and the script that publishes a Synapse pipeline, are named for their role.
 */
export function deployedResourceWords(template: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const resources = collectResources(template);
  const ofType = (t: string) => resources.filter((r) => r.fullType.toLowerCase() === t);
  const lakeIds = ofType('microsoft.synapse/workspaces').map((w) => textOf(propPath(w.resource, 'properties.defaultDataLakeStorage.resourceId')));
  const scriptStorage = ofType('microsoft.resources/deploymentscripts').map((r) => textOf(propPath(r.resource, 'properties.storageAccountSettings.storageAccountName')));
  const roleOf = (r: (typeof resources)[number], type: string, name: string): string | undefined => {
    if (type === 'microsoft.storage/storageaccounts' && name) {
      const inner = name.replace(/^\[|\]$/g, '');
      if (lakeIds.some((id) => id.includes(inner))) return ROLE_WORDS.workspaceStorage;
      if (scriptStorage.includes(name)) return ROLE_WORDS.scriptStorage;
    }
    if (type === 'microsoft.resources/deploymentscripts' && /\baz synapse\b/.test(textOf(propPath(r.resource, 'properties.scriptContent')))) return ROLE_WORDS.publishScript;
    // A vault is named for what the template keeps in it.
    if (type === 'microsoft.keyvault/vaults') {
      const held = [ofType('microsoft.keyvault/vaults/keys').length ? 'the encryption key' : '', ofType('microsoft.keyvault/vaults/secrets').length ? 'a client secret' : ''].filter(Boolean);
      return held.length ? `Key Vault holding ${held.join(' and ')}` : 'Key Vault';
    }
    return undefined;
  };
  for (const r of resources) {
    const name = textOf(prop(r.resource, 'name'));
    const type = r.fullType.toLowerCase();
    if (type === 'microsoft.resources/deployments' && name.startsWith('pid-')) continue;
    if (r.deploymentDepth > 0) continue;
    const words = roleOf(r, type, name) ?? resourceWords(r.fullType);
    counts.set(words, (counts.get(words) ?? 0) + 1);
  }
  return counts;
}
