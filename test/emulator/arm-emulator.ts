// A local emulator of the Azure Resource Manager endpoints offerkit uses, served over HTTPS on 127.0.0.1 with a
// certificate made at test time: Entra token issuance, resource groups (HEAD/GET/PUT/PATCH/DELETE, deletion a
// long-running 202 + Location), Microsoft.Solutions/applicationDefinitions, and the provider list. Status codes,
// headers and error bodies follow ARM's, so the unmodified Azure SDK clients behave as they would against Azure.

import { ApplicationsEmulator } from './applications.js';
import { DeploymentsEmulator } from './deployments.js';
import { MarketplaceEmulator } from './marketplace.js';
import { zipEntries } from './zip-entries.js';
import { reply } from './http-reply.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { armError, checkDefinitionPut, definitionBody, normalizeLocation, SOLUTIONS_API_VERSIONS, type ArmResponse, type StoredDefinition } from './application-definitions.js';
import type { TestCertificate } from './certificate.js';
import { EntraEmulator, type ServicePrincipal } from './entra.js';
import { FaultPlan } from './faults.js';
import { solutionsValidator } from './solutions-schema.js';

export interface ProviderRecord {
  namespace: string;
  resourceTypes: { resourceType: string; locations?: string[]; apiVersions: string[] }[];
}

export interface ArmEmulatorOptions {
  cert: TestCertificate;
  tenant: string;
  subscriptions: string[];
  principals: ServicePrincipal[];
  providers?: ProviderRecord[];
  /** Items per page of list responses. */
  pageSize?: number;
  /** How long ARM waits for a package download. */
  packageFetchTimeoutMs?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

interface ResourceGroup {
  subscription: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  /** The managed application a managed resource group belongs to. */
  managedBy?: string;
}

interface Route {
  method: string;
  url: URL;
  seg: string[];
  body: Buffer;
  req: IncomingMessage;
}

const RESOURCES_API_VERSIONS = /^20\d\d-\d\d-\d\d(-preview)?$/;

export class ArmEmulator {
  readonly entra: EntraEmulator;
  readonly faults = new FaultPlan();
  readonly requests: LoggedRequest[] = [];
  readonly resourceGroups = new Map<string, ResourceGroup>();
  readonly definitions = new Map<string, StoredDefinition>();
  /** Template deployments (see deployments.ts). */
  readonly deployments: DeploymentsEmulator;
  /** Managed applications (see applications.ts). */
  readonly applications: ApplicationsEmulator;
  /** Marketplace plans and their terms (see marketplace.ts). */
  readonly marketplace = new MarketplaceEmulator();
  /** Whether the links of a definition's artifacts can be read (a SAS ARM hands out; false: they answer 403). */
  artifactsReadable = true;
  /** Called for every authenticated request before it is served; 'hold' leaves it unanswered. */
  onRequest?: (r: { method: string; path: string }) => Promise<'hold' | void> | 'hold' | void;
  private server?: Server;
  private operations = new Map<string, { polls: number; url: string; done: () => void }>();
  base = '';

  constructor(private readonly options: ArmEmulatorOptions) {
    this.entra = new EntraEmulator(options.tenant, options.principals);
    const base = () => this.base;
    this.deployments = new DeploymentsEmulator({
      get base() {
        return base();
      },
      tenant: options.tenant,
      subscriptionGroups: (sub) => this.groupsOf(sub),
    });
    this.applications = new ApplicationsEmulator({
      subscriptionGroups: (sub) => this.groupsOf(sub),
      ensureGroup: (sub, name, location, managedBy) => {
        const key = `${sub}/${name.toLowerCase()}`;
        if (this.resourceGroups.has(key)) return false;
        this.resourceGroups.set(key, { subscription: sub, name, location: normalizeLocation(location), tags: {}, ...(managedBy ? { managedBy } : {}) });
        return true;
      },
      deleteGroup: (sub, name) => void this.resourceGroups.delete(`${sub}/${name.toLowerCase()}`),
      definitionById: (id) => {
        const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Solutions\/applicationDefinitions\/([^/]+)$/i.exec(id);
        return m ? this.definition(m[1], m[2], m[3]) : undefined;
      },
      deployments: this.deployments,
      marketplace: this.marketplace,
    });
  }

  private groupsOf(sub: string): Map<string, ResourceGroup> {
    return new Map([...this.resourceGroups.values()].filter((g) => g.subscription === sub).map((g) => [g.name.toLowerCase(), g]));
  }

  async start(): Promise<string> {
    this.server = createServer({ cert: this.options.cert.certPem, key: this.options.cert.keyPem }, (req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  definition(subscription: string, resourceGroup: string, name: string): StoredDefinition | undefined {
    return this.definitions.get(`${subscription}/${resourceGroup.toLowerCase()}/${name.toLowerCase()}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(`${this.base}${req.url ?? '/'}`); // not new URL(path, base): '//x' would become a host
    const route: Route = { method: req.method ?? 'GET', url, seg: url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s)), body: Buffer.concat(chunks), req };
    const send = (r: ArmResponse) => {
      this.requests.push({ method: route.method, path: url.pathname + url.search, status: r.status });
      const headers: Record<string, string> = { 'x-ms-request-id': randomUUID(), 'x-ms-correlation-request-id': randomUUID(), ...(r.headers ?? {}) };
      const clientId = req.headers['x-ms-client-request-id'];
      if (typeof clientId === 'string') headers['x-ms-client-request-id'] = clientId;
      reply(res, r.status, headers, route.method === 'HEAD' ? undefined : r.body);
    };
    if (await this.faults.apply(req, res, 'arm')) {
      this.requests.push({ method: route.method, path: url.pathname + url.search, status: res.destroyed ? 0 : res.statusCode });
      return;
    }
    try {
      const entra = this.entraRoute(route);
      if (entra) return send(entra);
      // Azure Stack style endpoint discovery (what `az cloud register --endpoint-resource-manager` reads).
      if (route.method === 'GET' && route.seg.join('/').toLowerCase() === 'metadata/endpoints') {
        return send({ status: 200, body: { galleryEndpoint: `${this.base}/`, graphEndpoint: `${this.base}/`, portalEndpoint: `${this.base}/`, authentication: { loginEndpoint: `${this.base}/adfs`, audiences: [`${this.base}/`] } } });
      }
      const artifact = this.artifactRoute(route);
      if (artifact) return send(artifact);
      const auth = this.entra.verify(req.headers.authorization, this.base);
      if ('code' in auth) return send(armError(401, auth.code, auth.message, { 'www-authenticate': `Bearer authorization_uri="${this.base}/${this.options.tenant}", error="invalid_token", error_description="${auth.message}"` }));
      if ((await this.onRequest?.({ method: route.method, path: url.pathname })) === 'hold') return;
      send(await this.armRoute(route));
    } catch (e) {
      send(armError(500, 'InternalServerError', `Emulator error: ${(e as Error).message}`));
    }
  }

  /** A definition's artifact by the SAS link its GET hands out (no bearer token: the signature is the key). */
  private artifactRoute(r: Route): ArmResponse | undefined {
    if (r.seg[0] !== 'artifacts' || r.method !== 'GET') return undefined;
    const m = /^\/artifacts\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Solutions\/applicationDefinitions\/([^/]+)\/(applicationResourceTemplate|createUiDefinition)\.json$/i.exec(r.url.pathname);
    const d = m ? this.definition(decodeURIComponent(m[1]), decodeURIComponent(m[2]), decodeURIComponent(m[3])) : undefined;
    const blob = (status: number, code: string, message: string): ArmResponse => ({ status, body: { error: { code, message } } });
    if (!d || !this.artifactsReadable || r.url.searchParams.get('sig') !== d.artifactSignature) return blob(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.');
    const file = m![4].toLowerCase() === 'applicationresourcetemplate' ? 'mainTemplate.json' : 'createUiDefinition.json';
    const inline = file === 'mainTemplate.json' ? d.properties.mainTemplate : d.properties.createUiDefinition;
    const bytes = d.packageBytes ? zipEntries(d.packageBytes).get(file)?.() : inline !== undefined ? Buffer.from(JSON.stringify(inline)) : undefined;
    return bytes ? { status: 200, body: bytes, headers: { 'content-type': 'application/json' } } : blob(404, 'BlobNotFound', 'The specified blob does not exist.');
  }

  /** Entra (/{tenant}/…, v2.0 endpoints) and, for clients that only speak to custom clouds through it, AD FS (/adfs/…). */
  private entraRoute(r: Route): ArmResponse | undefined {
    const [tenant, a, b, c] = r.seg;
    const path = r.seg.slice(1).join('/');
    if (tenant === 'adfs') {
      if (r.method === 'GET' && path === '.well-known/openid-configuration') return { status: 200, body: this.entra.openIdConfiguration(this.base, 'adfs') };
      if (r.method === 'POST' && path === 'oauth2/token') return this.tokenResponse(r);
      if (r.method === 'GET' && path === 'discovery/keys') return { status: 200, body: { keys: [] } };
      return undefined;
    }
    if (tenant !== this.options.tenant) return undefined;
    if (r.method === 'GET' && a === 'v2.0' && b === '.well-known' && c === 'openid-configuration') return { status: 200, body: this.entra.openIdConfiguration(this.base) };
    if (r.method === 'GET' && a === 'discovery') return { status: 200, body: { keys: [] } };
    if (r.method === 'POST' && a === 'oauth2' && b === 'v2.0' && c === 'token') return this.tokenResponse(r);
    return undefined;
  }

  private tokenResponse(r: Route): ArmResponse {
    const [status, body] = this.entra.token(new URLSearchParams(r.body.toString('utf8')));
    return { status, body };
  }

  private async armRoute(r: Route): Promise<ArmResponse> {
    const seg = r.seg.map((s) => s.toLowerCase());
    const apiVersion = r.url.searchParams.get('api-version');
    if (!apiVersion) return armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    if (r.method === 'GET' && seg.length === 1 && seg[0] === 'tenants') return this.page(r, [{ id: `/tenants/${this.options.tenant}`, tenantId: this.options.tenant, tenantCategory: 'Home' }]);
    if (r.method === 'GET' && seg.length === 1 && seg[0] === 'subscriptions') {
      return this.page(r, this.options.subscriptions.map((s) => ({ id: `/subscriptions/${s}`, subscriptionId: s, tenantId: this.options.tenant, displayName: `Test subscription ${s.slice(0, 8)}`, state: 'Enabled', subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' }, authorizationSource: 'RoleBased' })));
    }
    if (seg[0] !== 'subscriptions' || !seg[1]) return armError(404, 'NotFound', `No route for ${r.method} ${r.url.pathname}.`);
    const sub = r.seg[1];
    if (!this.options.subscriptions.includes(sub)) return armError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
    const isSolutions = seg[4] === 'providers' && seg[5] === 'microsoft.solutions' || seg[2] === 'providers' && seg[3] === 'microsoft.solutions';
    if (isSolutions) {
      if (!SOLUTIONS_API_VERSIONS.includes(apiVersion)) return armError(400, 'NoRegisteredProviderFound', `No registered resource provider found for location and API version '${apiVersion}' and type 'applicationDefinitions'. The supported api-versions are '${SOLUTIONS_API_VERSIONS.join(', ')}'.`);
    } else if (!RESOURCES_API_VERSIONS.test(apiVersion)) {
      return armError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid.`);
    }
    // /subscriptions/{sub}/providers[/Microsoft.Solutions/applicationDefinitions]
    if (seg.length === 3 && seg[2] === 'providers' && r.method === 'GET') return this.page(r, (this.options.providers ?? []).map((p) => ({ id: `/subscriptions/${sub}/providers/${p.namespace}`, namespace: p.namespace, registrationState: 'Registered', resourceTypes: p.resourceTypes })));
    if (seg.length === 5 && isSolutions && seg[4] === 'applicationdefinitions' && r.method === 'GET') return this.page(r, [...this.definitions.values()].filter((d) => d.subscription === sub).map((d) => definitionBody(d, this.base)));
    if (seg[2] === 'operationresults' && seg.length === 4 && r.method === 'GET') return this.operationResult(seg[3]);
    if (seg[2] === 'providers' && seg[3] === 'microsoft.resources' && seg[4] === 'deployments' && seg[5]) return this.deployments.subscriptionRoute(r.method, sub, r.seg[5], seg[6], r.body);
    if (seg[2] === 'providers' && seg[3] === 'microsoft.marketplaceordering') return this.marketplace.route(r.method, sub, r.seg.slice(2), r.body, apiVersion);
    if (seg.length === 6 && seg[2] === 'providers' && seg[3] === 'microsoft.resources' && seg[4] === 'asyncoperations' && r.method === 'GET') return this.deployments.status(r.seg[5]);
    if (seg[2] !== 'resourcegroups') return armError(404, 'NotFound', `No route for ${r.method} ${r.url.pathname}.`);
    if (seg.length === 3 && r.method === 'GET') return this.page(r, [...this.resourceGroups.values()].filter((g) => g.subscription === sub).map((g) => this.groupBody(g)));
    const rgName = r.seg[3];
    const rgKey = `${sub}/${rgName.toLowerCase()}`;
    const rg = this.resourceGroups.get(rgKey);
    if (seg.length === 4) return this.resourceGroupRoute(r, sub, rgName, rgKey, rg, apiVersion);
    if (!rg) return armError(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    if (seg.length === 7 && isSolutions && seg[6] === 'applicationdefinitions' && r.method === 'GET') {
      return this.page(r, [...this.definitions.values()].filter((d) => d.subscription === sub && d.resourceGroup.toLowerCase() === rg.name.toLowerCase()).map((d) => definitionBody(d, this.base)));
    }
    if (seg.length === 8 && isSolutions && seg[6] === 'applicationdefinitions') return this.definitionRoute(r, { subscription: sub, resourceGroup: rg.name, name: r.seg[7] }, apiVersion);
    if (seg.length === 5 && seg[4] === 'resources' && r.method === 'GET') {
      if (this.deployments.deniedReads.has('resources')) return armError(403, 'AuthorizationFailed', `The client '${this.options.tenant}' with object id '${this.options.tenant}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/resources/read' over scope '/subscriptions/${sub}/resourceGroups/${rg.name}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
      return this.page(r, this.deployments.resourcesIn(sub, rg.name).map((x) => ({ id: x.id, name: x.name, type: x.type, ...(x.location ? { location: x.location } : {}) })));
    }
    if (seg.length === 8 && seg[4] === 'providers' && seg[5] === 'microsoft.solutions' && seg[6] === 'applications') return this.applications.route(r.method, sub, rg.name, r.seg[7], r.body, apiVersion);
    // Deployment operations also answer at ARM's older path, …/resourcegroups/{rg}/deployments/{name}/operations (the one the SDK uses).
    const rest = seg[4] === 'deployments' ? ['providers', 'Microsoft.Resources', 'deployments', ...r.seg.slice(5)] : r.seg.slice(4);
    const deployed = this.deployments.route(r.method, sub, rg.name, rest, r.body);
    if (deployed) return deployed;
    return armError(404, 'NotFound', `No route for ${r.method} ${r.url.pathname}.`);
  }

  private groupBody(g: ResourceGroup) {
    return { id: `/subscriptions/${g.subscription}/resourceGroups/${g.name}`, name: g.name, type: 'Microsoft.Resources/resourceGroups', location: g.location, tags: g.tags, ...(g.managedBy ? { managedBy: g.managedBy } : {}), properties: { provisioningState: 'Succeeded' } };
  }

  private resourceGroupRoute(r: Route, sub: string, name: string, key: string, rg: ResourceGroup | undefined, apiVersion: string): ArmResponse {
    const missing = () => armError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
    switch (r.method) {
      case 'HEAD':
        return { status: rg ? 204 : 404 };
      case 'GET':
        return rg ? { status: 200, body: this.groupBody(rg) } : missing();
      case 'PUT': {
        let body: { location?: string; tags?: Record<string, string> };
        try {
          body = JSON.parse(r.body.toString('utf8')) as typeof body;
        } catch {
          return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        }
        if (!body.location) return armError(400, 'LocationRequired', 'The location property is required for this definition.');
        if (rg && normalizeLocation(body.location) !== rg.location) return armError(409, 'InvalidResourceGroupLocation', `Invalid resource group location '${body.location}'. The Resource group already exists in location '${rg.location}' in resource group '${rg.name}'. A resource group cannot be moved to another location.`);
        const group: ResourceGroup = { subscription: sub, name: rg?.name ?? name, location: normalizeLocation(body.location), tags: body.tags ?? {} };
        this.resourceGroups.set(key, group);
        return { status: rg ? 200 : 201, body: this.groupBody(group) };
      }
      case 'PATCH': {
        if (!rg) return missing();
        const body = JSON.parse(r.body.toString('utf8') || '{}') as { tags?: Record<string, string> };
        if (body.tags) rg.tags = body.tags;
        return { status: 200, body: this.groupBody(rg) };
      }
      case 'DELETE': {
        if (!rg) return missing();
        const op = randomUUID();
        const url = `${this.base}/subscriptions/${sub}/operationresults/${op}?api-version=${apiVersion}`;
        // Deletion takes effect once the operation has been polled, as with ARM's asynchronous delete.
        this.operations.set(op, {
          polls: 0,
          url,
          done: () => {
            this.resourceGroups.delete(key);
            this.deployments.forgetGroup(sub, rg.name);
            for (const [k, d] of this.definitions) if (d.subscription === sub && d.resourceGroup.toLowerCase() === rg.name.toLowerCase()) this.definitions.delete(k);
          },
        });
        return { status: 202, headers: { location: url, 'retry-after': '0' } };
      }
      default:
        return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${r.method}'.`);
    }
  }

  private operationResult(op: string): ArmResponse {
    const o = this.operations.get(op);
    if (!o) return armError(404, 'NotFound', `Operation '${op}' was not found.`);
    if (o.polls++ === 0) return { status: 202, headers: { location: o.url, 'retry-after': '0' } };
    o.done();
    this.operations.delete(op);
    return { status: 200 };
  }

  private async definitionRoute(r: Route, target: Pick<StoredDefinition, 'subscription' | 'resourceGroup' | 'name'>, apiVersion: string): Promise<ArmResponse> {
    const key = `${target.subscription}/${target.resourceGroup.toLowerCase()}/${target.name.toLowerCase()}`;
    const existing = this.definitions.get(key);
    const notFound = () => armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Solutions/applicationDefinitions/${target.name}' under resource group '${target.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    switch (r.method) {
      case 'GET':
        return existing ? { status: 200, body: definitionBody(existing, this.base) } : notFound();
      case 'PUT': {
        const checked = await checkDefinitionPut(existing ? { ...target, name: existing.name } : target, apiVersion, r.body, { validator: solutionsValidator(), fetchTimeoutMs: this.options.packageFetchTimeoutMs ?? 10000, ca: this.options.cert.certPem });
        if ('status' in checked) return checked;
        this.definitions.set(key, checked);
        return { status: existing ? 200 : 201, body: definitionBody(checked, this.base) };
      }
      case 'PATCH': {
        if (!existing) return notFound();
        const body = JSON.parse(r.body.toString('utf8') || '{}') as { tags?: Record<string, string> };
        if (body.tags) existing.tags = body.tags;
        return { status: 200, body: definitionBody(existing, this.base) };
      }
      case 'DELETE':
        if (!existing) return { status: 204 };
        this.definitions.delete(key);
        return { status: 200 };
      default:
        return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${r.method}'.`);
    }
  }

  /** A list response, paged with nextLink like ARM. */
  private page(r: Route, items: unknown[]): ArmResponse {
    const size = this.options.pageSize ?? 100;
    const skip = Number(r.url.searchParams.get('$skiptoken') ?? 0);
    const value = items.slice(skip, skip + size);
    const next = new URL(r.url.toString());
    next.searchParams.set('$skiptoken', String(skip + size));
    return { status: 200, body: { value, ...(skip + size < items.length ? { nextLink: next.toString() } : {}) } };
  }
}

