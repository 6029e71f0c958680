// A local emulator of Partner Center's submission API v1 for Azure Application offers, over HTTPS on
// 127.0.0.1, answering in the shapes of the recorded exchanges and model docs in
// ../shared/reference/partner-center: products found by externalIDs filter, branches by module (the product's
// and one per plan, told apart by variantID), listings, properties and availabilities by instance, plans as
// AzureSkuVariant, packages uploaded through SAS URLs into Azurite and processed after a while, package
// configurations, and submissions (partner-center-submissions.ts: created, possibly left in draft, certified
// or failed, promoted to live). Tokens come from the ARM emulator's Entra endpoint and are checked for
// Partner Center's audience; every PUT needs the current etag. As strict as the service: every request body
// is checked against Microsoft's swagger (partner-center-contract.ts) and refused in the service's own error
// shape; a feature availability's markets, prices and trial travel only when $expand names them (the
// swagger's sentence); answers are normalised the way the service stores them (every market listed, meter
// ids filled, HTML rewritten); a new plan's branches appear a while after the plan; a submission must carry
// the resources Microsoft's clients send (Co-sell, the reseller configuration, set beforehand); and promotion
// comes in the shape public evidence shows (the promoted submission itself reaching InStore), with the
// separate live submission behind a switch (`promoteShape`).

import { reply } from './http-reply.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { BlobSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential, type BlobServiceClient } from '@azure/storage-blob';
import type { TestCertificate } from './certificate.js';
import type { EntraEmulator } from './entra.js';
import { FaultPlan, LOSE_ANSWER } from './faults.js';
import { contractProblems, serviceRefusal } from './partner-center-contract.js';
import { submissionRoute, type EmulatedSubmission, type ValidationItem } from './partner-center-submissions.js';
import { PARTNER_CENTER_MARKETS } from '../../src/offer/marketplace-markets.js';
import { zipEntries } from './zip-entries.js';
import { textOf } from '../../src/util/text-of.js';

export const PARTNER_CENTER_AUDIENCE = 'https://api.partner.microsoft.com';
type Json = Record<string, unknown>;
type Module = 'Listing' | 'Property' | 'Availability' | 'Package' | 'Cosell' | 'ResellerConfiguration';

interface Response {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Product {
  id: string;
  name: string;
  offerId: string;
  resourceType: string;
  branches: { module: Module; currentDraftInstanceID: string; variantID?: string; readyAt?: number }[];
  /** instance id → the resources of that instance (one per instance). */
  instances: Map<string, Json>;
  variants: Json[];
  packages: Map<string, Json & { processAt?: number; blob?: string }>;
  images: Map<string, Json & { listingId: string; blob?: string }>;
  submissions: EmulatedSubmission[];
  lead?: Json;
  reseller?: Json;
}

export interface PartnerCenterEmulatorOptions {
  cert: TestCertificate;
  entra: EntraEmulator;
  /** Azurite, for the SAS URLs packages and images are uploaded to. */
  storage: { client: BlobServiceClient; account: string; key: string; publicUrl: string };
  pageSize?: number;
}

export interface PcLoggedRequest {
  method: string;
  path: string;
  status: number;
  /** The request body as received (for contract tests). */
  body?: unknown;
}

const etag = () => `"${randomUUID()}"`;
const err = (status: number, code: string, message: string): Response => ({ status, body: { error: { code, message, details: [] } } });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const CONTAINER = 'ingestion';

export class PartnerCenterEmulator {
  readonly faults = new FaultPlan();
  readonly requests: PcLoggedRequest[] = [];
  readonly products = new Map<string, Product>();
  /** How long processing a package, creating a submission and certifying it take (tests shorten them). */
  processingMs = 150;
  creationMs = 100;
  certificationMs = 300;
  goLiveMs = 300;
  /** How long after a plan is created its branches appear in getByModule (Partner Center creates them behind). */
  branchDelayMs = 150;
  /**
   * How a promotion shows: the promoted submission itself going on to InStore (what BcContainerHelper's
   * Get-AppSourceSubmission documents, the default), or a separate submission to the live target (no evidence).
   */
  promoteShape: 'separate' | 'in-place' = 'in-place';
  /** Store what is written the way the service does (every market listed, meter ids filled, HTML rewritten). */
  normalizes = true;
  /** The next submissions fail certification with these findings (validation items). */
  certificationFailure?: ValidationItem[];
  /** The next submission is left in draft: its creation fails with this reason and these validations (navcontainerhelper #3536). */
  nextSubmissionStuck?: { failureReason: string; validations: ValidationItem[] };
  /** The next request whose method and path match is refused as the service refuses a field (for error-reporting tests). */
  refuseNext?: { method: string; path: RegExp; data: Record<string, string[]> };
  /** Uploaded packages are offered back for reading (a read SAS in fileSasUri), as uploaded images are. */
  offerDownloads = true;
  /** The next packages fail processing with these reasons. */
  processingFailure?: { errorCode: string; severity: string; message: string; resource?: string }[];
  /** Entra application ids added to the Partner Center account; others get 403 (all are allowed when unset). */
  allowedApps?: Set<string>;
  /** Called before an authenticated request is served; 'hold' leaves it unanswered. */
  onRequest?: (r: { method: string; path: string; body: Json | undefined }) => Promise<'hold' | void> | 'hold' | void;
  private server?: Server;
  private releases = 0;
  base = '';
  /** Items per page of list responses (small pages make clients follow next links). */
  pageSize: number;

  constructor(private readonly options: PartnerCenterEmulatorOptions) {
    this.pageSize = options.pageSize ?? 100;
  }

  async start(): Promise<string> {
    this.server = createServer({ cert: this.options.cert.certPem, key: this.options.cert.keyPem }, (req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    await this.options.storage.client.getContainerClient(CONTAINER).createIfNotExists();
    return `${this.base}/v1.0/ingestion`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The product of an offer id, for assertions. */
  product(offerId: string): Product | undefined {
    return [...this.products.values()].find((p) => p.offerId === offerId);
  }

  /** Writes that reached the emulator (and succeeded). */
  writes(): PcLoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.status < 400);
  }

  /** The bytes Partner Center received for a package (from Azurite). */
  packageBytes(offerId: string, packageId: string): Promise<Buffer> {
    const pkg = this.product(offerId)?.packages.get(packageId);
    if (!pkg) throw new Error(`no package ${packageId}`);
    return this.options.storage.client.getContainerClient(CONTAINER).getBlobClient(String(pkg.blob)).downloadToBuffer();
  }

  /** Changes a resource's etag, as an edit by someone else in Partner Center would. */
  touch(offerId: string, match: (r: Json) => boolean): boolean {
    const p = this.product(offerId);
    if (!p) return false;
    for (const r of [...p.instances.values(), ...p.variants]) {
      if (match(r)) {
        r['@odata.etag'] = etag();
        return true;
      }
    }
    return false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(`${this.base}${req.url ?? '/'}`);
    const method = req.method ?? 'GET';
    const path = url.pathname + url.search;
    const send = (r: Response) => {
      let logged: unknown;
      try {
        logged = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        logged = undefined;
      }
      this.requests.push({ method, path, status: r.status, ...(logged !== undefined ? { body: logged } : {}) });
      if ((req as { [LOSE_ANSWER]?: boolean })[LOSE_ANSWER]) {
        // The request was carried out; the answer never arrives.
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { 'request-id': randomUUID(), ...(r.headers ?? {}) };
      const e = r.body !== undefined ? (r.body as Json)['@odata.etag'] : undefined;
      if (typeof e === 'string') headers.etag = e;
      reply(res, r.status, headers, r.body);
    };
    if (await this.faults.apply(req, res, 'arm')) {
      this.requests.push({ method, path, status: res.headersSent ? res.statusCode : 0 });
      return;
    }
    try {
      const auth = this.options.entra.verify(req.headers.authorization, PARTNER_CENTER_AUDIENCE);
      if ('code' in auth) return send(err(401, 'Unauthorized', `Authentication failed: ${auth.message}`));
      if (this.allowedApps && !this.allowedApps.has(auth.claims.appid)) return send(err(403, 'Forbidden', 'The caller is not authorized to perform this action on the seller account.'));
      let body: Json | undefined;
      if (chunks.length) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
        } catch {
          return send(err(400, 'InvalidJson', 'The request body is not valid JSON.'));
        }
      }
      if ((await this.onRequest?.({ method, path: url.pathname, body })) === 'hold') return;
      if (this.refuseNext?.method === method && this.refuseNext.path.test(url.pathname)) {
        const { data } = this.refuseNext;
        this.refuseNext = undefined;
        return send(serviceRefusal(data));
      }
      send(await this.route(method, url, body, req));
    } catch (e) {
      send(err(500, 'InternalServerError', `Emulator error: ${(e as Error).message}`));
    }
  }

  private async route(method: string, url: URL, body: Json | undefined, req: IncomingMessage): Promise<Response> {
    const prefix = '/v1.0/ingestion/';
    if (!url.pathname.startsWith(prefix)) return err(404, 'NotFound', `No route for ${url.pathname}.`);
    const seg = url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
    if (seg[0] !== 'products') return err(404, 'NotFound', `No route for ${url.pathname}.`);
    if (seg.length === 1) {
      if (method === 'GET') return this.page(url, [...this.products.values()].filter((p) => this.matchesFilter(p, url.searchParams.get('$filter'))).map((p) => this.productBody(p)));
      if (method === 'POST') return this.createProduct(body);
      return err(405, 'MethodNotAllowed', 'Use GET or POST.');
    }
    const product = this.products.get(seg[1]);
    if (!product) return err(404, 'ProductNotFound', `Product ${seg[1]} was not found.`);
    const rest = seg.slice(2);
    const [a, b, c, d] = rest;
    if (rest.length === 0) return method === 'GET' ? { status: 200, body: this.productBody(product) } : err(405, 'MethodNotAllowed', 'Use GET.');
    const byModule = /^getByModule\(module=(\w+)\)$/.exec(b ?? '');
    if (a === 'branches' && byModule && method === 'GET') {
      const now = Date.now();
      return this.page(url, product.branches.filter((x) => x.module === byModule[1] && (x.readyAt ?? 0) <= now).map(({ readyAt: _r, ...x }) => ({ resourceType: 'Branch', friendlyName: 'Main', type: 'Main', ...x })));
    }
    const byInstance = /^getByInstanceID\(instanceID=([\w-]+)\)$/.exec(b ?? '');
    if (byInstance && method === 'GET') {
      const r = product.instances.get(byInstance[1]);
      const kinds: Record<string, string[]> = { listings: ['AzureListing'], properties: ['AzureProperty'], productAvailabilities: ['ProductAvailability'], featureAvailabilities: ['FeatureAvailability'], packageConfigurations: ['AzureManagedApplicationPackageConfiguration'] };
      if (!kinds[a]) return err(404, 'NotFound', `No route for ${url.pathname}.`);
      return this.page(url, r && kinds[a].includes(String(r.resourceType)) ? [expandedView(r, url)] : []);
    }
    const lower = a?.toLowerCase();
    if (['listings', 'properties', 'productavailabilities', 'featureavailabilities', 'packageconfigurations'].includes(lower ?? '') && b && !c) {
      const r = [...product.instances.values()].find((x) => x.id === b);
      if (!r) return err(404, 'NotFound', `${a} ${b} was not found.`);
      if (method === 'GET') return { status: 200, body: expandedView(r, url) };
      if (method === 'PUT') {
        const answer = this.replace(r, body && unexpandedDropped(body, r, url), req);
        return answer.status === 200 ? { status: 200, body: expandedView(r, url) } : answer;
      }
      return err(405, 'MethodNotAllowed', 'Use GET or PUT.');
    }
    if (a === 'listings' && b && c === 'images') return this.imageRoute(product, method, b, d, body, req);
    if (a === 'variants') return this.variantRoute(product, method, b, body, req);
    if (a === 'packages') return this.packageRoute(product, method, b, body, req);
    if (a === 'leadconfiguration') {
      if (method === 'GET') return product.lead ? { status: 200, body: product.lead } : err(404, 'NotFound', 'No lead configuration.');
      if (method === 'POST') {
        const refused = this.refuse(body);
        if (refused) return refused;
        product.lead = clone(body!);
        return { status: 200, body: product.lead };
      }
    }
    if (a === 'resellerConfiguration' && !b) {
      if (method === 'GET') return product.reseller ? { status: 200, body: product.reseller } : err(404, 'NotFound', 'No reseller configuration.');
      if (method === 'POST') {
        const refused = this.refuse(body);
        if (refused) return refused;
        if (body!.resellerChannelState === 'PartialOptIn' && !(body!.tenantIds as unknown[] | undefined)?.length) return serviceRefusal({ tenantIds: ['PartialOptIn needs at least one tenant.'] });
        product.reseller = { resourceType: 'ResellerConfiguration', resellerChannelState: body!.resellerChannelState, tenantIds: [...((body!.tenantIds as string[] | undefined) ?? [])].reverse() };
        return { status: 200, body: product.reseller };
      }
    }
    if (a === 'submissions') return submissionRoute(this, product, method, url, b, c, body);
    return err(404, 'NotFound', `No route for ${method} ${url.pathname}.`);
  }

  /** The service's refusal of a body that does not fit the swagger, or undefined. */
  refuse(body: Json | undefined): Response | undefined {
    if (!body) return err(400, 'InvalidRequest', 'A body is required.');
    const problems = contractProblems(body);
    return problems ? serviceRefusal(problems) : undefined;
  }

  private matchesFilter(p: Product, filter: string | null): boolean {
    if (!filter) return true;
    const m = /i\/value eq '([^']*)'/.exec(filter);
    return m ? p.offerId === m[1] : true;
  }

  private productBody(p: Product): Json {
    return { resourceType: p.resourceType, name: p.name, externalIDs: [{ type: 'AzureOfferId', value: p.offerId }], isModularPublishing: true, id: p.id };
  }

  private newInstance(p: Product, module: Module, resource: Json, variantID?: string, instance: string = randomUUID()): void {
    p.instances.set(instance, { ...resource, id: randomUUID(), '@odata.etag': etag() });
    p.branches.push({ module, currentDraftInstanceID: instance, ...(variantID ? { variantID, readyAt: Date.now() + this.branchDelayMs } : {}) });
  }

  private createProduct(body: Json | undefined): Response {
    if (!body) return err(400, 'InvalidRequest', 'A body is required.');
    const refused = this.refuse(body);
    if (refused) return refused;
    const ext = (body.externalIds ?? body.externalIDs) as { type: string; value: string }[] | undefined;
    const offerId = ext?.find((x) => x.type.toLowerCase() === 'azureofferid')?.value;
    if (!offerId) return err(400, 'InvalidRequest', 'An AzureOfferId external id is required.');
    if (this.product(offerId)) return err(409, 'Conflict', `An offer with the id ${offerId} already exists.`);
    const p: Product = { id: randomUUID(), name: textOf(body.name ?? offerId), offerId, resourceType: String(body.resourceType), branches: [], instances: new Map(), variants: [], packages: new Map(), images: new Map(), submissions: [] };
    this.newInstance(p, 'Listing', { resourceType: 'AzureListing', languageCode: 'en-us', title: p.name, listingUris: [], listingContacts: [], keywords: [], gettingStartedInstructions: '' });
    this.newInstance(p, 'Property', { resourceType: 'AzureProperty', industries: [], categories: [], leveledCategories: {}, termsOfUse: '', useEnterpriseContract: false });
    this.newInstance(p, 'Availability', { resourceType: 'ProductAvailability', visibility: 'Public', audiences: [], subscriptionAudiences: [], emailAudiences: [] });
    // Co-sell and the reseller configuration: modules offerkit leaves as they are, but a submission names.
    this.newInstance(p, 'Cosell', { resourceType: 'CosellListing' });
    this.newInstance(p, 'ResellerConfiguration', { resourceType: 'ResellerConfiguration' }, undefined, `${p.id}-ResellerInstance`);
    this.products.set(p.id, p);
    return { status: 201, body: this.productBody(p) };
  }

  private replace(r: Json, body: Json | undefined, req: IncomingMessage): Response {
    if (!body) return err(400, 'InvalidRequest', 'A body is required.');
    const ifMatch = req.headers['if-match'];
    if (!ifMatch) return err(428, 'PreconditionRequired', 'If-Match is required.');
    if (ifMatch !== '*' && ifMatch !== r['@odata.etag']) return err(412, 'PreconditionFailed', 'The resource was changed since it was read (etag does not match).');
    if (String(body.resourceType ?? r.resourceType) !== r.resourceType) return err(400, 'InvalidRequest', `resourceType cannot change from ${String(r.resourceType)}.`);
    const refused = this.refuse(body);
    if (refused) return refused;
    for (const k of Object.keys(body)) if (k !== '@odata.etag' && k !== 'id' && k !== 'ID') r[k] = clone(body[k]);
    if (this.normalizes) normalizeStored(r);
    r['@odata.etag'] = etag();
    return { status: 200, body: r };
  }

  private variantRoute(p: Product, method: string, id: string | undefined, body: Json | undefined, req: IncomingMessage): Response {
    if (!id) {
      if (method === 'GET') return { status: 200, body: { value: p.variants } };
      if (method !== 'POST' || !body) return err(405, 'MethodNotAllowed', 'Use GET or POST.');
      const refused = this.refuse(body);
      if (refused) return refused;
      if (p.variants.some((v) => v.externalID === body.externalID)) return err(409, 'Conflict', `A plan with the id ${String(body.externalID)} already exists.`);
      const subType = body.SubType ?? body.subType;
      if (p.resourceType === 'AzureApplication' && subType !== 'managed-application' && subType !== 'solution-template') return err(400, 'InvalidRequest', 'An Azure Application plan needs subType managed-application or solution-template.');
      const v: Json = { resourceType: 'AzureSkuVariant', state: 'Active', friendlyName: body.friendlyName, conversionPaths: '*', externalID: body.externalID, certificationsAzureGovernment: [], cloudAvailabilities: ['public-azure'], subType, extendedProperties: [], '@odata.etag': etag(), id: randomUUID() };
      p.variants.push(v);
      const vid = String(v.id);
      this.newInstance(p, 'Listing', { resourceType: 'AzureListing', languageCode: 'en-us', title: body.friendlyName, listingUris: [], listingContacts: [], keywords: [], gettingStartedInstructions: '' }, vid);
      this.newInstance(p, 'Availability', { resourceType: 'FeatureAvailability', visibility: 'Public', marketStates: PARTNER_CENTER_MARKETS.map((marketCode) => ({ marketCode, state: 'Disabled' })), priceSchedules: [], customMeters: [], subscriptionAudiences: [], isHidden: false }, vid);
      this.newInstance(p, 'Package', { resourceType: 'AzureManagedApplicationPackageConfiguration', version: '', allowJitAccess: false, canEnableCustomerActions: false, allowedCustomerActions: [], publicAzureTenantID: '', publicAzureAuthorizations: [], azureGovernmentTenantID: '', azureGovernmentAuthorizations: [], policies: [], packageReferences: [], deploymentMode: 'Incremental' }, vid);
      return { status: 201, body: v };
    }
    const v = p.variants.find((x) => x.id === id);
    if (!v) return err(404, 'NotFound', `Plan ${id} was not found.`);
    if (method === 'GET') return { status: 200, body: v };
    if (method === 'PUT') return this.replace(v, body, req);
    return err(405, 'MethodNotAllowed', 'Use GET or PUT.');
  }

  sas(blob: string, permissions: string): string {
    const { storage } = this.options;
    const q = generateBlobSASQueryParameters({ containerName: CONTAINER, blobName: blob, permissions: BlobSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(storage.account, storage.key));
    return `${storage.publicUrl}/${storage.account}/${CONTAINER}/${blob}?${q.toString()}`;
  }

  private async packageRoute(p: Product, method: string, id: string | undefined, body: Json | undefined, req: IncomingMessage): Promise<Response> {
    if (!id) {
      if (method === 'GET') return { status: 200, body: { value: await Promise.all([...p.packages.values()].map((x) => this.packageBody(x))) } };
      if (method !== 'POST' || !body) return err(405, 'MethodNotAllowed', 'Use GET or POST.');
      const refused = this.refuse(body);
      if (refused) return refused;
      if (!body.fileName || !/\.zip$/i.test(textOf(body.fileName))) return err(400, 'InvalidRequest', 'A package needs a fileName ending in .zip.');
      const blob = `${p.id}/${randomUUID()}`;
      const pkg = { resourceType: 'AzureApplicationPackage', fileName: body.fileName, state: 'PendingUpload', fileSasUri: this.sas(blob, 'rcw'), '@odata.etag': etag(), id: randomUUID(), blob };
      p.packages.set(pkg.id, pkg);
      return { status: 201, body: await this.packageBody(pkg) };
    }
    const pkg = p.packages.get(id);
    if (!pkg) return err(404, 'NotFound', `Package ${id} was not found.`);
    if (method === 'GET') return { status: 200, body: await this.packageBody(pkg) };
    if (method === 'DELETE') {
      if (pkg.state === 'Processed' && [...p.instances.values()].some((i) => JSON.stringify(i.packageReferences ?? []).includes(id))) return err(409, 'Conflict', 'The package is referenced by a technical configuration.');
      p.packages.delete(id);
      return { status: 204 };
    }
    if (method === 'PUT') {
      const before = pkg.state;
      const r = this.replace(pkg, body, req);
      if (r.status !== 200) return r;
      if (pkg.state === 'Uploaded' && before === 'PendingUpload') {
        const exists = await this.options.storage.client.getContainerClient(CONTAINER).getBlobClient(String(pkg.blob)).exists();
        if (!exists) {
          pkg.state = before;
          return err(400, 'InvalidRequest', 'The package file was not uploaded to its fileSasUri.');
        }
        pkg.state = 'InProcessing';
        pkg.processAt = Date.now() + this.processingMs;
      }
      return { status: 200, body: await this.packageBody(pkg) };
    }
    return err(405, 'MethodNotAllowed', 'Use GET, PUT or DELETE.');
  }

  /** A package as Partner Center shows it; processing finishes on the first read after it is due. */
  private async packageBody(pkg: Json & { processAt?: number; blob?: string }): Promise<Json> {
    if (pkg.state === 'InProcessing' && pkg.processAt !== undefined && Date.now() >= pkg.processAt) {
      const items = this.processingFailure ?? (await this.inspectPackage(String(pkg.blob)));
      pkg.state = items.length ? 'ProcessFailed' : 'Processed';
      pkg.validationItems = items;
      const props = await this.options.storage.client.getContainerClient(CONTAINER).getBlobClient(String(pkg.blob)).getProperties();
      pkg.fileSize = props.contentLength ?? 0;
      pkg['@odata.etag'] = etag();
    }
    const { processAt: _p, blob: _b, ...shown } = pkg;
    // Once uploaded, the file is offered back for reading: the recorded exchange for listing images
    // (test_marketplace_offer_listing_media.yaml, PUT …/images/{id}) answers with a fileSasUri of permissions
    // sp=rl after the upload, and packages live in the same ingestion file storage.
    // Whether packages are offered back is inferred, not recorded: offerDownloads = false models a service that
    // does not (the importer must then ask for the file).
    if (shown.state !== 'PendingUpload') {
      if (this.offerDownloads) shown.fileSasUri = this.sas(String(pkg.blob), 'r');
      else delete shown.fileSasUri;
    }
    return shown;
  }

  /** What Partner Center's package processing refuses: not a zip, or the two files missing from its root. */
  private async inspectPackage(blob: string): Promise<{ errorCode: string; severity: string; message: string; resource?: string }[]> {
    const bytes = await this.options.storage.client.getContainerClient(CONTAINER).getBlobClient(blob).downloadToBuffer();
    let names: string[];
    try {
      names = [...zipEntries(bytes).keys()];
    } catch (e) {
      return [{ errorCode: 'InvalidPackage', severity: 'Error', message: `The file is not a zip archive: ${(e as Error).message}` }];
    }
    return ['mainTemplate.json', 'createUiDefinition.json'].filter((n) => !names.includes(n)).map((n) => ({ errorCode: 'MissingFile', severity: 'Error', message: `${n} must be at the root of the package.`, resource: n }));
  }

  private async imageRoute(p: Product, method: string, listingId: string, id: string | undefined, body: Json | undefined, req: IncomingMessage): Promise<Response> {
    if (![...p.instances.values()].some((x) => x.id === listingId && x.resourceType === 'AzureListing')) return err(404, 'NotFound', `Listing ${listingId} was not found.`);
    const mine = [...p.images.values()].filter((i) => i.listingId === listingId);
    // After the upload, a read SAS: the recorded exchange answers the PUT with sp=rl. A GET carries it only when
    // asked: the swagger's images GETs say "Use $expand=FileSasUri to Include SAS URI in response", and the recorded
    // GET whose $expand was malformed (test_marketplace_offer_listing_media.yaml) answers an uploaded image without it.
    const withSas = method !== 'GET' || (new URL(req.url ?? '/', 'https://x').searchParams.get('$expand') ?? '').split(',').map((t) => t.trim()).includes('FileSasUri');
    const shown = (i: Json) => {
      const { listingId: _l, blob: _b, fileSasUri: _f, ...rest } = i;
      if (rest.state === 'PendingUpload') rest.fileSasUri = i.fileSasUri;
      else if (withSas) rest.fileSasUri = this.sas(String(i.blob), 'r');
      return rest;
    };
    if (!id) {
      if (method === 'GET') return { status: 200, body: { value: mine.map(shown) } };
      if (method !== 'POST' || !body) return err(405, 'MethodNotAllowed', 'Use GET or POST.');
      const refused = this.refuse(body);
      if (refused) return refused;
      if (!['AzureLogoLarge', 'AzureLogoSmall', 'AzureLogoMedium', 'AzureLogoWide', 'AzureScreenshot'].includes(String(body.type))) return err(400, 'InvalidRequest', `Image type ${String(body.type)} is not accepted.`);
      const blob = `${p.id}/img-${randomUUID()}`;
      const image = { ...body, listingId, blob, state: 'PendingUpload', fileSasUri: this.sas(blob, 'rcw'), '@odata.etag': etag(), id: randomUUID() };
      p.images.set(String(image.id), image);
      return { status: 201, body: shown(image) };
    }
    const image = p.images.get(id);
    if (image?.listingId !== listingId) return err(404, 'NotFound', `Image ${id} was not found.`);
    if (method === 'GET') return { status: 200, body: shown(image) };
    if (method === 'DELETE') {
      p.images.delete(id);
      return { status: 204 };
    }
    if (method === 'PUT') {
      const r = this.replace(image, body, req);
      if (r.status !== 200) return r;
      if (image.state === 'Uploaded') {
        const bytes = await this.options.storage.client.getContainerClient(CONTAINER).getBlobClient(String(image.blob)).downloadToBuffer().catch(() => undefined);
        const png = bytes && bytes.length > 24 && bytes.toString('ascii', 1, 4) === 'PNG';
        if (!png) {
          image.state = 'PendingUpload';
          return err(400, 'InvalidRequest', 'The image was not uploaded, or is not a PNG.');
        }
        if (image.type === 'AzureLogoLarge' && (bytes.readUInt32BE(16) !== 216 || bytes.readUInt32BE(20) !== 216)) return err(400, 'InvalidRequest', 'A large logo must be 216×216 pixels.');
      }
      return { status: 200, body: shown(image) };
    }
    return err(405, 'MethodNotAllowed', 'Use GET, PUT or DELETE.');
  }

  nextRelease(): number {
    return ++this.releases;
  }

  /** A list response, paged with a relative nextLink as Partner Center's are. */
  page(url: URL, items: unknown[]): Response {
    const size = this.pageSize;
    const skip = Number(url.searchParams.get('$skipToken') ?? 0) || 0;
    const value = items.slice(skip, skip + size);
    const next = new URL(url.toString());
    next.searchParams.set('$skipToken', String(skip + size));
    return { status: 200, body: { value, ...(skip + size < items.length ? { nextLink: `${next.pathname.replace(/^\//, '')}${next.search}` } : {}) } };
  }
}

/**
 * The swagger's sentence on a feature availability's FeatureAvailabilityExpand parameter (GET by instance, GET
 * by id, PUT): "Use $expand to include MarketStates, PriceSchedules, and Trial in request/response". Each part
 * named in $expand travels; one not named is neither returned nor, in a PUT, kept. Names as the parameter's
 * description and Microsoft's client spell them, exactly (the sample request's "PriceSchedule" does not count).
 */
const EXPANDABLE: Record<string, string> = { MarketStates: 'marketStates', PriceSchedules: 'priceSchedules', Trial: 'trial' };

function expandedParts(url: URL): Set<string> {
  const asked = (url.searchParams.get('$expand') ?? '').split(',').map((t) => t.trim());
  return new Set(asked.filter((t) => Object.hasOwn(EXPANDABLE, t)).map((t) => EXPANDABLE[t]));
}

/** A stored resource as the answer shows it: a feature availability without the parts $expand did not name. */
function expandedView(r: Json, url: URL): Json {
  if (r.resourceType !== 'FeatureAvailability') return r;
  const parts = expandedParts(url);
  return Object.fromEntries(Object.entries(r).filter(([k]) => parts.has(k) || !Object.values(EXPANDABLE).includes(k)));
}

/** A PUT body as the service applies it: a feature availability's parts $expand did not name are not kept. */
function unexpandedDropped(body: Json, stored: Json, url: URL): Json {
  if (stored.resourceType !== 'FeatureAvailability') return body;
  const parts = expandedParts(url);
  return Object.fromEntries(Object.entries(body).filter(([k]) => parts.has(k) || !Object.values(EXPANDABLE).includes(k)));
}

/** What the service does to a resource it stores: lists every market, fills meter ids, rewrites HTML, orders sets its own way. */
function normalizeStored(r: Json): void {
  if (r.resourceType === 'FeatureAvailability') {
    const given = new Map(((r.marketStates as { marketCode: string; state: string }[] | undefined) ?? []).map((m) => [m.marketCode.toUpperCase(), m.state]));
    r.marketStates = [...new Set([...PARTNER_CENTER_MARKETS, ...given.keys()])].map((marketCode) => ({ marketCode, state: given.get(marketCode) ?? 'Disabled' }));
    r.customMeters = ((r.customMeters as Json[] | undefined) ?? []).map((m) => ({ uniqueID: randomUUID(), ...m }));
    for (const ps of (r.priceSchedules as { marketCodes?: string[] }[] | undefined) ?? []) if (ps.marketCodes) ps.marketCodes = [...ps.marketCodes].reverse();
  }
  for (const k of ['description', 'termsOfUse']) if (typeof r[k] === 'string') r[k] = rewriteHtml(r[k]);
  if (Array.isArray(r.allowedCustomerActions)) r.allowedCustomerActions = [...(r.allowedCustomerActions as unknown[])].reverse();
}

/** A sanitiser's rewriting: void elements self-closed, apostrophes as entities, no whitespace between tags. */
function rewriteHtml(html: string): string {
  return html.replace(/<br>/g, '<br />').replace(/>\s+</g, '><').replace(/'/g, '&#39;');
}
