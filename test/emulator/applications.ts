// Managed applications (Microsoft.Solutions/applications) as ARM serves them to @azure/arm-managedapplications:
// PUT 201 and an Azure-AsyncOperation; the managed resource group is created (it must not exist) and the package's
// mainTemplate deployed into it with the application's parameters — from the service-catalog definition (kind
// ServiceCatalog, applicationDefinitionId) or from a marketplace plan (kind MarketPlace, plan, terms accepted);
// the Solutions RP assigns the definition's policies to the managed resource group and keeps its lock as a deny
// assignment. A failed install's status body is the posted ApplianceDeploymentFailed one. DELETE removes the
// application and its managed resource group.

import { randomUUID } from 'node:crypto';
import { armError, type ArmResponse, type StoredDefinition } from './application-definitions.js';
import { armErrorBody } from './arm-error-fixtures.js';
import type { DeploymentsEmulator } from './deployments.js';
import type { MarketplaceEmulator } from './marketplace.js';
import { zipEntries } from './zip-entries.js';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Application {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  kind: string;
  plan?: JsonObject;
  properties: Record<string, unknown>;
}

export interface ApplicationsHost {
  subscriptionGroups(sub: string): Map<string, { name: string; location: string }>;
  ensureGroup(sub: string, name: string, location: string, managedBy?: string): boolean;
  deleteGroup(sub: string, name: string): void;
  definitionById(id: string): StoredDefinition | undefined;
  deployments: DeploymentsEmulator;
  marketplace: MarketplaceEmulator;
}

export class ApplicationsEmulator {
  readonly applications = new Map<string, Application>();
  /** Leave out the definition's policy assignments on the managed resource group (a service that did not assign them). */
  skipPolicyAssignments = false;
  /** Installs under way, by application: run at the latest when the application is read (ARM works on its own). */
  private readonly installs = new Map<string, () => { status: string; error?: unknown }>();

  constructor(private readonly host: ApplicationsHost) {}

  route(method: string, sub: string, rgName: string, name: string, raw: Buffer, apiVersion: string): ArmResponse {
    const group = this.host.subscriptionGroups(sub).get(rgName.toLowerCase());
    if (!group) return armError(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    const key = `${sub}/${group.name.toLowerCase()}/${name}`;
    const existing = this.applications.get(key);
    const body = (a: Application) => ({ id: a.id, name: a.name, type: 'Microsoft.Solutions/applications', location: a.location, kind: a.kind, ...(a.plan ? { plan: a.plan } : {}), properties: a.properties });
    const deployments = this.host.deployments;
    switch (method) {
      case 'GET':
        if (existing?.properties.provisioningState === 'Accepted') this.installs.get(key)?.();
        return existing ? { status: 200, body: body(existing) } : armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Solutions/applications/${name}' under resource group '${rgName}' was not found.`);
      case 'DELETE': {
        if (!existing) return { status: 204 };
        const mrg = (typeof existing.properties.managedResourceGroupId === 'string' ? existing.properties.managedResourceGroupId : '').split('/').pop() ?? '';
        const headers = deployments.asyncOperation(sub, () => {
          this.applications.delete(key);
          deployments.forgetGroup(sub, mrg);
          this.host.deleteGroup(sub, mrg);
          return { status: 'Succeeded' };
        });
        return { status: 202, headers: { ...headers, location: headers['azure-asyncoperation'] } };
      }
      case 'PUT':
        return this.create(sub, group, name, key, existing, raw, apiVersion, body);
      default:
        return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    }
  }

  private create(sub: string, group: { name: string; location: string }, name: string, key: string, existing: Application | undefined, raw: Buffer, apiVersion: string, body: (a: Application) => JsonObject): ArmResponse {
    const deployments = this.host.deployments;
    if (apiVersion !== '2021-07-01' && apiVersion !== '2019-07-01') return armError(400, 'NoRegisteredProviderFound', `No registered resource provider found for API version '${apiVersion}' and type 'applications'.`);
    const read = deployments.parseBody(raw);
    if ('refused' in read) return read.refused;
    const parsed = read.body;
    const props = parsed.properties;
    if (typeof parsed.location !== 'string' || !parsed.location) return armError(400, 'LocationRequired', 'The location property is required for this definition.');
    if (parsed.kind !== 'ServiceCatalog' && parsed.kind !== 'MarketPlace') return armError(400, 'InvalidApplicationKind', `The application kind '${String(parsed.kind)}' is not supported; use ServiceCatalog or MarketPlace.`);
    if (!isObject(props) || typeof props.managedResourceGroupId !== 'string') return armError(400, 'InvalidRequestContent', "The application's managedResourceGroupId is required.");
    const mrgMatch = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(props.managedResourceGroupId);
    if (mrgMatch?.[1] !== sub) return armError(400, 'InvalidManagedResourceGroupId', `The managed resource group id '${props.managedResourceGroupId}' is not valid.`);
    const mrg = mrgMatch[2];
    if (mrg.toLowerCase() === group.name.toLowerCase()) return armError(400, 'InvalidManagedResourceGroup', "The managed resource group must differ from the application's resource group.");
    if (existing) return armError(409, 'ApplicationExists', `The application '${name}' already exists.`);
    let packageBytes: Buffer | undefined;
    let mainTemplate: unknown;
    let lockLevel = 'None';
    let policies: JsonObject[] = [];
    if (parsed.kind === 'MarketPlace') {
      if (props.applicationDefinitionId !== undefined) return armError(400, 'InvalidApplication', "A managed application of kind 'MarketPlace' is installed from its plan, not from an application definition.");
      const bought = this.host.marketplace.purchase(sub, parsed.plan);
      if ('status' in bought) return bought;
      packageBytes = bought.packageBytes;
      lockLevel = bought.lockLevel ?? 'ReadOnly';
      policies = bought.policies ?? [];
    } else {
      const definition = typeof props.applicationDefinitionId === 'string' ? this.host.definitionById(props.applicationDefinitionId) : undefined;
      if (!definition) return armError(404, 'ApplicationDefinitionNotFound', `The application definition '${String(props.applicationDefinitionId)}' could not be found.`);
      packageBytes = definition.packageBytes;
      mainTemplate = definition.properties.mainTemplate;
      lockLevel = typeof definition.properties.lockLevel === 'string' ? definition.properties.lockLevel : 'None';
      policies = Array.isArray(definition.properties.policies) ? (definition.properties.policies as JsonObject[]) : [];
    }
    const main = packageBytes ? zipEntries(packageBytes).get('mainTemplate.json')?.() : mainTemplate !== undefined ? Buffer.from(JSON.stringify(mainTemplate)) : undefined;
    if (!main) return armError(400, 'InvalidApplicationDefinition', 'The application definition holds no mainTemplate.json.');
    const appId = `/subscriptions/${sub}/resourceGroups/${group.name}/providers/Microsoft.Solutions/applications/${name}`;
    if (!this.host.ensureGroup(sub, mrg, parsed.location, appId)) return armError(409, 'ManagedResourceGroupExists', `The managed resource group '${mrg}' already exists. Choose another name.`);
    const app: Application = { id: appId, name, resourceGroup: group.name, location: parsed.location, kind: parsed.kind, ...(isObject(parsed.plan) ? { plan: parsed.plan } : {}), properties: { ...props, provisioningState: 'Accepted' } };
    this.applications.set(key, app);
    const template = JSON.parse(main.toString('utf8').replace(/^\uFEFF/, '')) as JsonObject;
    const location = parsed.location;
    const install = (): { status: string; error?: unknown } => {
      this.installs.delete(key);
      const scope = `/subscriptions/${sub}/resourceGroups/${mrg}`;
      deployments.governance.set(`${sub}/${mrg.toLowerCase()}`, {
        policyAssignments: this.skipPolicyAssignments ? [] : policies.map((p, i) => ({ id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${randomUUID()}`, name: `${name}-${i}`, properties: { displayName: p.name, policyDefinitionId: p.policyDefinitionId, scope } })),
        denyAssignments: lockLevel === 'None' ? [] : [{ id: `${scope}/providers/Microsoft.Authorization/denyAssignments/${randomUUID()}`, properties: { denyAssignmentName: `System deny assignment created by managed application ${appId}`, scope, isSystemProtected: true, permissions: [lockLevel === 'ReadOnly' ? { actions: ['*'], notActions: ['*/read'], dataActions: [], notDataActions: [] } : { actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] }] } }],
      });
      // Inferred: the install's deployment in the managed resource group is named after the application.
      const d = deployments.deploy({ properties: { template, parameters: isObject(props.parameters) ? props.parameters : {}, mode: 'Incremental' } }, sub, mrg, location, name);
      if ('status' in d) {
        app.properties = { ...app.properties, provisioningState: 'Failed' };
        const inner = (d.body as { error?: { code?: string; message?: string } }).error;
        return { status: 'Failed', error: (armErrorBody('appliance-failed', { deployment: name, subscription: sub, resourceGroup: mrg, details: [{ code: inner?.code ?? 'InvalidTemplate', message: inner?.message ?? 'The template is not valid.' }] }) as { error: unknown }).error };
      }
      app.properties = { ...app.properties, provisioningState: d.state, outputs: d.outputs };
      if (d.state === 'Succeeded') return { status: 'Succeeded' };
      return { status: 'Failed', error: (armErrorBody('appliance-failed', { deployment: name, subscription: sub, resourceGroup: mrg, details: deployments.failureDetails(d) }) as { error: unknown }).error };
    };
    let outcome: { status: string; error?: unknown } | undefined;
    const run = () => (outcome ??= install());
    this.installs.set(key, run);
    return { status: 201, body: body(app), headers: deployments.asyncOperation(sub, run) };
  }
}
