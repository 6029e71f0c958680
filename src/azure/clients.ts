// Azure SDK clients built for a cloud: the only place offerkit constructs them. Retry, throttling
// (Retry-After) and timeouts are the SDK pipeline's; offerkit only sets their parameters.

import type { TokenCredential } from '@azure/identity';
import type { ApplicationClient } from '@azure/arm-managedapplications';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { BlobServiceClient } from '@azure/storage-blob';
import { redact } from '../util/redact.js';
import { blobEndpoint, type CloudConfig } from './clouds.js';
import { load } from './lazy-module.js';
import { attemptTimeoutPolicy } from './attempt-timeout.js';

export interface RetrySettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 4, retryDelayMs: 800, maxRetryDelayMs: 30000, timeoutMs: 120000 };

export interface AzureContext {
  cloud: CloudConfig;
  credential: TokenCredential;
  subscription: string;
  retry: RetrySettings;
}

const userAgentPrefix = 'offerkit';

export async function resourcesClient(ctx: AzureContext): Promise<ResourceManagementClient> {
  const { ResourceManagementClient } = await load(import('@azure/arm-resources'));
  return new ResourceManagementClient(ctx.credential, ctx.subscription, await armOptions(ctx));
}

export async function managedAppsClient(ctx: AzureContext): Promise<ApplicationClient> {
  const { ApplicationClient } = await load(import('@azure/arm-managedapplications'));
  return new ApplicationClient(ctx.credential, ctx.subscription, await armOptions(ctx));
}

/**
 * Request bodies offerkit builds itself and sends as they are. The deployments client's serializer copies
 * `parameters` into a plain object key by key, where a parameter named __proto__ becomes the object's prototype
 * and is silently dropped; a request made with `exactBody(body)` goes out with offerkit's own JSON of the same
 * request instead (the pipeline's policies — sign-in, retries, time limits — still apply).
 */
const exactBodies = new Map<string, string>();
const EXACT_BODY = 'x-offerkit-exact-body';

/** Options for a request sent with `body` as it is: `requestOptions` for an operation's options. */
export function exactBody(body: unknown): { requestOptions: { customHeaders: Record<string, string> }; release: () => void } {
  const id = `${exactBodies.size}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  exactBodies.set(id, JSON.stringify(body));
  return { requestOptions: { customHeaders: { [EXACT_BODY]: id } }, release: () => void exactBodies.delete(id) };
}

const exactBodyPolicy: PipelinePolicy = {
  name: 'offerkitExactBody',
  sendRequest(request, next) {
    const id = request.headers.get(EXACT_BODY);
    if (id !== undefined) {
      request.headers.delete(EXACT_BODY);
      const body = exactBodies.get(id);
      if (body !== undefined && request.method !== 'GET') request.body = body;
    }
    return next(request);
  },
};

/**
 * Template deployments (validate, what-if, create, operations). @azure/arm-resources 6 carries them; its 7 and 8 and
 * Microsoft's separate @azure/arm-resourcesdeployments need Node.js 22, and offerkit supports Node.js 20 while the
 * machines it is built and tested on have it (README, Requirements).
 */
export async function deploymentsClient(ctx: AzureContext): Promise<Pick<ResourceManagementClient, 'deployments' | 'deploymentOperations'>> {
  return resourcesClient(ctx);
}

async function armOptions(ctx: AzureContext) {
  return {
    endpoint: ctx.cloud.resourceManager,
    $host: ctx.cloud.resourceManager,
    credentialScopes: [ctx.cloud.armScope],
    userAgentOptions: { userAgentPrefix },
    retryOptions: { maxRetries: ctx.retry.maxRetries, retryDelayInMs: ctx.retry.retryDelayMs, maxRetryDelayInMs: ctx.retry.maxRetryDelayMs },
    // Each attempt has its time limit, and a slow answer is retried like a dropped connection.
    additionalPolicies: [
      { policy: exactBodyPolicy, position: 'perCall' as const },
      { policy: await attemptTimeoutPolicy(ctx.retry.timeoutMs), position: 'perRetry' as const },
    ],
  };
}

/** Per-operation options (the per-attempt time limit is a pipeline policy of the client). */
export function requestOptions(_ctx: AzureContext, abortSignal?: AbortSignal) {
  return abortSignal ? { abortSignal } : {};
}

export async function blobClient(ctx: AzureContext, account: string, accountKey?: string): Promise<BlobServiceClient> {
  const storage = await load(import('@azure/storage-blob'));
  const retryOptions = { maxTries: ctx.retry.maxRetries + 1, retryDelayInMs: ctx.retry.retryDelayMs, maxRetryDelayInMs: ctx.retry.maxRetryDelayMs, tryTimeoutInMs: ctx.retry.timeoutMs };
  const url = blobEndpoint(ctx.cloud, account);
  const options = { retryOptions, userAgentOptions: { userAgentPrefix }, audience: ctx.cloud.storageScope };
  return accountKey ? new storage.BlobServiceClient(url, new storage.StorageSharedKeyCredential(account, accountKey), options) : new storage.BlobServiceClient(url, ctx.credential, options);
}

/** A sign-in failure (from @azure/identity) in words: which credential, and what Entra said. */
export function describeSignInError(e: unknown): string | undefined {
  const err = e as { name?: string; message?: string; errorResponse?: { error?: string; errorDescription?: string }; errors?: unknown[] };
  if (!err || !/^(AuthenticationError|AggregateAuthenticationError|CredentialUnavailableError|AuthenticationRequiredError)$/.test(err.name ?? '')) return undefined;
  const inner = Array.isArray(err.errors) && err.errors.length ? err.errors.map(describeSignInError).filter(Boolean).join('; ') : '';
  const said = err.errorResponse?.errorDescription ?? err.errorResponse?.error ?? String(err.message ?? '').split('\n')[0].replace(/\[object Object\]:?\s*/g, '');
  const detail = said && !said.includes('Not Available - Timestamp: Not Available') ? said : 'the sign-in service did not give a token (it may be unavailable; try again)';
  return redact(`signing in to Microsoft Entra failed (${err.name}): ${inner || detail}`);
}

/** A short, secret-free description of an SDK error for messages. */
export function describeAzureError(e: unknown): string {
  const signIn = describeSignInError(e);
  if (signIn) return signIn;
  const err = e as { statusCode?: number; code?: string; message?: string; name?: string; details?: { error?: { code?: string; message?: string } } };
  const status = err.statusCode ? `HTTP ${err.statusCode}` : '';
  const code = err.code ?? err.details?.error?.code ?? err.name ?? '';
  const message = (err.message ?? String(e)).split('\n')[0];
  return redact([status, code, message].filter(Boolean).join(' — '));
}
