// Template deployments (Microsoft.Resources/deployments) as ARM serves them to Microsoft's own clients
// (@azure/arm-resources 6 and the Deployments swagger it is generated from: paths, methods, statuses), at resource-group
// and subscription scope:
// - POST …/deployments/{name}/validate: 200 with the validated resources, or 400 with the error as ARM has been
//   seen to send it (fixtures/arm-errors: the failing resource named by its evaluated name in details[].target);
// - POST …/deployments/{name}/whatIf: 200 with one change per resource, `Unsupported` with a reason where a name
//   needs a value only known at run time;
// - PUT …/deployments/{name}: 201 and an Azure-AsyncOperation whose failure body is the posted one (each
//   provider error as JSON text in a detail's message, or — the switch — structured);
// - GET …/deployments/{name}/operations: one operation per resource, failed ones with the provider's error;
// - reads: a resource by id, a group's `resources` (tracked resources only: child and extension resources are not
//   listed, as ARM does not list them), extension resources (diagnostic settings, role assignments) at the
//   resource they extend, a managed resource group's policy and deny assignments; any read can be refused with
//   the posted 403 (deniedReads).
// Managed applications are in applications.ts; the expansion of a template in deployment-plan.ts.

import { randomUUID } from 'node:crypto';
import { armError, type ArmResponse } from './application-definitions.js';
import { armErrorBody, armErrorResponse, providerErrorDetail } from './arm-error-fixtures.js';
import { planDeployment, planSubscriptionDeployment, type PlannedResource } from './deployment-plan.js';

export interface InjectedFailure {
  /** Resource type the failure hits (case-insensitive), e.g. Microsoft.Storage/storageAccounts. */
  resourceType: string;
  /** Only the resource of this name (default: every resource of the type). */
  name?: string;
  /** validate: ARM's preflight refuses (policy, a provider's preflight check); deploy: the resource's operation fails. */
  phase: 'validate' | 'deploy';
  code: string;
  message: string;
  /** The HTTP status a failed operation reports (default Conflict). */
  statusCode?: string;
}

export type DeployedResource = PlannedResource;

export interface Deployment {
  id: string;
  name: string;
  resourceGroup: string;
  state: 'Running' | 'Succeeded' | 'Failed';
  operations: Record<string, unknown>[];
  outputs: Record<string, { type: string; value: unknown }>;
  /** The provider errors of its failed operations (nested deployments' included), for the failure body. */
  failures: { statusCode: string; error: { code: string; message: string; target?: string } }[];
  timestamp: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (s: string) => s.toLowerCase();

export interface DeploymentsHost {
  base: string;
  tenant: string;
  subscriptionGroups(sub: string): Map<string, { name: string; location: string }>;
}

const EXTENSION_TYPES = /^(microsoft\.authorization\/|microsoft\.insights\/diagnosticsettings$)/i;
const DEPLOYMENT_FAILED = 'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.';

export class DeploymentsEmulator {
  readonly failures: InjectedFailure[] = [];
  /** Properties Azure holds other than the template asked (a default, another policy's modify effect). */
  readonly propertyOverrides: { resourceType: string; properties: Record<string, unknown> }[] = [];
  /** Policy and deny assignments by resource group key (sub/rg lower-case), as ARM keeps them for a managed application. */
  readonly governance = new Map<string, { policyAssignments: JsonObject[]; denyAssignments: JsonObject[] }>();
  /** Reads answered 403 AuthorizationFailed, by resource type (lower-case), e.g. microsoft.authorization/denyassignments. */
  readonly deniedReads = new Set<string>();
  /** How a failure body carries each provider error: as JSON text in a message (as posted) or structured. */
  errorShape: 'json-in-message' | 'structured' = 'json-in-message';
  /**
   * Polls a long-running operation answers "InProgress" before it finishes: none unless a test asks. The SDK's
   * poller waits 2 s after each: it ignores Retry-After: 0 (@azure/core-lro 2.7.2, poller/operation.js, sets a
   * polling interval only when it is truthy) and keeps its 2 s default. So an "InProgress" on every install made
   * each deploy test wait 2 s; the tests of an install under way set it (deploy.test.ts).
   */
  pollsBeforeDone = 0;
  readonly deployments = new Map<string, Deployment>();
  /** Tracked and child resources by resource group key (sub/rg lower-case). */
  readonly resources = new Map<string, DeployedResource[]>();
  /** Extension resources by the id (lower-case) of what they extend. */
  readonly extensions = new Map<string, DeployedResource[]>();
  private readonly statuses = new Map<string, { polls: number; finish: () => { status: string; error?: unknown } }>();

  constructor(private readonly host: DeploymentsHost) {}

  /** Routes under /subscriptions/{sub}/resourcegroups/{rg}/…; seg: the path after the group, original case. */
  route(method: string, sub: string, rg: string, seg: string[], raw: Buffer): ArmResponse | undefined {
    const s = seg.map(lower);
    if (s[0] !== 'providers') return undefined;
    if (s[1] === 'microsoft.resources' && s[2] === 'deployments') {
      if (s.length === 3 && method === 'GET' && this.deniedReads.has('microsoft.resources/deployments')) return this.denied('Microsoft.Resources/deployments/read', `/subscriptions/${sub}/resourceGroups/${rg}`);
      if (s.length === 3 && method === 'GET') return { status: 200, body: { value: [...this.deployments.values()].filter((d) => d.resourceGroup.toLowerCase() === lower(rg) && d.id.startsWith(`/subscriptions/${sub}/`)).map((d) => this.deploymentBody(d)) } };
      if (seg[3]) return this.deploymentRoute(method, sub, rg, seg[3], s[4], raw);
    }
    if (method !== 'GET') return undefined;
    const rgId = `/subscriptions/${sub}/resourceGroups/${rg}`;
    // An extension listing: {scope}/providers/{namespace}/{type} after a resource (or the group itself).
    const second = s.findIndex((x, i) => i > 0 && x === 'providers');
    const extensionAt = second > 0 ? second : 0;
    const extension = s.slice(extensionAt);
    if ((extension.length === 3 || extension.length === 4) && (second > 0 || EXTENSION_TYPES.test(`${extension[1]}/${extension[2]}`))) {
      const scope = extensionAt ? `${rgId}/${seg.slice(0, extensionAt).join('/')}` : rgId;
      const type = `${extension[1]}/${extension[2]}`;
      if (this.deniedReads.has(type)) return this.denied(`${seg[extensionAt + 1]}/${seg[extensionAt + 2]}/read`, `${scope}/providers/${seg[extensionAt + 1]}`);
      if (!extensionAt && (type === 'microsoft.authorization/policyassignments' || type === 'microsoft.authorization/denyassignments')) {
        const g = this.governance.get(`${sub}/${lower(rg)}`);
        return { status: 200, body: { value: (type === 'microsoft.authorization/policyassignments' ? g?.policyAssignments : g?.denyAssignments) ?? [] } };
      }
      const here = (this.extensions.get(lower(scope)) ?? []).filter((x) => lower(x.type) === type);
      if (extension.length === 3) return { status: 200, body: { value: here.map((x) => this.resourceBody(x)) } };
      const one = here.find((x) => lower(x.name) === extension[3]);
      return one ? { status: 200, body: this.resourceBody(one) } : armError(404, 'ResourceNotFound', `The Resource '${seg.slice(extensionAt + 1).join('/')}' under resource group '${rg}' was not found.`);
    }
    // Any deployed resource, by its id.
    if (s.length >= 4 && s.length % 2 === 0) {
      const type = `${s[1]}/${s.filter((_, i) => i >= 2 && i % 2 === 0).join('/')}`;
      if (this.deniedReads.has(type)) return this.denied(`${seg[1]}/${seg.filter((_, i) => i >= 2 && i % 2 === 0).join('/')}/read`, `${rgId}/${seg.join('/')}`);
      const id = lower(`${rgId}/${seg.join('/')}`);
      const found = this.resourcesIn(sub, rg, true).find((r) => lower(r.id) === id);
      return found ? { status: 200, body: this.resourceBody(found) } : armError(404, 'ResourceNotFound', `The Resource '${seg.slice(1).join('/')}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    return undefined;
  }

  private denied(action: string, scope: string): ArmResponse {
    return armErrorResponse('authorization-failed', { client: this.host.tenant, action, scope });
  }

  private resourceBody(r: DeployedResource): JsonObject {
    return { id: r.id, name: r.name.split('/').pop(), type: r.type, ...(r.location ? { location: r.location } : {}), properties: r.properties };
  }

  /**
   * GET /subscriptions/{sub}/providers/Microsoft.Resources/asyncOperations/{id}. While the operation runs the answer
   * carries Retry-After, "the number of seconds to wait before checking the status of the asynchronous operation"
   * (learn.microsoft.com/azure/azure-resource-manager/management/async-operations); 0 here, as on the first answer.
   */
  status(id: string): ArmResponse {
    const s = this.statuses.get(id);
    if (!s) return armError(404, 'NotFound', `Operation '${id}' was not found.`);
    if (s.polls++ < this.pollsBeforeDone) return { status: 200, headers: { 'retry-after': '0' }, body: { status: 'InProgress' } };
    const done = s.finish();
    return { status: 200, body: { status: done.status, ...(done.error ? { error: done.error } : {}) } };
  }

  /** A group's resources as GET …/resources lists them (tracked ones), or every one readable by id. */
  resourcesIn(sub: string, rg: string, all = false): DeployedResource[] {
    const list = this.resources.get(`${sub}/${lower(rg)}`) ?? [];
    return all ? list : list.filter((r) => r.kind === 'tracked');
  }

  /** Extension resources at a scope (a resource's or a group's id). */
  extensionsAt(scope: string): DeployedResource[] {
    return this.extensions.get(lower(scope)) ?? [];
  }

  asyncOperation(sub: string, finish: () => { status: string; error?: unknown }): Record<string, string> {
    const id = randomUUID();
    let result: { status: string; error?: unknown } | undefined;
    this.statuses.set(id, { polls: 0, finish: () => (result ??= finish()) });
    return { 'azure-asyncoperation': `${this.host.base}/subscriptions/${sub}/providers/Microsoft.Resources/asyncOperations/${id}?api-version=2022-09-01`, 'retry-after': '0' };
  }

  parseBody(raw: Buffer): { body: JsonObject } | { refused: ArmResponse } {
    try {
      const body = JSON.parse(raw.toString('utf8')) as unknown;
      if (isObject(body)) return { body };
    } catch {
      /* below */
    }
    return { refused: armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.') };
  }

  private hits(r: { type: string; name: string }, phase: InjectedFailure['phase']): InjectedFailure | undefined {
    return this.failures.find((f) => f.phase === phase && lower(f.resourceType) === lower(r.type) && (!f.name || lower(f.name) === lower(r.name.split('/').pop()!)));
  }

  /** Every resource a request would create, nested deployments (in their own groups) expanded. */
  private expand(body: JsonObject, sub: string, rg: string, location: string, name: string, depth = 0): { resources: (DeployedResource & { group: string })[] } | ArmResponse {
    const plan = planDeployment(body, { subscription: sub, tenant: this.host.tenant, resourceGroup: rg, location, deploymentName: name });
    if ('status' in plan) return plan;
    const out: (DeployedResource & { group: string })[] = [];
    for (const r of plan.resources) {
      if (r.kind === 'deployment' && r.nested && depth < 5) {
        const group = r.nested.resourceGroup ?? rg;
        const inner = this.expand(r.nested.body, sub, group, this.host.subscriptionGroups(sub).get(lower(group))?.location ?? location, r.name, depth + 1);
        if ('status' in inner) return inner;
        out.push(...inner.resources);
      } else if (r.kind !== 'deployment') out.push({ ...r, group: rg });
    }
    return { resources: out };
  }

  /** ARM's preflight of a request's resources: the injected refusals in the posted shapes, by name. */
  preflight(resources: { type: string; name: string; id: string }[], sub: string, deployment: string): ArmResponse | undefined {
    const refused = resources.map((r) => ({ r, f: this.hits(r, 'validate') })).filter((x): x is { r: (typeof resources)[number]; f: InjectedFailure } => Boolean(x.f));
    if (!refused.length) return undefined;
    const details = refused.flatMap(({ r, f }) => {
      const values = { name: r.name.split('/').pop()!, subscription: sub, code: f.code, message: f.message, deployment, tracking: randomUUID() };
      const body = armErrorBody(f.code === 'RequestDisallowedByPolicy' ? 'policy-denied' : 'preflight-nested', values) as { error: { details: unknown[] } };
      return body.error.details;
    });
    const first = armErrorBody(refused[0].f.code === 'RequestDisallowedByPolicy' ? 'policy-denied' : 'preflight-nested', { name: '', subscription: sub, code: '', message: '', deployment, tracking: randomUUID() }) as { error: JsonObject };
    return { status: 400, body: { error: { ...first.error, details } } };
  }

  whatIfChanges(resources: (DeployedResource & { group: string })[], sub: string): JsonObject[] {
    return resources.map((r) => {
      const exists = this.resourcesIn(sub, r.group, true).some((x) => lower(x.id) === lower(r.id)) || this.extensionsAt(r.scope ?? '').some((x) => lower(x.id) === lower(r.id));
      // Inferred wording (what-if's answer for a resource whose id needs a run-time value).
      if (r.unforeseen) return { resourceId: r.id, changeType: 'Unsupported', unsupportedReason: `Changes to the resource '${r.type}' could not be predicted because its resource ID cannot be calculated until the deployment is under way.` };
      return { resourceId: r.id, changeType: exists ? 'NoChange' : 'Create', after: { name: r.name, type: r.type, ...(r.location ? { location: r.location } : {}) } };
    });
  }

  private deploymentRoute(method: string, sub: string, rgName: string, name: string, action: string | undefined, raw: Buffer): ArmResponse {
    const group = this.host.subscriptionGroups(sub).get(lower(rgName));
    if (!group) return armError(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    const key = `${sub}/${lower(group.name)}/${name}`;
    const id = `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Resources/deployments/${name}`;
    if (action === 'operations' && method === 'GET') {
      if (this.deniedReads.has('microsoft.resources/deployments')) return this.denied('Microsoft.Resources/deployments/operations/read', id);
      const d = this.deployments.get(key);
      return d ? { status: 200, body: { value: d.operations } } : armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
    }
    if (action === 'validate' || action === 'whatif') {
      if (method !== 'POST') return armError(405, 'MethodNotAllowed', `Use POST for ${action}.`);
      const read = this.parseBody(raw);
      if ('refused' in read) return read.refused;
      const expanded = this.expand(read.body, sub, group.name, group.location, name);
      if ('status' in expanded) return expanded;
      if (action === 'whatif') return { status: 200, body: { status: 'Succeeded', properties: { changes: this.whatIfChanges(expanded.resources, sub) } } };
      return this.preflight(expanded.resources, sub, name) ?? { status: 200, body: { id, name, properties: { provisioningState: 'Succeeded', mode: 'Incremental', validatedResources: expanded.resources.map((r) => ({ id: r.id })) } } };
    }
    if (action !== undefined) return armError(404, 'NotFound', `No route for ${method} ${action}.`);
    if (method === 'GET') {
      const d = this.deployments.get(key);
      return d ? { status: 200, body: this.deploymentBody(d) } : armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
    }
    if (method !== 'PUT') return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    const read = this.parseBody(raw);
    if ('refused' in read) return read.refused;
    const d = this.deploy(read.body, sub, group.name, group.location, name);
    if ('status' in d) return d;
    return { status: 201, body: this.deploymentBody({ ...d, state: 'Running' }), headers: this.asyncOperation(sub, () => ({ status: d.state, ...(d.state === 'Failed' ? { error: this.failureBody(d).error } : {}) })) };
  }

  /** POST /subscriptions/{sub}/providers/Microsoft.Resources/deployments/{name}/validate|whatIf: resource groups and deployments into them. */
  subscriptionRoute(method: string, sub: string, name: string, action: string | undefined, raw: Buffer): ArmResponse {
    if (action !== 'validate' && action !== 'whatif') return armError(404, 'NotFound', `No route for ${method} ${action ?? name} at subscription scope.`);
    if (method !== 'POST') return armError(405, 'MethodNotAllowed', `Use POST for ${action}.`);
    const read = this.parseBody(raw);
    if ('refused' in read) return read.refused;
    if (typeof read.body.location !== 'string' || !read.body.location) return armError(400, 'LocationRequired', 'The location property is required for this definition.');
    const plan = planSubscriptionDeployment(read.body, { subscription: sub, tenant: this.host.tenant, location: read.body.location, deploymentName: name });
    if ('status' in plan) return plan;
    const existing = this.host.subscriptionGroups(sub);
    const resources: (DeployedResource & { group: string })[] = [];
    for (const n of plan.deployments) {
      const location = existing.get(lower(n.resourceGroup))?.location ?? plan.groups.find((g) => lower(g.name) === lower(n.resourceGroup))?.location;
      if (!location) return armError(404, 'ResourceGroupNotFound', `Resource group '${n.resourceGroup}' could not be found.`);
      const expanded = this.expand(n.body, sub, n.resourceGroup, location, n.name);
      if ('status' in expanded) return expanded;
      resources.push(...expanded.resources);
    }
    if (action === 'whatif') {
      const groups = plan.groups.map((g) => ({ resourceId: `/subscriptions/${sub}/resourceGroups/${g.name}`, changeType: existing.has(lower(g.name)) ? 'NoChange' : 'Create', after: { name: g.name, type: 'Microsoft.Resources/resourceGroups', location: g.location } }));
      return { status: 200, body: { status: 'Succeeded', properties: { changes: [...groups, ...this.whatIfChanges(resources, sub)] } } };
    }
    return this.preflight(resources, sub, name) ?? { status: 200, body: { id: `/subscriptions/${sub}/providers/Microsoft.Resources/deployments/${name}`, name, location: read.body.location, properties: { provisioningState: 'Succeeded', mode: 'Incremental', validatedResources: [...plan.groups.map((g) => ({ id: `/subscriptions/${sub}/resourceGroups/${g.name}` })), ...resources.map((r) => ({ id: r.id }))] } } };
  }

  /** The posted Azure-AsyncOperation body of a failed deployment. */
  failureBody(d: Deployment): { status: string; error: unknown } {
    return armErrorBody('deployment-failed', { details: this.failureDetails(d) }) as { status: string; error: unknown };
  }

  failureDetails(d: Deployment): unknown[] {
    return d.failures.map((f) => providerErrorDetail(f.statusCode, f.error, this.errorShape));
  }

  private deploymentBody(d: Deployment): JsonObject {
    const error = d.state === 'Failed' ? { code: 'DeploymentFailed', message: DEPLOYMENT_FAILED, details: this.failureDetails(d) } : undefined;
    return { id: d.id, name: d.name, type: 'Microsoft.Resources/deployments', properties: { provisioningState: d.state, timestamp: d.timestamp, mode: 'Incremental', outputs: d.outputs, ...(error ? { error } : {}) } };
  }

  /** Runs a deployment at once (its outcome is revealed when the operation is polled). */
  deploy(body: JsonObject, sub: string, rg: string, location: string, name: string, depth = 0): Deployment | ArmResponse {
    const plan = planDeployment(body, { subscription: sub, tenant: this.host.tenant, resourceGroup: rg, location, deploymentName: name });
    if ('status' in plan) return plan;
    const d: Deployment = { id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/${name}`, name, resourceGroup: rg, state: 'Succeeded', operations: [], outputs: {}, failures: [], timestamp: new Date().toISOString() };
    for (const r of plan.resources) {
      const failure = r.kind === 'deployment' ? undefined : this.hits(r, 'deploy');
      let error: { code: string; message: string; target?: string } | undefined;
      let statusCode = failure?.statusCode ?? 'Conflict';
      if (failure) error = failure.code === 'SkuNotAvailable' ? (armErrorBody('sku-not-available', { id: r.id, location: r.location ?? location, subscription: sub }) as { error: { code: string; message: string } }).error : { code: failure.code, message: failure.message };
      if (r.kind === 'deployment' && r.nested && depth < 5) {
        const group = r.nested.resourceGroup ?? rg;
        const nested = this.deploy(r.nested.body, sub, group, this.host.subscriptionGroups(sub).get(lower(group))?.location ?? location, r.name, depth + 1);
        if ('status' in nested) {
          error = { code: 'InvalidTemplate', message: String((nested.body as { error?: { message?: string } }).error?.message ?? 'The nested template is not valid.') };
          statusCode = 'BadRequest';
        } else if (nested.state === 'Failed') {
          error = { code: 'DeploymentFailed', message: DEPLOYMENT_FAILED };
          d.failures.push(...nested.failures);
        }
      }
      d.operations.push({
        id: `${d.id}/operations/${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
        operationId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
        properties: {
          provisioningOperation: 'Create',
          provisioningState: error ? 'Failed' : 'Succeeded',
          timestamp: new Date().toISOString(),
          duration: 'PT1S',
          trackingId: randomUUID(),
          statusCode: error ? statusCode : 'OK',
          ...(error ? { statusMessage: { status: 'Failed', error } } : {}),
          targetResource: { id: r.id, resourceType: r.type, resourceName: r.name },
        },
      });
      if (error) {
        d.state = 'Failed';
        if (r.kind !== 'deployment' || !r.nested) d.failures.push({ statusCode, error: { ...error, target: r.id } });
        continue;
      }
      if (r.kind === 'deployment') continue;
      const override = this.propertyOverrides.find((o) => lower(o.resourceType) === lower(r.type));
      const stored = override ? { ...r, properties: { ...r.properties, ...override.properties } } : r;
      if (stored.kind === 'extension') {
        const k = lower(stored.scope!);
        this.extensions.set(k, [...(this.extensions.get(k) ?? []).filter((x) => lower(x.id) !== lower(stored.id)), stored]);
      } else {
        const k = `${sub}/${lower(rg)}`;
        this.resources.set(k, [...(this.resources.get(k) ?? []).filter((x) => lower(x.id) !== lower(stored.id)), stored]);
      }
    }
    if (d.state === 'Succeeded') d.outputs = plan.outputs;
    this.deployments.set(`${sub}/${lower(rg)}/${name}`, d);
    return d;
  }

  /** Removes a group's resources and the extensions on them (the group was deleted). */
  forgetGroup(sub: string, rg: string): void {
    this.resources.delete(`${sub}/${lower(rg)}`);
    this.governance.delete(`${sub}/${lower(rg)}`);
    const prefix = lower(`/subscriptions/${sub}/resourceGroups/${rg}`);
    for (const k of [...this.extensions.keys()]) if (k === prefix || k.startsWith(`${prefix}/`)) this.extensions.delete(k);
    for (const k of [...this.deployments.keys()]) if (k.startsWith(`${sub}/${lower(rg)}/`)) this.deployments.delete(k);
  }
}
