// Both linked services of a copy out of Microsoft 365 run on an Azure integration runtime outside any managed
// virtual network: not self-hosted, not in a Data Factory managed virtual network, not in a Synapse workspace's.

import { collectResources, isObject, prop, propPath } from '../../arm/template.js';
import { copyEngine } from '../../package-model/copy-engine.js';
import { microsoft365Copies, runtimeOf, serviceName, type Part } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

export default defineRule({
  id: 'm365-copy-integration-runtime',
  description: 'The Office 365 and destination linked services of a copy out of Microsoft 365 must run on an Azure integration runtime: not a self-hosted one, not one in a managed virtual network (a Data Factory runtime with managedVirtualNetwork, or any runtime of a Synapse workspace that has a managed virtual network).',
  source: `"Please use Azure integration runtime in both source and sink linked services. The self-hosted integration runtime and the managed virtual network integration runtime are not supported." (${CONNECTOR_PAGE}); "If your workspace has a Managed workspace Virtual Network, Data integration and Spark resources are deployed in it" (MicrosoftDocs/azure-docs, articles/synapse-analytics/security/synapse-workspace-managed-vnet.md); microsoft-graph-docs-contrib, concepts/data-connect-datasets.md: "Azure VNET IR: Not supported" for the copy activity.`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      const template = file.json.value;
      const copies = microsoft365Copies(template);
      if (!copies.length) continue;
      const seen = new Set<string>();
      for (const copy of copies) {
        for (const [service, role] of [[copy.sourceService, 'Office 365'], [copy.destinationService, 'destination']] as [Part | undefined, string][]) {
          if (!service || seen.has(service.pointer)) continue;
          seen.add(service.pointer);
          const runtime = runtimeOf(service, template);
          if (!runtime) continue;
          const type = textOf(propPath(runtime.node, 'properties.type'));
          const name = textOf(propPath(service.node, 'properties.connectVia.referenceName'));
          if (/^selfhosted$/i.test(type)) {
            ctx.report({ file, pointer: service.at('properties', 'connectVia'), message: `The ${role} linked service ${serviceName(service, file.json.value)} of ${copy.name} runs on the self-hosted integration runtime ${name}; a copy out of Microsoft 365 runs only on an Azure integration runtime.`, hint: 'Point connectVia at an Azure (Managed) integration runtime in the region of the mailboxes and the destination, or leave it out for the default Azure runtime.' });
          } else if (isObject(propPath(runtime.node, 'properties.managedVirtualNetwork')) && !seen.has(runtime.pointer)) {
            // One finding per runtime, however many of the copy's linked services run on it.
            seen.add(runtime.pointer);
            ctx.report({ file, pointer: runtime.at('properties', 'managedVirtualNetwork'), message: `The ${role} linked service ${serviceName(service, file.json.value)} of ${copy.name} runs on the integration runtime ${name}, which is in a managed virtual network; a copy out of Microsoft 365 does not run there.`, hint: 'Use an Azure integration runtime without managedVirtualNetwork for the Microsoft 365 copy.' });
          }
        }
      }
      // A Synapse workspace with a managed virtual network puts its Azure integration runtimes in it.
      const resources = collectResources(template);
      if (copyEngine(resources.map((r) => r.fullType)) !== 'synapse' || copies.every((c) => c.activity.pointer.startsWith('/resources/') && !c.activity.inText)) continue;
      for (const ws of resources.filter((r) => r.fullType.toLowerCase() === 'microsoft.synapse/workspaces')) {
        const vnet = propPath(ws.resource, 'properties.managedVirtualNetwork');
        const literal = typeof vnet === 'string' && /^default$/i.test(vnet);
        const computed = typeof vnet === 'string' && vnet.startsWith('[') && !vnet.startsWith('[[');
        if (!literal && !computed) continue;
        ctx.report({ file, pointer: `${ws.pointer}/properties/managedVirtualNetwork`, ...(computed ? { severity: 'warning' as const } : {}), message: computed ? `The Synapse workspace ${textOf(prop(ws.resource, 'name'))} has a managed virtual network when ${vnet} gives "default"; then the integration runtimes its pipelines run on are in it, and the Microsoft 365 copy (${copies.map((c) => c.name).join(', ')}) does not run there.` : `The Synapse workspace ${textOf(prop(ws.resource, 'name'))} has a managed virtual network, so the integration runtimes its pipelines run on are in it; the Microsoft 365 copy (${copies.map((c) => c.name).join(', ')}) does not run there.`, hint: 'Leave managedVirtualNetwork out of the workspace that runs the Microsoft 365 copy (or run the copy in a Data Factory without a managed virtual network).' });
      }
    }
  },
});
