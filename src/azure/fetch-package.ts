// Reading a package from an https URL (--package-url) with the Azure SDK's HTTP pipeline — its retry and
// throttling policies, its timeout — so offerkit can check that the URL holds the package it built before a
// definition is made to point at it.

import type { Readable } from 'node:stream';
import type { RetrySettings } from './clients.js';
import { load } from './lazy-module.js';
import { attemptTimeoutPolicy } from './attempt-timeout.js';

export const MAX_PACKAGE_DOWNLOAD = 120 * 1024 * 1024;

export async function fetchPackageBytes(url: string, retry: RetrySettings): Promise<Buffer> {
  const pipeline = await load(import('@azure/core-rest-pipeline'));
  const client = pipeline.createDefaultHttpClient();
  const p = pipeline.createPipelineFromOptions({ retryOptions: { maxRetries: retry.maxRetries, retryDelayInMs: retry.retryDelayMs, maxRetryDelayInMs: retry.maxRetryDelayMs }, userAgentOptions: { userAgentPrefix: 'offerkit' } });
  p.addPolicy(await attemptTimeoutPolicy(retry.timeoutMs), { afterPhase: 'Retry' });
  const request = pipeline.createPipelineRequest({ url, method: 'GET', streamResponseStatusCodes: new Set([200]) });
  const response = await p.sendRequest(client, request);
  if (response.status !== 200) throw Object.assign(new Error(`HTTP ${response.status}`), { statusCode: response.status });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.readableStreamBody ?? []) {
    size += (chunk as Buffer).length;
    if (size > MAX_PACKAGE_DOWNLOAD) {
      (response.readableStreamBody as Readable | undefined)?.destroy();
      throw new Error(`the package is larger than ${MAX_PACKAGE_DOWNLOAD / 1024 / 1024} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
