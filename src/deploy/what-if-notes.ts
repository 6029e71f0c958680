// What ARM's what-if cannot foresee for this install, said beside its changes, so a list of "Create" lines is
// not read as the whole of it. From Microsoft's what-if documentation and its issue tracker
// (Azure/arm-template-whatif): resources other resources make — "DeploymentScripts will create ACI + Storage"
// (#78) —, resources whose name or id needs reference() or list*() — what-if "doesn't know what to look for"
// (#83, #157, #159) —, and changes it marks Ignore (past its limits: 500 nested templates, 5 minutes) or
// Unsupported, with its reason. For a managed application, what the Solutions resource provider adds is not in
// the template at all: the application resource, the definition's policy assignments and its lock (a deny
// assignment on the managed resource group).

import { collectResources, prop } from '../arm/template.js';
import type { TemplateFile } from './arm-errors.js';
import type { ResourceName } from './resource-names.js';

export function notForeseen(o: { template: TemplateFile; names: ResourceName[]; managed: boolean; changes: { changeType: string; resourceId: string; unsupportedReason?: string }[]; definition?: 'same' | 'differs' | 'unread'; marketplace: boolean }): string[] {
  const out: string[] = [];
  if (o.marketplace) out.push('What the marketplace plan installs: what-if ran on the local build of the plan (a customer cannot read a published marketplace package).');
  if (o.definition === 'unread') out.push("What the definition installs: its package could not be read or compared, so what-if ran on the local build.");
  if (o.managed) out.push('The managed application itself, and what the Solutions resource provider adds to the managed resource group: the policy assignments of the definition and its lock (a deny assignment). They are not in the template.');
  const scripts = collectResources(o.template.source.value).filter((r) => r.fullType.toLowerCase() === 'microsoft.resources/deploymentscripts');
  if (scripts.length) {
    const own = scripts.every((s) => prop(prop(s.resource, 'properties'), 'storageAccountSettings') !== undefined);
    out.push(`The resources Azure makes to run ${scripts.length === 1 ? 'the deployment script' : `the ${scripts.length} deployment scripts`}: a container instance${own ? '' : ' and, for a script that brings none of its own, a storage account'} (Azure/arm-template-whatif#78).`);
  }
  const unnamed = o.names.filter((n) => !n.names);
  if (unnamed.length) out.push(`${unnamed.length} resource${unnamed.length === 1 ? '' : 's'} whose name needs a value known only at run time (reference(), list*()): ${unnamed.slice(0, 5).map((n) => n.type).join(', ')}${unnamed.length > 5 ? ', …' : ''}; what-if cannot identify ${unnamed.length === 1 ? 'it' : 'them'} (Azure/arm-template-whatif#83).`);
  for (const c of o.changes) {
    if (c.changeType === 'Unsupported') out.push(`${c.resourceId}: ${c.unsupportedReason ?? 'what-if cannot predict its changes'}.`);
    else if (c.changeType === 'Ignore') out.push(`${c.resourceId}: ignored by what-if (past its limits of 500 nested templates or 5 minutes, or outside the deployment's scope).`);
  }
  return out;
}
