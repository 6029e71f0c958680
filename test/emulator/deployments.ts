// Template deployments (Microsoft.Resources/deployments) and managed applications (Microsoft.Solutions/
// applications) as ARM serves them to Microsoft's own clients (@azure/arm-resourcesdeployments,
// @azure/arm-managedapplications: paths, methods and the statuses their operation specs accept):
// - POST …/deployments/{name}/validate: 200 with the validated resources, or 400 with the error (a parameter
//   without a value, a value the template does not allow, an injected policy denial or unavailable SKU);
// - POST …/deployments/{name}/whatIf: 200 with one change per resource the template would create;
// - PUT …/deployments/{name}: 201 and an Azure-AsyncOperation to poll; the resources are "deployed" into the
//   resource group (names evaluated where they are literals or parameters, `condition` and `copy` honoured
//   where they are static); an injected run-time failure fails its resource's operation;
// - GET …/deployments/{name}/operations: one operation per resource, failed ones with ARM's status message;
// - PUT …/applications/{name} (kind ServiceCatalog): 201 and an Azure-AsyncOperation; the managed resource
//   group is created and the definition's mainTemplate deployed into it with the application's parameters;
//   DELETE removes the application and its managed resource group.

import { randomUUID } from 'node:crypto';
import { armError, type ArmResponse, type StoredDefinition } from './application-definitions.js';
import { zipEntries } from './zip-entries.js';
import { refuseByResourceTypes } from './resource-types-preflight.js';

export interface InjectedFailure {
  /** Resource type the failure hits (case-insensitive), e.g. Microsoft.Storage/storageAccounts. */
  resourceType: string;
  /** validate: ARM's preflight refuses (policy, SKU, quota); deploy: the resource's operation fails. */
  phase: 'validate' | 'deploy';
  code: string;
  message: string;
}

export interface DeployedResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  properties: Record<string, unknown>;
}

interface Deployment {
  id: string;
  name: string;
  resourceGroup: string;
  state: 'Running' | 'Succeeded' | 'Failed';
  operations: Record<string, unknown>[];
  outputs: Record<string, { type: string; value: unknown }>;
  error?: Record<string, unknown>;
  timestamp: string;
}

interface Application {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  kind: string;
  properties: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The message of an ARM error response. */
function textOfError(r: ArmResponse): string {
  const e = (r.body as { error?: { message?: string } } | undefined)?.error;
  return typeof e?.message === 'string' ? e.message : 'The nested template is not valid.';
}

export interface DeploymentsHost {
  base: string;
  subscriptionGroups(sub: string): Map<string, { name: string; location: string }>;
  ensureGroup(sub: string, name: string, location: string, managedBy?: string): boolean;
  deleteGroup(sub: string, name: string): void;
  definitionById(id: string): StoredDefinition | undefined;
}

export class DeploymentsEmulator {
  readonly failures: InjectedFailure[] = [];
  /** Properties Azure holds other than the template asked (a default, another policy's modify effect). */
  readonly propertyOverrides: { resourceType: string; properties: Record<string, unknown> }[] = [];
  /** Leave out the definition's policy assignments on the managed resource group (a service that did not assign them). */
  skipPolicyAssignments = false;
  /** Policy and deny assignments by resource group key (sub/rg lower-case), as ARM keeps them for a managed application. */
  readonly governance = new Map<string, { policyAssignments: JsonObject[]; denyAssignments: JsonObject[] }>();
  /** Installs under way, by application: run at the latest when the application is read (ARM works on its own). */
  private readonly installs = new Map<string, () => { status: string; error?: unknown }>();
  /** Polls a long-running operation answers "InProgress" before it finishes. */
  pollsBeforeDone = 1;
  readonly deployments = new Map<string, Deployment>();
  readonly applications = new Map<string, Application>();
  readonly resources = new Map<string, DeployedResource[]>();
  private readonly statuses = new Map<string, { polls: number; finish: () => { status: string; error?: unknown } }>();

  constructor(private readonly host: DeploymentsHost) {}

  /** Routes under /subscriptions/{sub}/resourcegroups/{rg}/providers/…; undefined when not ours. */
  route(method: string, sub: string, rg: string, seg: string[], raw: Buffer, apiVersion: string): ArmResponse | undefined {
    // seg: lower-cased path segments after the resource group: providers, namespace, type, name, [action]
    if (seg[0] !== 'providers') return undefined;
    if (seg[1] === 'microsoft.resources' && seg[2] === 'deployments' && seg[3]) return this.deploymentRoute(method, sub, rg, seg[3], seg[4], raw);
    if (seg[1] === 'microsoft.resources' && seg[2] === 'deployments' && seg.length === 3 && method === 'GET') {
      const prefix = `${sub}/${rg.toLowerCase()}/`;
      return { status: 200, body: { value: [...this.deployments.entries()].filter(([k]) => k.startsWith(prefix)).map(([, d]) => this.deploymentBody(d)) } };
    }
    if (seg[1] === 'microsoft.solutions' && seg[2] === 'applications' && seg[3] && seg.length === 4) return this.applicationRoute(method, sub, rg, seg[3], raw, apiVersion);
    if (method === 'GET' && seg.length === 3 && seg[1] === 'microsoft.authorization' && (seg[2] === 'policyassignments' || seg[2] === 'denyassignments')) {
      const g = this.governance.get(`${sub}/${rg.toLowerCase()}`);
      return { status: 200, body: { value: (seg[2] === 'policyassignments' ? g?.policyAssignments : g?.denyAssignments) ?? [] } };
    }
    // Any deployed resource, by its id (GET only: what a client reads back).
    if (method === 'GET' && seg.length >= 4 && seg.length % 2 === 0) {
      const id = `/subscriptions/${sub}/resourcegroups/${rg}/${seg.join('/')}`.toLowerCase();
      const found = this.resourcesIn(sub, rg).find((r) => r.id.toLowerCase() === id);
      return found ? { status: 200, body: found } : armError(404, 'ResourceNotFound', `The Resource '${seg.slice(1).join('/')}' under resource group '${rg}' was not found.`);
    }
    return undefined;
  }

  /** GET /subscriptions/{sub}/providers/Microsoft.Resources/asyncOperations/{id}. */
  status(id: string): ArmResponse {
    const s = this.statuses.get(id);
    if (!s) return armError(404, 'NotFound', `Operation '${id}' was not found.`);
    if (s.polls++ < this.pollsBeforeDone) return { status: 200, body: { status: 'InProgress' } };
    const done = s.finish();
    return { status: 200, body: { status: done.status, ...(done.error ? { error: done.error } : {}) } };
  }

  resourcesIn(sub: string, rg: string): DeployedResource[] {
    return this.resources.get(`${sub}/${rg.toLowerCase()}`) ?? [];
  }

  private asyncOperation(sub: string, finish: () => { status: string; error?: unknown }): Record<string, string> {
    const id = randomUUID();
    let result: { status: string; error?: unknown } | undefined;
    this.statuses.set(id, { polls: 0, finish: () => (result ??= finish()) });
    return { 'azure-asyncoperation': `${this.host.base}/subscriptions/${sub}/providers/Microsoft.Resources/asyncOperations/${id}?api-version=2022-09-01`, 'retry-after': '0' };
  }

  private parseBody(raw: Buffer): { body: JsonObject } | { refused: ArmResponse } {
    try {
      const body = JSON.parse(raw.toString('utf8')) as unknown;
      if (isObject(body)) return { body };
    } catch {
      /* below */
    }
    return { refused: armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.') };
  }

  private deploymentRoute(method: string, sub: string, rgName: string, name: string, action: string | undefined, raw: Buffer): ArmResponse {
    const group = this.host.subscriptionGroups(sub).get(rgName.toLowerCase());
    if (!group) return armError(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    const key = `${sub}/${group.name.toLowerCase()}/${name}`;
    const id = `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Resources/deployments/${name}`;
    if (action === 'operations' && method === 'GET') {
      const d = this.deployments.get(key);
      if (!d) return armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
      return { status: 200, body: { value: d.operations } };
    }
    if (action === 'validate' || action === 'whatif') {
      if (method !== 'POST') return armError(405, 'MethodNotAllowed', `Use POST for ${action}.`);
      const read = this.parseBody(raw);
      if ('refused' in read) return read.refused;
      const plan = this.plan(read.body, sub, group.name, group.location);
      if ('status' in plan) return plan;
      if (action === 'validate') {
        const denied = this.failures.find((f) => f.phase === 'validate' && plan.resources.some((r) => r.type.toLowerCase() === f.resourceType.toLowerCase()));
        if (denied) {
          const target = plan.resources.find((r) => r.type.toLowerCase() === denied.resourceType.toLowerCase())!;
          return { status: 400, body: { error: { code: 'InvalidTemplateDeployment', message: `The template deployment '${name}' is not valid according to the validation procedure. See inner errors for details.`, details: [{ code: denied.code, target: target.id, message: denied.message }] } } };
        }
        return { status: 200, body: { id, name, properties: { provisioningState: 'Succeeded', mode: 'Incremental', validatedResources: plan.resources.map((r) => ({ id: r.id })) } } };
      }
      return { status: 200, body: { status: 'Succeeded', properties: { changes: plan.resources.map((r) => ({ resourceId: r.id, changeType: 'Create', after: { name: r.name, type: r.type, ...(r.location ? { location: r.location } : {}) } })) } } };
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
    return { status: 201, body: this.deploymentBody({ ...d, state: 'Running' }), headers: this.asyncOperation(sub, () => ({ status: d.state, ...(d.error ? { error: d.error } : {}) })) };
  }

  private deploymentBody(d: Deployment): JsonObject {
    return { id: d.id, name: d.name, type: 'Microsoft.Resources/deployments', properties: { provisioningState: d.state, timestamp: d.timestamp, mode: 'Incremental', outputs: d.outputs, ...(d.error ? { error: d.error } : {}) } };
  }

  /** Runs a deployment at once (its outcome is revealed when the operation is polled). */
  private deploy(body: JsonObject, sub: string, rg: string, location: string, name: string, depth = 0): Deployment | ArmResponse {
    const plan = this.plan(body, sub, rg, location);
    if ('status' in plan) return plan;
    const operations: JsonObject[] = [];
    const deployed: DeployedResource[] = [];
    const errors: JsonObject[] = [];
    for (const r of plan.resources) {
      const failure = this.failures.find((f) => f.phase === 'deploy' && f.resourceType.toLowerCase() === r.type.toLowerCase());
      let error: { code: string; message: string } | undefined = failure ? { code: failure.code, message: failure.message } : undefined;
      const isDeployment = r.type.toLowerCase() === 'microsoft.resources/deployments';
      // A nested deployment with its template inline runs as a deployment of its own in the same resource group
      // (its operations listed under its name); its operation fails when it does.
      if (isDeployment && !error && isObject(r.properties.template) && depth < 5) {
        const nested = this.deploy({ properties: { template: r.properties.template, parameters: isObject(r.properties.parameters) ? r.properties.parameters : {}, mode: 'Incremental' } }, sub, rg, location, r.name, depth + 1);
        if ('status' in nested) error = { code: 'InvalidTemplate', message: textOfError(nested) };
        else if (nested.state === 'Failed') error = { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.' };
      }
      operations.push({
        id: `${plan.deploymentId(name)}/operations/${randomUUID()}`,
        operationId: randomUUID(),
        properties: {
          provisioningOperation: 'Create',
          provisioningState: error ? 'Failed' : 'Succeeded',
          statusCode: error ? 'Conflict' : 'OK',
          ...(error ? { statusMessage: { status: 'Failed', error } } : {}),
          targetResource: { id: r.id, resourceName: r.name, resourceType: r.type },
        },
      });
      if (error) errors.push({ code: error.code, message: error.message, target: r.id });
      else if (!isDeployment) {
        const override = this.propertyOverrides.find((o) => o.resourceType.toLowerCase() === r.type.toLowerCase());
        deployed.push(override ? { ...r, properties: { ...r.properties, ...override.properties } } : r);
      }
    }
    const key = `${sub}/${rg.toLowerCase()}`;
    this.resources.set(key, [...(this.resources.get(key) ?? []).filter((x) => !deployed.some((d) => d.id === x.id)), ...deployed]);
    const failed = errors.length > 0;
    const d: Deployment = {
      id: plan.deploymentId(name),
      name,
      resourceGroup: rg,
      state: failed ? 'Failed' : 'Succeeded',
      operations,
      outputs: failed ? {} : plan.outputs,
      ...(failed ? { error: { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.', details: errors } } : {}),
      timestamp: new Date().toISOString(),
    };
    this.deployments.set(`${sub}/${rg.toLowerCase()}/${name}`, d);
    return d;
  }

  /**
   * What a deployment body would create: the template's top-level resources with their names evaluated where
   * they are literals, parameters or variables holding literals; `condition` and `copy` where they are static.
   * A parameter without a value or with a value the template does not allow is ARM's InvalidTemplate.
   */
  private plan(body: JsonObject, sub: string, rg: string, location: string): { resources: DeployedResource[]; outputs: Deployment['outputs']; deploymentId: (n: string) => string } | ArmResponse {
    const props = body.properties;
    if (!isObject(props) || !isObject(props.template)) return armError(400, 'InvalidRequestContent', "The request content was invalid: 'properties.template' is required.");
    const template = props.template;
    const given = isObject(props.parameters) ? props.parameters : {};
    const declared = isObject(template.parameters) ? template.parameters : {};
    const values: JsonObject = {};
    for (const [name, decl] of Object.entries(declared)) {
      const entry = Object.entries(given).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      const value = isObject(entry) && 'value' in entry ? entry.value : isObject(decl) ? decl.defaultValue : undefined;
      if (value === undefined) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The value for the template parameter '${name}' at line '1' and column '1' is not provided. Please see https://aka.ms/arm-create-parameter-file for usage details.'.`);
      const allowed = isObject(decl) && Array.isArray(decl.allowedValues) ? decl.allowedValues : undefined;
      if (allowed && !allowed.some((x) => JSON.stringify(x) === JSON.stringify(value))) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The provided value '${JSON.stringify(value)}' for the template parameter '${name}' is not valid. The parameter value is not part of the allowed value(s): '${allowed.join(',')}'.'.`);
      values[name.toLowerCase()] = value;
    }
    for (const name of Object.keys(given)) if (!Object.keys(declared).some((k) => k.toLowerCase() === name.toLowerCase())) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The template parameters '${name}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time.'.`);
    const refused = refuseByResourceTypes(template, values);
    if (refused) return refused;
    const variables = isObject(template.variables) ? template.variables : {};
    const evaluate = (v: unknown): unknown => {
      if (typeof v !== 'string' || !v.startsWith('[') || v.startsWith('[[')) return v;
      const p = /^\[parameters\('([^']+)'\)\]$/i.exec(v);
      if (p) return values[p[1].toLowerCase()];
      const q = /^\[variables\('([^']+)'\)\]$/i.exec(v);
      if (q) return evaluate(Object.entries(variables).find(([k]) => k.toLowerCase() === q[1].toLowerCase())?.[1]);
      const n = /^\[not\(parameters\('([^']+)'\)\)\]$/i.exec(v);
      if (n) return !values[n[1].toLowerCase()];
      if (/^\[resourceGroup\(\)\.location\]$/i.test(v)) return location;
      return undefined;
    };
    const resources: DeployedResource[] = [];
    const list = Array.isArray(template.resources) ? template.resources : isObject(template.resources) ? Object.values(template.resources) : [];
    list.forEach((r, i) => {
      if (!isObject(r) || typeof r.type !== 'string') return;
      if ('condition' in r) {
        const c = evaluate(r.condition);
        if (c === false) return;
      }
      const count = isObject(r.copy) ? Number(evaluate(r.copy.count)) : 1;
      const n = Number.isInteger(count) && count >= 0 && count <= 800 ? count : 1;
      for (let k = 0; k < n; k++) {
        const named = evaluate(r.name);
        const base = typeof named === 'string' && named ? named : `${r.type.split('/').pop()!.toLowerCase()}-${i}`;
        const name = isObject(r.copy) ? `${base}-${k}` : base;
        const loc = evaluate(r.location);
        // A resource has a location only where its template gives one (child and extension resources have none).
        const at = r.location === undefined ? undefined : typeof loc === 'string' ? loc : location;
        resources.push({ id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/${r.type}/${name}`, name, type: r.type, ...(at ? { location: at } : {}), properties: isObject(r.properties) ? r.properties : {} });
      }
    });
    const outputs: Deployment['outputs'] = {};
    if (isObject(template.outputs)) {
      for (const [name, o] of Object.entries(template.outputs)) {
        if (!isObject(o)) continue;
        const v = evaluate(o.value);
        outputs[name] = { type: typeof o.type === 'string' ? o.type : 'string', value: v === undefined ? `${name}-value` : v };
      }
    }
    return { resources, outputs, deploymentId: (n) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/${n}` };
  }

  private applicationRoute(method: string, sub: string, rgName: string, name: string, raw: Buffer, apiVersion: string): ArmResponse {
    const group = this.host.subscriptionGroups(sub).get(rgName.toLowerCase());
    if (!group) return armError(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    const key = `${sub}/${group.name.toLowerCase()}/${name}`;
    const existing = this.applications.get(key);
    const body = (a: Application) => ({ id: a.id, name: a.name, type: 'Microsoft.Solutions/applications', location: a.location, kind: a.kind, properties: a.properties });
    switch (method) {
      case 'GET':
        if (existing?.properties.provisioningState === 'Accepted') this.installs.get(key)?.();
        return existing ? { status: 200, body: body(existing) } : armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Solutions/applications/${name}' under resource group '${rgName}' was not found.`);
      case 'DELETE': {
        if (!existing) return { status: 204 };
        const mrg = (typeof existing.properties.managedResourceGroupId === 'string' ? existing.properties.managedResourceGroupId : '').split('/').pop() ?? '';
        const headers = this.asyncOperation(sub, () => {
          this.applications.delete(key);
          this.governance.delete(`${sub}/${mrg.toLowerCase()}`);
          this.host.deleteGroup(sub, mrg);
          this.resources.delete(`${sub}/${mrg.toLowerCase()}`);
          return { status: 'Succeeded' };
        });
        return { status: 202, headers: { ...headers, location: headers['azure-asyncoperation'] } };
      }
      case 'PUT': {
        if (apiVersion !== '2021-07-01' && apiVersion !== '2019-07-01') return armError(400, 'NoRegisteredProviderFound', `No registered resource provider found for API version '${apiVersion}' and type 'applications'.`);
        const read = this.parseBody(raw);
        if ('refused' in read) return read.refused;
        const parsed = read.body;
        const props = parsed.properties;
        if (typeof parsed.location !== 'string' || !parsed.location) return armError(400, 'LocationRequired', 'The location property is required for this definition.');
        if (parsed.kind !== 'ServiceCatalog' && parsed.kind !== 'MarketPlace') return armError(400, 'InvalidApplicationKind', `The application kind '${String(parsed.kind)}' is not supported; use ServiceCatalog or MarketPlace.`);
        if (!isObject(props) || typeof props.managedResourceGroupId !== 'string') return armError(400, 'InvalidRequestContent', "The application's managedResourceGroupId is required.");
        const mrgMatch = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(props.managedResourceGroupId);
        if (mrgMatch?.[1] !== sub) return armError(400, 'InvalidManagedResourceGroupId', `The managed resource group id '${props.managedResourceGroupId}' is not valid.`);
        if (mrgMatch[2].toLowerCase() === group.name.toLowerCase()) return armError(400, 'InvalidManagedResourceGroup', 'The managed resource group must differ from the application\'s resource group.');
        if (existing) return armError(409, 'ApplicationExists', `The application '${name}' already exists.`);
        const definition = typeof props.applicationDefinitionId === 'string' ? this.host.definitionById(props.applicationDefinitionId) : undefined;
        if (parsed.kind === 'ServiceCatalog' && !definition) return armError(404, 'ApplicationDefinitionNotFound', `The application definition '${String(props.applicationDefinitionId)}' could not be found.`);
        const main = definition?.packageBytes ? zipEntries(definition.packageBytes).get('mainTemplate.json')?.() : definition?.properties.mainTemplate !== undefined ? Buffer.from(JSON.stringify(definition.properties.mainTemplate)) : undefined;
        if (!main) return armError(400, 'InvalidApplicationDefinition', 'The application definition holds no mainTemplate.json.');
        if (!this.host.ensureGroup(sub, mrgMatch[2], parsed.location, `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Solutions/applications/${name}`)) return armError(409, 'ManagedResourceGroupExists', `The managed resource group '${mrgMatch[2]}' already exists. Choose another name.`);
        const app: Application = { id: `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Solutions/applications/${name}`, name, resourceGroup: group.name, location: parsed.location, kind: parsed.kind, properties: { ...props, provisioningState: 'Accepted' } };
        this.applications.set(key, app);
        const template = JSON.parse(main.toString('utf8').replace(/^\uFEFF/, '')) as JsonObject;
        let outcome: { status: string; error?: unknown } | undefined;
        const run = () => (outcome ??= install());
        this.installs.set(key, run);
        const headers = this.asyncOperation(sub, run);
        const install = (): { status: string; error?: unknown } => {
          this.installs.delete(key);
          // The Solutions RP assigns the definition's policies to the managed resource group and keeps its lock as a
          // deny assignment (ReadOnly: everything but reads; CanNotDelete: deletes), the publisher's principals excepted.
          const scope = `/subscriptions/${sub}/resourceGroups/${mrgMatch[2]}`;
          const lock = typeof definition?.properties.lockLevel === 'string' ? definition.properties.lockLevel : 'None';
          const policies = Array.isArray(definition?.properties.policies) ? (definition.properties.policies as JsonObject[]) : [];
          this.governance.set(`${sub}/${mrgMatch[2].toLowerCase()}`, {
            policyAssignments: this.skipPolicyAssignments ? [] : policies.map((p, i) => ({ id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${randomUUID()}`, name: `${name}-${i}`, properties: { displayName: p.name, policyDefinitionId: p.policyDefinitionId, scope } })),
            denyAssignments: lock === 'None' ? [] : [{ id: `${scope}/providers/Microsoft.Authorization/denyAssignments/${randomUUID()}`, properties: { denyAssignmentName: `System deny assignment created by managed application ${app.id}`, scope, isSystemProtected: true, permissions: [lock === 'ReadOnly' ? { actions: ['*'], notActions: ['*/read'], dataActions: [], notDataActions: [] } : { actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] }] } }],
          });
          const d = this.deploy({ properties: { template, parameters: isObject(props.parameters) ? props.parameters : {}, mode: 'Incremental' } }, sub, mrgMatch[2], parsed.location as string, name);
          if ('status' in d) {
            const error = (d.body as { error: unknown }).error;
            app.properties = { ...app.properties, provisioningState: 'Failed' };
            return { status: 'Failed', error };
          }
          app.properties = { ...app.properties, provisioningState: d.state, outputs: d.outputs };
          return d.state === 'Succeeded' ? { status: 'Succeeded' } : { status: 'Failed', error: d.error };
        };
        return { status: 201, body: body(app), headers };
      }
      default:
        return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    }
  }
}
