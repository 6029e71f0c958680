// Uploading a file to a SAS URL that a service handed out (Partner Center's fileSasUri for packages and
// listing images), as a block blob with the storage SDK — its retry policy, its timeouts. The SAS is the
// only credential; the URL is a secret and is never printed.

import type { RetrySettings } from './clients.js';
import { load } from './lazy-module.js';

export async function uploadToSasUrl(
  sasUrl: string,
  bytes: Buffer,
  retry: RetrySettings,
  options: { contentType: string; onProgress?: (loaded: number, total: number) => void; abortSignal?: AbortSignal },
): Promise<void> {
  const { BlockBlobClient, AnonymousCredential } = await load(import('@azure/storage-blob'));
  const client = new BlockBlobClient(sasUrl, new AnonymousCredential(), {
    retryOptions: { maxTries: retry.maxRetries + 1, retryDelayInMs: retry.retryDelayMs, maxRetryDelayInMs: retry.maxRetryDelayMs, tryTimeoutInMs: retry.timeoutMs },
    userAgentOptions: { userAgentPrefix: 'offerkit' },
  });
  await client.uploadData(bytes, {
    blobHTTPHeaders: { blobContentType: options.contentType },
    ...(options.onProgress ? { onProgress: (p: { loadedBytes: number }) => options.onProgress!(p.loadedBytes, bytes.length) } : {}),
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  });
}
