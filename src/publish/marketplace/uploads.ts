// Files Partner Center takes through a SAS URL it hands out: a plan's package (created, uploaded as a block
// blob, marked uploaded, then waited on until Partner Center has processed it) and the listing's logo.
// Both carry the file's sha256 in their name, so a re-run — or a run after one that was killed — finds
// what is already there instead of uploading it again, and removes only its own unfinished leftovers.

import type { PartnerCenterClient, PcResource } from '../../azure/partner-center.js';
import type { RetrySettings } from '../../azure/clients.js';
import { uploadToSasUrl } from '../../azure/sas-upload.js';
import { LOGO_TYPE, PACKAGE_RESOURCE_TYPE, shaInFileName } from './desired.js';
import type { ProductView } from './product.js';
import { enc } from './product.js';
import { textOf } from '../../util/text-of.js';

export interface UploadContext {
  product: ProductView;
  client: PartnerCenterClient;
  retry: RetrySettings;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  onProgress?: (loaded: number, total: number) => void;
  onWait?: (state: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export class PackageProcessingError extends Error {
  constructor(
    message: string,
    readonly items: { errorCode?: string; severity?: string; message?: string; resource?: string }[],
  ) {
    super(message);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Re-reads `path` until its state is one of `done`, or fails after the wait limit. */
async function waitForState(ctx: UploadContext, path: string, done: string[], what: string): Promise<PcResource> {
  const sleep = ctx.sleep ?? defaultSleep;
  const started = Date.now();
  let last = '';
  for (;;) {
    const r = await ctx.client.get(path);
    const state = textOf(r.state ?? '');
    if (done.includes(state)) return r;
    if (state !== last) ctx.onWait?.(state);
    last = state;
    if (Date.now() - started > ctx.waitTimeoutMs) throw new Error(`${what} is still ${state || 'not processed'} after ${Math.round(ctx.waitTimeoutMs / 1000)} s; run the same command again later to continue`);
    await sleep(ctx.pollIntervalMs);
  }
}

const referencedPackage = (config: PcResource | undefined): string | undefined =>
  ((config?.packageReferences as { type: string; value: string }[] | undefined) ?? []).find((r) => r.type === PACKAGE_RESOURCE_TYPE)?.value;

/** Is the package the configuration points at the one with this hash, processed? */
export async function currentPackageMatches(ctx: UploadContext, config: PcResource | undefined, sha256: string): Promise<string | undefined> {
  const id = referencedPackage(config);
  if (!id) return undefined;
  const pkg = await ctx.client.find(ctx.product.path(`packages/${enc(id)}`));
  return pkg && shaInFileName(pkg.fileName) === sha256 && pkg.state === 'Processed' ? id : undefined;
}

/** A processed package with this file name: found, finished, or created and uploaded now. */
export async function ensurePackage(ctx: UploadContext, file: { fileName: string; bytes: Buffer }): Promise<{ id: string; uploaded: boolean }> {
  const list = () => ctx.client.list(ctx.product.path('packages'));
  const mine = (await list()).filter((p) => p.fileName === file.fileName);
  const processed = mine.find((p) => p.state === 'Processed');
  if (processed?.id) return { id: processed.id, uploaded: false };
  const inFlight = mine.find((p) => p.state === 'Uploaded' || p.state === 'InProcessing');
  if (inFlight?.id) return { id: (await settle(ctx, inFlight.id)).id!, uploaded: false };
  // Leftovers of a run that stopped before its upload finished, or a failed attempt: only ours, by name.
  for (const p of mine) if (p.id) await ctx.client.delete(ctx.product.path(`packages/${enc(p.id)}`), p['@odata.etag']);

  let created: PcResource;
  try {
    created = await ctx.client.create(ctx.product.path('packages'), { resourceType: PACKAGE_RESOURCE_TYPE, fileName: file.fileName });
  } catch (e) {
    // The answer may have been lost after Partner Center created it: look before failing.
    const again = (await list()).find((p) => p.fileName === file.fileName && p.state === 'PendingUpload');
    if (!again?.id) throw e;
    created = (await ctx.client.get(ctx.product.path(`packages/${enc(again.id)}`)));
  }
  // A create retried after its answer was lost leaves a twin: only the one used stays.
  for (const twin of (await list()).filter((p) => p.fileName === file.fileName && p.id !== created.id && p.state === 'PendingUpload')) {
    await ctx.client.delete(ctx.product.path(`packages/${enc(twin.id!)}`), twin['@odata.etag']);
  }
  const sas = textOf(created.fileSasUri ?? '');
  if (!/^https:\/\//i.test(sas)) throw new Error('Partner Center gave no https upload address (fileSasUri) for the package');
  await uploadToSasUrl(sas, file.bytes, ctx.retry, { contentType: 'application/zip', ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
  await markUploaded(ctx, ctx.product.path(`packages/${enc(created.id!)}`), created);
  const done = await settle(ctx, created.id!);
  return { id: done.id!, uploaded: true };
}

/** Marks an upload done; a retried PUT that finds the state already moved on (a lost answer) is fine. */
async function markUploaded(ctx: UploadContext, path: string, created: PcResource): Promise<void> {
  // Only the state is offerkit's; the rest goes back as Partner Center returned it.
  const serverOwned = (r: PcResource) => new Set(Object.keys(r).filter((k) => !['state', 'resourceType', 'id', '@odata.etag'].includes(k)));
  try {
    await ctx.client.put(path, { ...created, state: 'Uploaded' }, serverOwned(created));
  } catch (e) {
    const now = await ctx.client.find(path);
    if (now && now.state !== 'PendingUpload') return;
    if (now && now['@odata.etag'] !== created['@odata.etag']) {
      await ctx.client.put(path, { ...now, state: 'Uploaded' }, serverOwned(now));
      return;
    }
    throw e;
  }
}

/** Waits until Partner Center has processed the package; a processing failure carries its reasons. */
async function settle(ctx: UploadContext, id: string): Promise<PcResource> {
  const done = await waitForState(ctx, ctx.product.path(`packages/${enc(id)}`), ['Processed', 'ProcessFailed'], 'The package');
  if (done.state === 'ProcessFailed') {
    const items = (done.validationItems as PackageProcessingError['items'] | undefined) ?? [];
    throw new PackageProcessingError(`Partner Center could not process the package: ${items.map((i) => `${i.errorCode ?? 'error'}: ${i.message ?? ''}${i.resource ? ` (${i.resource})` : ''}`).join('; ') || 'no reason given'}`, items);
  }
  return done;
}

/** The listing's large logo: unchanged when Partner Center has this file, else uploaded and older ones removed. */
export async function ensureLogo(ctx: UploadContext, listingId: string, logo: { fileName: string; bytes: Buffer }, dryRun: boolean): Promise<'unchanged' | 'uploaded' | 'would-upload'> {
  const imagesPath = ctx.product.path(`listings/${enc(listingId)}/images`);
  const images = (await ctx.client.list(imagesPath)).filter((i) => i.type === LOGO_TYPE);
  if (images.some((i) => i.fileName === logo.fileName && (i.state === 'Uploaded' || i.state === 'Processed'))) return 'unchanged';
  if (dryRun) return 'would-upload';
  for (const old of images) if (old.id) await ctx.client.delete(`${imagesPath}/${enc(old.id)}`, old['@odata.etag']);
  const created = await ctx.client.create(imagesPath, { resourceType: 'ListingImage', fileName: logo.fileName, type: LOGO_TYPE, state: 'PendingUpload', order: 0 });
  for (const twin of (await ctx.client.list(imagesPath)).filter((i) => i.type === LOGO_TYPE && i.id !== created.id)) await ctx.client.delete(`${imagesPath}/${enc(twin.id!)}`, twin['@odata.etag']);
  const sas = textOf(created.fileSasUri ?? '');
  if (!/^https:\/\//i.test(sas)) throw new Error('Partner Center gave no https upload address (fileSasUri) for the logo');
  await uploadToSasUrl(sas, logo.bytes, ctx.retry, { contentType: 'image/png' });
  await markUploaded(ctx, `${imagesPath}/${enc(created.id!)}`, created);
  return 'uploaded';
}
