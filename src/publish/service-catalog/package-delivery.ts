// Getting app.zip to ARM through a storage account: a private container, a blob named by the package's
// sha256 (a re-run finds it and skips the upload), and a read-only, https-only SAS that expires soon
// after the publish — a user-delegation SAS with Entra credentials, an account-key SAS only when a key
// is given.

import { readOnlyBlobSas } from '../../azure/blob-sas.js';
import { blobClient, type AzureContext } from '../../azure/clients.js';

export const CONTAINER = 'offerkit-packages';
/** How long after the publish starts ARM may still read the package. */
export const SAS_LIFETIME_MS = 60 * 60 * 1000;
/** Clock-skew allowance for the SAS start time. */
const SKEW_MS = 5 * 60 * 1000;

export interface StorageDelivery {
  account: string;
  accountKey?: string;
}

export class PublicContainerError extends Error {
  constructor(account: string, level: string) {
    super(`Container ${CONTAINER} in storage account ${account} allows anonymous ${level} access; offerkit only puts packages in a private container. Remove its public access level (or delete it) and run again.`);
  }
}

export interface UploadResult {
  blobName: string;
  uploaded: boolean;
  /** The blob URL with its SAS: secret, never printed unredacted. */
  sasUrl: string;
  expiresOn: Date;
}

/** Where a definition's packages live: one folder per definition (so cleaning up old packages of one
 * definition never touches another's), one blob per package hash. */
export function packageFolder(scope: { subscription: string; resourceGroup: string }, definitionName: string): string {
  return `${scope.subscription}/${scope.resourceGroup.toLowerCase()}/${definitionName}/`;
}

export function blobNameFor(scope: { subscription: string; resourceGroup: string }, definitionName: string, sha256: string): string {
  return `${packageFolder(scope, definitionName)}${sha256}.zip`;
}

export async function uploadPackage(
  ctx: AzureContext,
  target: StorageDelivery,
  blobName: string,
  bytes: Buffer,
  sha256: string,
  options: { now: Date; onProgress?: (loaded: number, total: number) => void; abortSignal?: AbortSignal },
): Promise<UploadResult> {
  const service = await blobClient(ctx, target.account, target.accountKey);
  const container = service.getContainerClient(CONTAINER);
  // Private: created without a public access level, and refused if someone made it public.
  const created = await container.createIfNotExists({ ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}) });
  if (!created.succeeded) {
    // Container properties carry the public access level and, unlike the ACL, can be read with Entra credentials.
    const props = await container.getProperties();
    if (props.blobPublicAccess) throw new PublicContainerError(target.account, props.blobPublicAccess);
  }
  const blob = container.getBlockBlobClient(blobName);
  let uploaded = false;
  const existing = await blob.getProperties().catch((e: { statusCode?: number }) => {
    if (e.statusCode === 404) return undefined;
    throw e;
  });
  if (existing?.contentLength !== bytes.length || existing.metadata?.sha256 !== sha256) {
    await blob.uploadData(bytes, {
      blobHTTPHeaders: { blobContentType: 'application/zip' },
      metadata: { sha256 },
      ...(options.onProgress ? { onProgress: (p: { loadedBytes: number }) => options.onProgress!(p.loadedBytes, bytes.length) } : {}),
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    uploaded = true;
  }
  const startsOn = new Date(options.now.getTime() - SKEW_MS);
  const expiresOn = new Date(options.now.getTime() + SAS_LIFETIME_MS);
  const query = await readOnlyBlobSas(service, { account: target.account, container: CONTAINER, blobName, startsOn, expiresOn, ...(target.accountKey ? { accountKey: target.accountKey } : {}) });
  return { blobName, uploaded, sasUrl: `${blob.url}?${query}`, expiresOn };
}

/** Removes packages of this plan other than the current one (after the definition points at it). */
export async function removeOtherPackages(ctx: AzureContext, target: StorageDelivery, prefix: string, keep: string): Promise<string[]> {
  const service = await blobClient(ctx, target.account, target.accountKey);
  const container = service.getContainerClient(CONTAINER);
  const removed: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix })) {
    if (b.name === keep) continue;
    await container.deleteBlob(b.name, { deleteSnapshots: 'include' }).catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 404) throw e;
    });
    removed.push(b.name);
  }
  return removed;
}

/** Does a package blob exist (for `definitions diff` and re-runs)? */
export async function packageExists(ctx: AzureContext, target: StorageDelivery, blobName: string): Promise<boolean> {
  const service = await blobClient(ctx, target.account, target.accountKey);
  return service.getContainerClient(CONTAINER).getBlockBlobClient(blobName).exists();
}
