// Why an install failed, each failure once: the failed operations of the deployment (nested deployments
// followed down to the resource that failed, every deployment visited once — ARM lists a nested deployment in
// the resource group as well as under its parent), and the long-running operation's own error with its details
// (the provider's inner code, e.g. StorageAccountAlreadyTaken) for whatever the operations do not say — or all of
// it when the operations cannot be read.

import type { Diagnostic } from '../diagnostics.js';
import { deploymentsClient, type AzureContext } from '../azure/clients.js';
import { textOf } from '../util/text-of.js';
import { leafDiagnostic, leafErrors, leafKey, typeAndName, type ArmError, type LeafError, type Placement } from './arm-errors.js';

export const DEPLOYMENT_FAILED = 'deploy-failed';
const MAX_NESTING = 5;
/** Codes that only say "see the operations": with the operations read, they add nothing. */
const WRAPPERS = new Set(['deploymentfailed', 'resourcedeploymentfailure', 'appliancedeploymentfailed', 'invalidtemplatedeployment']);

interface Failure {
  leaf: LeafError;
  at?: { type: string; name: string };
}

/** The failed operations of a deployment, nested deployments followed. */
async function failedOperations(ctx: AzureContext, resourceGroup: string, deployment: string, visited: Set<string>, depth = 0): Promise<Failure[]> {
  const key = `${resourceGroup}/${deployment}`.toLowerCase();
  if (visited.has(key)) return [];
  visited.add(key);
  const client = await deploymentsClient(ctx);
  const out: Failure[] = [];
  for await (const op of client.deploymentOperations.list(resourceGroup, deployment)) {
    const p = op.properties;
    if (p?.provisioningState !== 'Failed') continue;
    const target = p.targetResource;
    const type = textOf(target?.resourceType ?? '');
    const name = textOf(target?.resourceName ?? '');
    if (type.toLowerCase() === 'microsoft.resources/deployments' && name && depth < MAX_NESTING) {
      const group = /\/resourceGroups\/([^/]+)\//i.exec(textOf(target?.id ?? ''))?.[1] ?? resourceGroup;
      // A nested deployment already followed (listed in the group too) was said there.
      if (visited.has(`${group}/${name}`.toLowerCase())) continue;
      const nested = await failedOperations(ctx, group, name, visited, depth + 1).catch(() => [] as Failure[]);
      if (nested.length) {
        out.push(...nested);
        continue;
      }
    }
    const status = p.statusMessage as { error?: ArmError } | ArmError | undefined;
    const error: ArmError = (status && 'error' in status ? status.error : (status as ArmError | undefined)) ?? { code: textOf(p.statusCode ?? 'Failed'), message: 'The operation failed.' };
    const at = type && name ? { type, name } : target?.id ? typeAndName(target.id) : undefined;
    for (const leaf of leafErrors(error, target?.id ?? undefined)) out.push({ leaf: { ...leaf, ...(p.statusCode && !leaf.statusCode ? { statusCode: textOf(p.statusCode) } : {}) }, ...(at ? { at } : {}) });
  }
  return out;
}

/**
 * Diagnostics for a failed deployment: its operations' failures (the named deployments, then any other failed
 * deployment of the group not yet visited, each once), and the long-running operation's error for what they do
 * not cover.
 */
export async function failureDiagnostics(ctx: AzureContext, resourceGroup: string, deployments: string[], lroError: ArmError | undefined, where: Placement, options: { otherFailedDeployments: boolean }): Promise<{ diagnostics: Diagnostic[]; operationsRead: boolean }> {
  const visited = new Set<string>();
  const failures: Failure[] = [];
  let operationsRead = true;
  try {
    // The named deployments first (a parent before the nested ones it made), then any other that failed.
    const names = [...deployments];
    const client = await deploymentsClient(ctx);
    // Only in a group the install made (a managed resource group): elsewhere an older failure is not this one.
    if (options.otherFailedDeployments) for await (const d of client.deployments.listByResourceGroup(resourceGroup)) if (d.properties?.provisioningState === 'Failed' && d.name && !names.some((n) => n.toLowerCase() === d.name!.toLowerCase())) names.push(d.name);
    for (const name of names) failures.push(...(await failedOperations(ctx, resourceGroup, name, visited)));
  } catch {
    operationsRead = false;
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const add = (f: Failure) => {
    const key = f.at ? `${f.leaf.code}|${f.at.name}`.toLowerCase() : leafKey(f.leaf);
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(leafDiagnostic(f.leaf, where, DEPLOYMENT_FAILED, f.at));
  };
  failures.forEach(add);
  // The operation's own error: what the operations said already is not said again (a detail without a target
  // is the same failure when an operation failed with its code).
  const codes = new Set(failures.map((f) => f.leaf.code.toLowerCase()));
  for (const leaf of lroError ? leafErrors(lroError) : []) {
    if (failures.length && WRAPPERS.has(leaf.code.toLowerCase())) continue;
    if (!leaf.target && codes.has(leaf.code.toLowerCase())) continue;
    if (leaf.target && failures.some((f) => f.leaf.code.toLowerCase() === leaf.code.toLowerCase())) continue;
    add({ leaf });
  }
  return { diagnostics, operationsRead };
}
