// The offer's promises, read back from what was deployed, each saying what was actually read: for every policy
// the offer attaches, that it is assigned to the managed resource group (an assignment, not yet compliance), and
// its declared checks (policies/*.yaml) evaluated on the resources as ARM reports them — a property a storage
// account holds, the region every resource is in, the diagnostic settings found on a resource (extension
// resources, read where they live: a resource group's `resources` listing does not return them) — and the lock
// in force (its deny assignment). A read Azure refuses (403) proves nothing either way: that promise is
// "unverified", said as a warning naming what could not be read; the install's own result decides the exit code.

import type { Diagnostic } from '../diagnostics.js';
import type { AzureContext } from '../azure/clients.js';
import { describeAzureError, resourcesClient } from '../azure/clients.js';
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
  /** True only when what was read proves it. */
  kept: boolean;
  status: 'kept' | 'broken' | 'unverified';
  /** What was read: the policy's assignment, a property on the resource, its region, its diagnostic settings, the lock. */
  evidence: 'assignment' | 'property' | 'location' | 'diagnostic-settings' | 'lock';
  detail: string;
}

export const READ_REFUSED = 'deploy-readback-refused';

/** The API version the template uses for a resource type (the one ARM answers in for it), else a recent one. */
function apiVersionFor(template: unknown, type: string): string {
  const r = collectResources(template).find((x) => x.fullType.toLowerCase() === type.toLowerCase());
  const v = textOf(prop(r?.resource, 'apiVersion'));
  return /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v) ? v : '2023-05-01';
}

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;
const isRefused = (e: unknown) => statusOf(e) === 403 || statusOf(e) === 401;

/** GET of an ARM collection that has no typed client here, through the resources client's pipeline (sign-in, retries). */
async function armList(ctx: AzureContext, path: string): Promise<Record<string, unknown>[]> {
  const client = await resourcesClient(ctx);
  const { createPipelineRequest } = await load(import('@azure/core-rest-pipeline'));
  const out: Record<string, unknown>[] = [];
  let url: string | undefined = `${ctx.cloud.resourceManager.replace(/\/+$/, '')}${path}`;
  for (let page = 0; url && page < 50; page++) {
    const response = await client.sendRequest(createPipelineRequest({ url, method: 'GET' }));
    if (response.status !== 200) {
      const said = (JSON.parse(response.bodyAsText || '{}') as { error?: { code?: string; message?: string } }).error;
      throw Object.assign(new Error(said?.message ? `${said.code ?? `HTTP ${response.status}`}: ${said.message}` : `HTTP ${response.status} reading ${path.split('?')[0]}`), { statusCode: response.status, code: said?.code });
    }
    const body = JSON.parse(response.bodyAsText ?? '{}') as { value?: Record<string, unknown>[]; nextLink?: string };
    out.push(...(body.value ?? []));
    url = body.nextLink;
  }
  return out;
}

/** A read refused: the promise it would have proved stays unverified, and the warning says what could not be read. */
function refusal(what: string, e: unknown, covers: string): Diagnostic {
  return { code: READ_REFUSED, severity: 'warning', message: `Could not read ${what} (${describeAzureError(e)}), so ${covers} is not verified.`, hint: 'Read access to the managed resource group (Reader, for policy and deny assignments Microsoft.Authorization/*/read) lets offerkit check it; the install itself is not affected.' };
}

/** The resources of a group as ARM lists them (tracked resources; extension and child resources are not listed). */
export async function listResources(ctx: AzureContext, resourceGroup: string): Promise<{ resources: DeployedResource[]; diagnostics: Diagnostic[] }> {
  const client = await resourcesClient(ctx);
  const resources: DeployedResource[] = [];
  try {
    for await (const r of client.resources.listByResourceGroup(resourceGroup)) resources.push({ id: textOf(r.id ?? ''), type: textOf(r.type ?? ''), name: textOf(r.name ?? ''), ...(r.location ? { location: r.location } : {}) });
  } catch (e) {
    if (!isRefused(e)) throw e;
    return { resources, diagnostics: [refusal(`the resources of ${resourceGroup}`, e, 'what was deployed, and every promise checked on a resource,')] };
  }
  return { resources, diagnostics: [] };
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
  const refusedOnce = new Set<string>();
  const unverified = (policy: string, resource: string, evidence: PromiseCheck['evidence'], what: string, e: unknown) => {
    checks.push({ policy, resource, kept: false, status: 'unverified', evidence, detail: `could not be read (${statusOf(e) ?? 'refused'})` });
    if (!refusedOnce.has(what)) {
      refusedOnce.add(what);
      diagnostics.push(refusal(what, e, `policy "${policy}" on ${resource}`));
    }
  };
  const broken = (policy: string, resource: string, evidence: PromiseCheck['evidence'], detail: string, hint: string) => {
    checks.push({ policy, resource, kept: false, status: 'broken', evidence, detail });
    diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `Policy "${policy}" is not kept by what was deployed: ${resource} ${detail}.`, hint });
  };
  const kept = (policy: string, resource: string, evidence: PromiseCheck['evidence'], detail: string) => checks.push({ policy, resource, kept: true, status: 'kept', evidence, detail });
  for (const { policy, parameters } of offer.policies) {
    for (const check of policy.checks) {
      if (check.kind === 'property') {
        const expected = check.equalsParameter !== undefined ? parameters[check.equalsParameter] : check.equals;
        for (const r of resources.filter((x) => x.type.toLowerCase() === (check.resourceType ?? '').toLowerCase())) {
          const shown = `${r.type} ${r.name}`;
          let value: unknown;
          try {
            value = propPath(await properties(r), check.path ?? '');
          } catch (e) {
            if (!isRefused(e)) throw e;
            unverified(policy.id, shown, 'property', `${shown}`, e);
            continue;
          }
          if (policyEquals(value, expected)) kept(policy.id, shown, 'property', `${check.path} read from the resource: ${JSON.stringify(value)}`);
          else broken(policy.id, shown, 'property', `has ${check.path} = ${value === undefined ? 'nothing' : JSON.stringify(value)} (${check.message}; expected ${JSON.stringify(expected)})`, 'The template asks for it, but Azure holds something else: a default or another policy changed it. Check the resource in the portal.');
        }
      } else if (check.kind === 'locations') {
        const allowedRaw = parameters[check.allowedParameter ?? ''];
        const allowed = Array.isArray(allowedRaw) ? allowedRaw.map((a) => textOf(a).toLowerCase().replace(/\s+/g, '')) : [];
        for (const r of resources) {
          const loc = (r.location ?? '').toLowerCase().replace(/\s+/g, '');
          if (!loc || loc === 'global') continue;
          const shown = `${r.type} ${r.name}`;
          if (allowed.includes(loc)) kept(policy.id, shown, 'location', `region read from the resource: ${loc}`);
          else broken(policy.id, shown, 'location', `is in ${loc}; allowed: ${allowed.join(', ')}`, 'The resource was created outside the regions the offer promises.');
        }
      } else if (check.kind === 'diagnosticSettings') {
        const types = parameters[check.resourceTypesParameter ?? ''];
        for (const target of diagnosticTargets(resources, Array.isArray(types) ? types.map((t) => textOf(t)) : [])) {
          let settings: Record<string, unknown>[];
          try {
            settings = await armList(ctx, `${target.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`);
          } catch (e) {
            if (!isRefused(e)) throw e;
            unverified(policy.id, target.shown, 'diagnostic-settings', `the diagnostic settings of ${target.shown}`, e);
            continue;
          }
          const toWorkspace = settings.filter((s) => textOf(prop(s.properties, 'workspaceId')));
          if (toWorkspace.length) kept(policy.id, target.shown, 'diagnostic-settings', `diagnostic settings found on the resource: ${toWorkspace.map((s) => textOf(s.name)).join(', ')} (to a Log Analytics workspace)`);
          else broken(policy.id, target.shown, 'diagnostic-settings', settings.length ? 'has diagnostic settings, none to a Log Analytics workspace' : 'has no diagnostic settings', 'The template asks for them, but none were found on the resource.');
        }
      }
    }
  }
  return { checks, diagnostics };
}

/** The deployed resources a diagnostic-settings check covers; a blob service is its storage account's `default` one. */
function diagnosticTargets(resources: DeployedResource[], types: string[]): { id: string; shown: string }[] {
  const out: { id: string; shown: string }[] = [];
  for (const type of types.map((t) => t.toLowerCase())) {
    for (const r of resources) {
      if (r.type.toLowerCase() === type) out.push({ id: r.id, shown: `${r.type} ${r.name}` });
      else if (r.type.toLowerCase() === 'microsoft.storage/storageaccounts' && type === 'microsoft.storage/storageaccounts/blobservices') out.push({ id: `${r.id}/blobServices/default`, shown: `Microsoft.Storage/storageAccounts/blobServices ${r.name}/default` });
    }
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
 * assigned there (an assignment: whether resources comply is the checks' to say), and the lock level in force
 * (ARM keeps a managed application's lock as a deny assignment).
 */
export async function readBackGovernance(ctx: AzureContext, offer: Offer, managedResourceGroupId: string): Promise<{ checks: PromiseCheck[]; diagnostics: Diagnostic[] }> {
  const checks: PromiseCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  const group = managedResourceGroupId.split('/').pop() ?? '';
  const resource = `resource group ${group}`;
  try {
    const assignments = await armList(ctx, `${managedResourceGroupId}/providers/Microsoft.Authorization/policyAssignments?api-version=2022-06-01&$filter=atScope()`);
    const assigned = new Set(assignments.map((a) => textOf(prop(a.properties, 'policyDefinitionId')).toLowerCase()));
    for (const { policy } of offer.policies) {
      const isAssigned = assigned.has(policy.policyDefinitionId.toLowerCase());
      checks.push({ policy: policy.id, resource, kept: isAssigned, status: isAssigned ? 'kept' : 'broken', evidence: 'assignment', detail: isAssigned ? 'policy assigned to the managed resource group' : 'policy not assigned' });
      if (!isAssigned) diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `Policy "${policy.id}" (${policy.builtInDisplayName}) is not assigned to the managed resource group ${group}, though the definition lists it.`, hint: "Check the definition's policies (offerkit definitions show) and the policy assignments of the managed resource group." });
    }
  } catch (e) {
    if (!isRefused(e)) throw e;
    for (const { policy } of offer.policies) checks.push({ policy: policy.id, resource, kept: false, status: 'unverified', evidence: 'assignment', detail: 'policy assignments could not be read' });
    diagnostics.push(refusal(`the policy assignments of ${group}`, e, `that the offer's ${offer.policies.length} policies are assigned`));
  }
  const lock = offer.management.lockLevel;
  try {
    const d = denies(await armList(ctx, `${managedResourceGroupId}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01`));
    const held = d.writes ? 'ReadOnly' : d.deletes ? 'CanNotDelete' : 'None';
    const ok = held === lock;
    checks.push({ policy: 'lock', resource, kept: ok, status: ok ? 'kept' : 'broken', evidence: 'lock', detail: `deny assignment read: ${held === 'None' ? 'not locked' : `locked ${held}`}` });
    if (!ok) diagnostics.push({ code: 'deploy-promise-broken', severity: 'error', message: `The managed resource group ${group} is ${held === 'None' ? 'not locked' : `locked ${held}`}; the offer promises lock level ${lock}.` });
  } catch (e) {
    if (!isRefused(e)) throw e;
    checks.push({ policy: 'lock', resource, kept: false, status: 'unverified', evidence: 'lock', detail: 'deny assignments could not be read' });
    diagnostics.push(refusal(`the deny assignments of ${group}`, e, `the lock level (${lock})`));
  }
  return { checks, diagnostics };
}
