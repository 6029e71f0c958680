// A client for Partner Center's submission API v1 (the one that covers Azure Application offers), built on
// the Azure SDK's HTTP pipeline: bearer tokens from the credential for Partner Center's scope, retries of
// throttling (Retry-After), 5xx answers, dropped connections and timeouts, user agent, all as pipeline
// policies. A retried create may find that its first attempt took effect after all (a lost answer):
// callers of create() look for what they asked for when Partner Center answers that it exists, and remove
// their own duplicates, so no second product, plan or package stays. PUTs carry the resource's etag.

import type { HttpClient, Pipeline, PipelineRequest } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import { redact } from '../util/redact.js';
import { describeSignInError, type RetrySettings } from './clients.js';
import { load } from './lazy-module.js';
import { attemptTimeoutPolicy } from './attempt-timeout.js';
import { checkRequestBody } from './partner-center-contract.js';

export interface PartnerCenterSettings {
  /** https://api.partner.microsoft.com/v1.0/ingestion, or another endpoint of the same API. */
  endpoint: string;
  scope: string;
  credential: TokenCredential;
  retry: RetrySettings;
}

/** One request as the client saw it (the bench counts these). */
export interface PartnerCenterCall {
  method: string;
  path: string;
  status: number;
}

/** A resource of the API: JSON with an id and an etag. */
export type PcResource = Record<string, unknown> & { id?: string; '@odata.etag'?: string };

/** One exchange as `--trace` records it: secrets redacted, bodies bounded. */
export interface TraceRecord {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId?: string;
  correlationId?: string;
  request?: unknown;
  response?: unknown;
}

export class PartnerCenterError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly method: string,
    readonly path: string,
    readonly details: unknown[] = [],
    /** What Partner Center support asks for: the request-id header and the correlation id of the failure. */
    readonly ids: { requestId?: string; correlationId?: string } = {},
  ) {
    super(redact(message));
    this.name = 'PartnerCenterError';
  }
}

const TRACE_BODY_LIMIT = 64 * 1024;

/** A body for the trace: parsed JSON with secrets redacted, or a bounded, redacted text. */
function traced(text: string | undefined): unknown {
  if (!text) return undefined;
  const clean = redact(text.length > TRACE_BODY_LIMIT ? text.slice(0, TRACE_BODY_LIMIT) : text);
  if (text.length > TRACE_BODY_LIMIT) return `${clean}… (${text.length} characters in all)`;
  try {
    return JSON.parse(clean) as unknown;
  } catch {
    return clean;
  }
}

/**
 * Partner Center's failures come in two shapes: `{"error": {code, message, details}}`, and a JSON string
 * such as `"ICH50400 - Unable to complete request. {\"faultCode\":50400,\"reasonPhrase\":…,\"correlationId\":…,
 * \"data\":{\"Field\":[\"why\"]}}"` (as recorded from the live service). Both become code, message, details.
 */
export function parseFailure(json: unknown, status: number): { code: string; message: string; details: unknown[]; correlationId?: string } {
  if (typeof json === 'string') {
    const m = /^\s*([A-Z]{2,}\d+)\s*-\s*([^{]*)(\{[\s\S]*\})?\s*$/.exec(json);
    let inner: { faultCode?: number; reasonPhrase?: string; correlationId?: string; data?: Record<string, unknown> } = {};
    if (m?.[3]) {
      try {
        inner = JSON.parse(m[3]) as typeof inner;
      } catch {
        inner = {};
      }
    }
    const data = inner.data && typeof inner.data === 'object' ? Object.entries(inner.data).map(([field, why]) => `${field}: ${Array.isArray(why) ? why.join(' ') : String(why)}`) : [];
    const message = [m ? m[2].trim() : json.slice(0, 300), inner.reasonPhrase, ...data].filter(Boolean).join(' ');
    return { code: m?.[1] ?? `Http${status}`, message: message || `HTTP ${status}`, details: data, ...(inner.correlationId ? { correlationId: String(inner.correlationId) } : {}) };
  }
  const err = (json && typeof json === 'object' ? ((json as { error?: unknown }).error ?? json) : {}) as { code?: string; message?: string; details?: unknown[]; correlationId?: string };
  const details = Array.isArray(err.details) ? err.details : [];
  const detailText = details.map((d) => (d && typeof d === 'object' ? [(d as { target?: string }).target, (d as { message?: string }).message].filter(Boolean).join(': ') : String(d))).filter(Boolean);
  return {
    code: typeof err.code === 'string' ? err.code : `Http${status}`,
    message: [typeof err.message === 'string' ? err.message : `HTTP ${status}`, ...detailText].join(' '),
    details,
    ...(typeof err.correlationId === 'string' ? { correlationId: err.correlationId } : {}),
  };
}

const MAX_PAGES = 200;
const userAgentPrefix = 'offerkit';

export class PartnerCenterClient {
  readonly calls: PartnerCenterCall[] = [];
  /** Every exchange, when the run is traced (`--trace`); undefined otherwise. */
  trace?: TraceRecord[];
  private readonly base: URL;

  private constructor(
    settings: PartnerCenterSettings,
    private readonly http: HttpClient,
    private readonly pipeline: Pipeline,
    private readonly make: (url: string, method: PipelineRequest['method'], body?: string, headers?: Record<string, string>) => PipelineRequest,
  ) {
    this.base = new URL(settings.endpoint.replace(/\/+$/, '') + '/');
  }

  static async create(settings: PartnerCenterSettings): Promise<PartnerCenterClient> {
    const p = await load(import('@azure/core-rest-pipeline'));
    const retryOptions = { maxRetries: settings.retry.maxRetries, retryDelayInMs: settings.retry.retryDelayMs, maxRetryDelayInMs: settings.retry.maxRetryDelayMs };
    const auth = p.bearerTokenAuthenticationPolicy({ credential: settings.credential, scopes: settings.scope });
    const pipeline = p.createPipelineFromOptions({ retryOptions, userAgentOptions: { userAgentPrefix } });
    pipeline.addPolicy(auth);
    pipeline.addPolicy(await attemptTimeoutPolicy(settings.retry.timeoutMs), { afterPhase: 'Retry' });
    const make = (url: string, method: PipelineRequest['method'], body?: string, headers: Record<string, string> = {}) =>
      p.createPipelineRequest({
        url,
        method,
        headers: p.createHttpHeaders({ accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }),
        ...(body !== undefined ? { body } : {}),
      });
    return new PartnerCenterClient(settings, p.createDefaultHttpClient(), pipeline, make);
  }

  /** The absolute URL of a path of the API (`products/{id}`) or of a next link (absolute or relative). */
  url(path: string): string {
    if (/^https:\/\//i.test(path)) return path;
    // Next links come as `v1.0/ingestion/products?$skipToken=…` (relative to the host) or relative to the API.
    const apiPath = this.base.pathname.replace(/^\/+/, '');
    if (apiPath && path.replace(/^\/+/, '').startsWith(apiPath)) return new URL(`/${path.replace(/^\/+/, '')}`, this.base.origin).toString();
    return new URL(path.replace(/^\/+/, ''), this.base).toString();
  }

  private async send(method: PipelineRequest['method'], path: string, body?: unknown, options: { etag?: string | null; serverOwned?: ReadonlySet<string> } = {}): Promise<{ status: number; json: unknown; etag?: string }> {
    const url = this.url(path);
    const shown = new URL(url).pathname.replace(this.base.pathname, '/') + new URL(url).search;
    // The contract first: a body that does not fit the swagger is never sent.
    if (body !== undefined) await checkRequestBody(method, shown, body, options.serverOwned);
    const headers: Record<string, string> = {};
    if ((method === 'PUT' || method === 'DELETE') && options.etag !== null) headers['if-match'] = options.etag ?? '*';
    const text = body === undefined ? undefined : JSON.stringify(body);
    const request = this.make(url, method, text, headers);
    const started = Date.now();
    let response;
    try {
      response = await this.pipeline.sendRequest(this.http, request);
    } catch (e) {
      this.calls.push({ method, path: shown, status: 0 });
      this.trace?.push({ time: new Date(started).toISOString(), method, path: redact(shown), status: 0, ms: Date.now() - started, ...(text ? { request: traced(text) } : {}), response: redact(String((e as Error).message ?? e)) });
      throw e;
    }
    this.calls.push({ method, path: shown, status: response.status });
    const requestId = response.headers.get('request-id') ?? response.headers.get('x-ms-request-id') ?? undefined;
    const headerCorrelation = response.headers.get('ms-correlationid') ?? response.headers.get('x-ms-correlation-request-id') ?? undefined;
    let json: unknown = undefined;
    if (response.bodyAsText) {
      try {
        json = JSON.parse(response.bodyAsText);
      } catch {
        json = response.bodyAsText;
      }
    }
    const failure = response.status >= 400 ? parseFailure(json, response.status) : undefined;
    const correlationId = failure?.correlationId ?? headerCorrelation;
    this.trace?.push({
      time: new Date(started).toISOString(),
      method,
      path: redact(shown),
      status: response.status,
      ms: Date.now() - started,
      ...(requestId ? { requestId } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...(text ? { request: traced(text) } : {}),
      ...(response.bodyAsText ? { response: traced(response.bodyAsText) } : {}),
    });
    if (failure) {
      throw new PartnerCenterError(response.status, failure.code, failure.message, method, shown, failure.details, { ...(requestId ? { requestId } : {}), ...(correlationId ? { correlationId } : {}) });
    }
    const etag = response.headers.get('etag') ?? undefined;
    return { status: response.status, json, ...(etag ? { etag } : {}) };
  }

  async get<T = PcResource>(path: string): Promise<T> {
    return (await this.send('GET', path)).json as T;
  }

  /** GET that answers undefined for 404. */
  async find<T = PcResource>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (e) {
      if (e instanceof PartnerCenterError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Every item of a paged collection, following `@odata.nextLink` / `nextLink`. */
  async list<T = PcResource>(path: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const body: { value?: T[]; nextLink?: string; '@odata.nextLink'?: string } = (await this.get<{ value?: T[]; nextLink?: string; '@odata.nextLink'?: string }>(next)) ?? {};
      out.push(...(Array.isArray(body.value) ? body.value : []));
      next = body['@odata.nextLink'] ?? body.nextLink;
    }
    return out;
  }

  /** Replaces a resource; If-Match carries its etag. `serverOwned`: properties kept as Partner Center returned them. */
  async put<T = PcResource>(path: string, body: PcResource, serverOwned?: ReadonlySet<string>): Promise<T> {
    return (await this.send('PUT', path, body, { ...(body['@odata.etag'] ? { etag: body['@odata.etag'] } : {}), ...(serverOwned ? { serverOwned } : {}) })).json as T;
  }

  /** A POST that creates something (see above for what a caller does when it already exists). */
  async create<T = PcResource>(path: string, body: unknown): Promise<T> {
    return (await this.send('POST', path, body)).json as T;
  }

  /** A POST that acts on something that exists (promote, reseller configuration); promote takes no body. */
  async post<T = PcResource>(path: string, body?: unknown): Promise<T> {
    return (await this.send('POST', path, body)).json as T;
  }

  /** `etag`: the resource's (If-Match), none given (If-Match: *), or null where the API takes no If-Match (a submission). */
  async delete(path: string, etag?: string | null): Promise<void> {
    await this.send('DELETE', path, undefined, etag === null ? { etag: null } : etag ? { etag } : {});
  }
}

/** A short, secret-free description of a Partner Center failure, with what to do about the usual ones. */
export function describePartnerCenterError(e: unknown): { message: string; hint?: string } {
  if (e instanceof PartnerCenterError) {
    const ids = [e.ids.requestId ? `request-id ${e.ids.requestId}` : '', e.ids.correlationId ? `correlationId ${e.ids.correlationId}` : ''].filter(Boolean).join(', ');
    const base = `HTTP ${e.status} ${e.code} — ${e.message} (${e.method} ${e.path}${ids ? `; ${ids}` : ''})`;
    if (e.status === 401 || e.status === 403) {
      return {
        message: redact(base),
        hint: 'Partner Center accepts the token only from a Microsoft Entra application that has been added to your Partner Center account with the Manager role (Account settings → User management → Microsoft Entra applications). Sign in as that application (AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET, a workload identity, or `az login --service-principal`).',
      };
    }
    return { message: redact(base), ...(e.status >= 400 && e.status < 500 && e.status !== 404 ? { hint: 'Partner Center refused the request. Run again with --trace <file> to record every request and answer (secrets removed) and give Partner Center support the request-id and correlationId above with that file.' } : {}) };
  }
  const signIn = describeSignInError(e);
  if (signIn) return { message: signIn, hint: 'Check the credentials offerkit signs in with (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, a workload or managed identity, or `az login`).' };
  const err = e as { statusCode?: number; code?: string; message?: string };
  return { message: redact([err.statusCode ? `HTTP ${err.statusCode}` : '', err.code ?? '', (err.message ?? String(e)).split('\n')[0]].filter(Boolean).join(' — ')) };
}
