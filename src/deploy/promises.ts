// The offer's promises, read back from what was deployed: for every policy the offer attaches, its declared
// checks (policies/*.yaml) evaluated on the resources as ARM reports them after the install — a property a
// storage account must have (secure transfer, TLS 1.2, no public blob access, infrastructure encryption), the
// regions every resource must be in — not on the template that asked for them.

import type { Diagnostic } from '../diagnostics.js';
import type { AzureContext } from '../azure/clients.js';
import { resourcesClient } from '../azure/clients.js';
import { policyEquals } from '../arm/static-values.js';
import { collectResources, prop, propPath } from '../arm/template.js';
import type { Offer } from '../offer/model.js';
import { textOf } from '../util/text-of.js';
import { load } from '../azure/lazy-module.js';

export interface DeployedResource {
  id: string;
  type: string;
  name: string;
  location?: string;
}

export interface PromiseCheck {
  policy: string;
  resource: string;
  kept: boolean;
  detail: string;
}

/** The API version the template uses for a resource type (the one ARM answers in for it), else a recent one. */
function apiVersionFor(template: unknown, type: string): string {
  const r = collectResources(template).find((x) => x.fullType.toLowerCase() === type.toLowerCase());
  const v = textOf(prop(r?.resource, 'apiVersion'));
  return /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v) ? v : '2023-05-01';
}

export async function readBackPromises(ctx: AzureContext, offer: Offer, template: unknown, resources: DeployedResource[]): Promise<{ checks: PromiseCheck[]; diagnostics: Diagnostic[] }> {
  const checks: PromiseCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  const client = await resourcesClient(ctx);
  const read = new Map<string, Promise<Record<string, unknown>>>();
  const properties = (r: DeployedResource) => {
    let p = read.get(r.id);
    if (!p) {
      p = client.resources.getById(r.id, apiVersionFor(template, r.type)).then((g) => ({ properties: g.properties as unknown }));
      read.set(r.id, p);
    }
    return p;
  };
  const broken = (policy: string, resource: string, detail: string) => {
    checks.push({ policy, resource, kept: false, detail });
    diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `Policy "${policy}" is not kept by what was deployed: ${resource} ${detail}.`, hint: 'The template asks for it, but Azure holds something else: a default or another policy changed it. Check the resource in the portal.' });
  };
  for (const { policy, parameters } of offer.policies) {
    for (const check of policy.checks) {
      if (check.kind === 'property') {
        const expected = check.equalsParameter !== undefined ? parameters[check.equalsParameter] : check.equals;
        for (const r of resources.filter((x) => x.type.toLowerCase() === (check.resourceType ?? '').toLowerCase())) {
          const value = propPath(await properties(r), check.path ?? '');
          const shown = `${r.type} ${r.name}`;
          if (policyEquals(value, expected)) checks.push({ policy: policy.id, resource: shown, kept: true, detail: `${check.path} is ${JSON.stringify(value)}` });
          else broken(policy.id, shown, `has ${check.path} = ${value === undefined ? 'nothing' : JSON.stringify(value)} (${check.message}; expected ${JSON.stringify(expected)})`);
        }
      } else if (check.kind === 'locations') {
        const allowedRaw = parameters[check.allowedParameter ?? ''];
        const allowed = Array.isArray(allowedRaw) ? allowedRaw.map((a) => textOf(a).toLowerCase().replace(/\s+/g, '')) : [];
        for (const r of resources) {
          const loc = (r.location ?? '').toLowerCase().replace(/\s+/g, '');
          if (!loc || loc === 'global') continue;
          const shown = `${r.type} ${r.name}`;
          if (allowed.includes(loc)) checks.push({ policy: policy.id, resource: shown, kept: true, detail: `in ${loc}` });
          else broken(policy.id, shown, `is in ${loc}; allowed: ${allowed.join(', ')}`);
        }
      }
    }
  }
  return { checks, diagnostics };
}

/** GET of an ARM collection that has no typed client here, through the resources client's pipeline (sign-in, retries). */
async function armList(ctx: AzureContext, path: string): Promise<Record<string, unknown>[]> {
  const client = await resourcesClient(ctx);
  const { createPipelineRequest } = await load(import('@azure/core-rest-pipeline'));
  const out: Record<string, unknown>[] = [];
  let url: string | undefined = `${ctx.cloud.resourceManager.replace(/\/+$/, '')}${path}`;
  for (let page = 0; url && page < 50; page++) {
    const response = await client.sendRequest(createPipelineRequest({ url, method: 'GET' }));
    if (response.status !== 200) throw Object.assign(new Error(`HTTP ${response.status} reading ${path.split('?')[0]}`), { statusCode: response.status });
    const body = JSON.parse(response.bodyAsText ?? '{}') as { value?: Record<string, unknown>[]; nextLink?: string };
    out.push(...(body.value ?? []));
    url = body.nextLink;
  }
  return out;
}

/** What a lock level denies, as the deny assignment of a managed resource group says it. */
function denies(assignments: Record<string, unknown>[]): { writes: boolean; deletes: boolean } {
  let writes = false;
  let deletes = false;
  for (const a of assignments) {
    for (const p of (prop(a.properties, 'permissions') as { actions?: string[]; notActions?: string[] }[] | undefined) ?? []) {
      const actions = (p.actions ?? []).map((x) => x.toLowerCase());
      if (actions.includes('*')) writes = deletes = true;
      if (actions.some((x) => x.endsWith('/delete'))) deletes = true;
    }
  }
  return { writes, deletes };
}

/**
 * The governance the definition promises, read back from the managed resource group: every attached policy
 * assigned there, and the lock level in force (ARM keeps a managed application's lock as a deny assignment).
 */
export async function readBackGovernance(ctx: AzureContext, offer: Offer, managedResourceGroupId: string): Promise<{ checks: PromiseCheck[]; diagnostics: Diagnostic[] }> {
  const checks: PromiseCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  const group = managedResourceGroupId.split('/').pop() ?? '';
  const assignments = await armList(ctx, `${managedResourceGroupId}/providers/Microsoft.Authorization/policyAssignments?api-version=2022-06-01&$filter=atScope()`);
  const assigned = new Set(assignments.map((a) => textOf(prop(a.properties, 'policyDefinitionId')).toLowerCase()));
  for (const { policy } of offer.policies) {
    const kept = assigned.has(policy.policyDefinitionId.toLowerCase());
    checks.push({ policy: policy.id, resource: `resource group ${group}`, kept, detail: kept ? 'is assigned' : 'is not assigned' });
    if (!kept) diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `Policy "${policy.id}" (${policy.builtInDisplayName}) is not assigned to the managed resource group ${group}, though the definition lists it.`, hint: 'Check the definition\'s policies (offerkit definitions show) and the policy assignments of the managed resource group.' });
  }
  const lock = offer.management.lockLevel;
  const d = denies(await armList(ctx, `${managedResourceGroupId}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01`));
  const held = d.writes ? 'ReadOnly' : d.deletes ? 'CanNotDelete' : 'None';
  const kept = held === lock;
  checks.push({ policy: 'lock', resource: `resource group ${group}`, kept, detail: `is ${held === 'None' ? 'not locked' : `locked ${held}`}` });
  if (!kept) diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `The managed resource group ${group} is ${held === 'None' ? 'not locked' : `locked ${held}`}; the offer promises lock level ${lock}.` });
  return { checks, diagnostics };
}
