// Management settings and resources described in plain words for customers (README and preview).

import type { Management } from '../offer/model.js';
import { prop, propPath } from '../arm/template.js';
import type { DeployedResource, DeploymentModel } from '../package-model/deployed-resources.js';
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

/** What a resource is, in words any customer reads the same way, whatever the application does. */
const RESOURCE_WORDS: [RegExp, string][] = [
  [/^microsoft\.storage\/storageaccounts$/i, 'Storage account'],
  [/^microsoft\.storage\/storageaccounts\//i, 'Storage account settings (containers, services, policies)'],
  [/^microsoft\.datafactory\/factories$/i, 'Data Factory'],
  [/^microsoft\.datafactory\/factories\//i, 'Data Factory parts (connections, datasets, pipelines, triggers)'],
  [/^microsoft\.synapse\/workspaces$/i, 'Synapse workspace'],
  [/^microsoft\.synapse\/workspaces\/integrationruntimes$/i, 'Synapse integration runtime'],
  [/^microsoft\.synapse\/workspaces\/firewallrules$/i, 'Synapse workspace firewall rule'],
  [/^microsoft\.synapse\/workspaces\//i, 'Synapse workspace settings'],
  [/^microsoft\.operationalinsights\/workspaces$/i, 'Log Analytics workspace'],
  [/^microsoft\.operationsmanagement\/solutions$/i, 'Log Analytics solution'],
  [/^microsoft\.insights\/diagnosticsettings$/i, 'Diagnostic settings'],
  [/^microsoft\.insights\/components$/i, 'Application Insights'],
  [/^microsoft\.keyvault\/vaults$/i, 'Key Vault'],
  [/^microsoft\.keyvault\/vaults\/keys$/i, 'Key Vault key'],
  [/^microsoft\.keyvault\/vaults\/secrets$/i, 'Key Vault secret'],
  [/^microsoft\.managedidentity\/userassignedidentities$/i, 'Managed identity'],
  [/^microsoft\.authorization\/roleassignments$/i, 'Role assignment'],
  [/\/providers\/(microsoft\.authorization\/)?roleassignments$/i, 'Role assignment'],
  [/^microsoft\.resources\/deploymentscripts$/i, 'Deployment script (runs during installation)'],
  [/^microsoft\.resources\/resourcegroups$/i, 'Resource group'],
  [/^microsoft\.web\/serverfarms$/i, 'App Service plan'],
  [/^microsoft\.web\/sites$/i, 'App Service app (web or function app)'],
  [/^microsoft\.web\/sites\//i, 'App Service app settings'],
  [/^microsoft\.containerservice\/managedclusters$/i, 'Kubernetes cluster (AKS)'],
  [/^microsoft\.kubernetesconfiguration\/extensions$/i, 'Kubernetes cluster extension (an application installed in a cluster)'],
  [/^microsoft\.containerinstance\/containergroups$/i, 'Container group (Azure Container Instances)'],
  [/^microsoft\.containerregistry\/registries$/i, 'Container registry'],
  [/^microsoft\.compute\/virtualmachines$/i, 'Virtual machine'],
  [/^microsoft\.compute\/virtualmachines\/extensions$/i, 'Virtual machine extension'],
  [/^microsoft\.compute\/virtualmachinescalesets$/i, 'Virtual machine scale set'],
  [/^microsoft\.compute\/disks$/i, 'Managed disk'],
  [/^microsoft\.network\/virtualnetworks$/i, 'Virtual network'],
  [/^microsoft\.network\/virtualnetworks\/subnets$/i, 'Subnet'],
  [/^microsoft\.network\/publicipaddresses$/i, 'Public IP address'],
  [/^microsoft\.network\/networkinterfaces$/i, 'Network interface'],
  [/^microsoft\.network\/networksecuritygroups$/i, 'Network security group'],
  [/^microsoft\.network\/loadbalancers$/i, 'Load balancer'],
  [/^microsoft\.network\/applicationgateways$/i, 'Application gateway'],
  [/^microsoft\.sql\/servers$/i, 'Azure SQL server'],
  [/^microsoft\.sql\/servers\/databases$/i, 'Azure SQL database'],
  [/^microsoft\.dbforpostgresql\/flexibleservers$/i, 'Azure Database for PostgreSQL server'],
  [/^microsoft\.documentdb\/databaseaccounts$/i, 'Azure Cosmos DB account'],
  [/^microsoft\.cognitiveservices\/accounts$/i, 'Azure AI services account'],
  [/^microsoft\.servicebus\/namespaces$/i, 'Service Bus namespace'],
  [/^microsoft\.eventhub\/namespaces$/i, 'Event Hubs namespace'],
  [/^microsoft\.logic\/workflows$/i, 'Logic app'],
  [/^microsoft\.resources\/deployments$/i, 'Nested deployment'],
];

/** What the resources of a package that copies Microsoft 365 data are for, in the copy's words. */
const COPY_WORDS: [RegExp, string][] = [
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
  [/^microsoft\.resources\/deploymentscripts$/i, 'Deployment script that starts the schedule (removed after it succeeds)'],
];

/** Words for a resource whose role its type alone does not tell. */
const ROLE_WORDS = {
  workspaceStorage: 'Data Lake Storage account of the Synapse workspace (its own files, not the copied data)',
  scriptStorage: 'Storage account for the deployment script (its file share is removed when the script succeeds)',
  publishScript: 'Deployment script that publishes the copy pipeline and its schedule to the Synapse workspace (removed after it succeeds)',
} as const;

/** A resource type in words; `copiesData` gives the words of a package that copies Microsoft 365 data. */
export function resourceWords(type: string, copiesData = false): string {
  return (copiesData ? COPY_WORDS.find(([re]) => re.test(type))?.[1] : undefined) ?? RESOURCE_WORDS.find(([re]) => re.test(type))?.[1] ?? type;
}

/**
 * What a package deploys, in plain words with a count each: the resources of its templates (nested and linked
 * deployments included, the attribution deployment left out), each marked where it lands outside the managed
 * resource group, and a line per deployment whose template is not read. Role words (the storage that receives
 * the copied data…) only for a package that copies Microsoft 365 data: a storage account of any other
 * application is just a storage account. A storage account that is a Synapse workspace's own Data Lake or a
 * deployment script's, and the script that publishes a Synapse pipeline, are named for their role.
 */
export function deployedResourceWords(model: DeploymentModel, options: { copiesData: boolean }): Map<string, number> {
  const counts = new Map<string, number>();
  const resources = model.resources;
  const ofType = (t: string) => resources.filter((r) => r.type.toLowerCase() === t);
  const lakeIds = ofType('microsoft.synapse/workspaces').map((w) => textOf(propPath(w.resource, 'properties.defaultDataLakeStorage.resourceId')));
  const scriptStorage = ofType('microsoft.resources/deploymentscripts').map((r) => textOf(propPath(r.resource, 'properties.storageAccountSettings.storageAccountName')));
  const roleOf = (r: DeployedResource, type: string, name: string): string | undefined => {
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
  const add = (words: string) => counts.set(words, (counts.get(words) ?? 0) + 1);
  for (const r of resources) {
    const type = r.type.toLowerCase();
    let words = (options.copiesData ? roleOf(r, type, textOf(prop(r.resource, 'name'))) : undefined) ?? resourceWords(r.type, options.copiesData);
    // Where an access grant lands is what a customer asks first; the templates tell it.
    if (words === 'Role assignment' && !r.outside) words = 'Role assignment inside the managed resource group';
    add(r.outside ? `${words} — outside the managed resource group, ${r.outside}${r.deletedWithApplication ? ' (deleted with it)' : ''}` : words);
  }
  for (const u of model.unread) add(`Linked deployment ${u.name || '(unnamed)'}: what it creates is not known (${u.why})`);
  return counts;
}

/** What a package creates outside its managed resource group, in words, and whether deleting the application leaves it. */
export function outsideWords(model: DeploymentModel): { words: string; kept: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const r of model.resources) if (r.outside) seen.set(`${resourceWords(r.type)} ${r.outside}`, !r.deletedWithApplication);
  return [...seen].map(([words, kept]) => ({ words, kept }));
}
