// `offerkit publish --to service-catalog`: validate, ensure the resource group, deliver the package,
// create or update the applicationDefinition, read it back. Every step is idempotent, so a publish
// that fails halfway (or is killed) converges when run again: the blob is found by its hash, the
// definition is compared before it is written, old package blobs are removed only once the definition
// points at the new one.

import { createHash } from 'node:crypto';
import { hasErrors, type Diagnostic } from '../../diagnostics.js';
import { packagePlan } from '../../package/package-plan.js';
import type { RenderedOffer } from '../../render/render-offer.js';
import type { RenderedPlan } from '../../render/render-plan.js';
import { describeAzureError, managedAppsClient, requestOptions, resourcesClient, type AzureContext, type RetrySettings } from '../../azure/clients.js';
import { blobEndpoint, portalLink, type CloudConfig } from '../../azure/clouds.js';
import type { TokenCredential } from '../../azure/credential.js';
import { definitionName, desiredDefinition, diffDefinitions, type Change, type Delivery } from './desired.js';
import { readDefinition } from './live.js';
import { blobNameFor, CONTAINER, packageExists, packageFolder, removeOtherPackages, uploadPackage } from './package-delivery.js';
import type { DeliveryChoice, ServiceCatalogTarget } from './settings.js';
import { PublishStepError, runStep } from '../steps.js';

/** ARM's request size limit bounds what --inline can carry. */
export const INLINE_LIMIT_BYTES = 4 * 1024 * 1024;

export interface PublishOptions {
  /** The offer, rendered and validated (publish refuses it when it has errors). */
  rendered: RenderedOffer;
  target: ServiceCatalogTarget;
  dryRun: boolean;
  cloud: CloudConfig;
  /** Called only once the packages validate (credentials load lazily). */
  credential: () => Promise<TokenCredential>;
  retry: RetrySettings;
  now?: () => Date;
  onEvent?: (e: PublishEvent) => void;
  onUploadProgress?: (plan: string, loaded: number, total: number) => void;
}

export interface PublishEvent {
  plan?: string;
  step: 'validate' | 'credentials' | 'resource-group' | 'package' | 'definition' | 'verify' | 'cleanup';
  status: 'start' | 'done' | 'skipped' | 'planned';
  detail?: string;
}

export interface PlanOutcome {
  plan: string;
  version: string;
  definitionName: string;
  definitionId?: string;
  portalUrl?: string;
  sha256: string;
  size: number;
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update' | 'no-change';
  changes: Change[];
  package: { delivery: DeliveryChoice['kind']; blob?: string; uploaded?: boolean; expiresOn?: string; url?: string };
  removedBlobs: string[];
}

export interface PublishResult {
  diagnostics: Diagnostic[];
  resourceGroup?: { name: string; action: 'exists' | 'created' | 'would-create' };
  plans: PlanOutcome[];
}

export { PublishStepError };

/** A step of a service-catalog publish; failures are described as Azure SDK errors. */
export function step<T>(name: string, plan: string | undefined, fn: () => Promise<T>): Promise<T> {
  return runStep(name, plan, describeAzureError, fn);
}

/** Findings that stop an inline publish: ARM's request limit, and package files an inline definition cannot carry. */
function inlineProblems(packages: { rendered: RenderedPlan }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { rendered: r } of packages) {
    const size = (r.files.get('mainTemplate.json')?.length ?? 0) + (r.files.get('createUiDefinition.json')?.length ?? 0);
    if (size > INLINE_LIMIT_BYTES) out.push({ code: 'publish-inline-too-large', severity: 'error', message: `Plan ${r.plan.id}: mainTemplate.json and createUiDefinition.json are ${size} bytes together, too large to send inline (ARM accepts requests up to 4 MB).`, hint: 'Publish through a storage account (--storage-account) instead.' });
    const dropped = [...r.files.keys()].filter((n) => !['mainTemplate.json', 'createUiDefinition.json', 'README.md'].includes(n));
    if (dropped.length) out.push({ code: 'publish-inline-drops-files', severity: dropped.some((n) => n !== 'viewDefinition.json') ? 'error' : 'warning', message: `Plan ${r.plan.id}: an inline definition carries only mainTemplate.json and createUiDefinition.json; ${dropped.join(', ')} would be left out.`, hint: 'Publish through a storage account (--storage-account) to keep the whole package.' });
  }
  return out;
}

/** The package behind --package-url must be the one offerkit built for each plan published with it. */
async function packageUrlProblems(url: string, packages: { rendered: RenderedPlan; sha256: string }[], retry: RetrySettings): Promise<Diagnostic[]> {
  const { fetchPackageBytes } = await import('../../azure/fetch-package.js');
  let bytes: Buffer;
  try {
    bytes = await fetchPackageBytes(url, retry);
  } catch (e) {
    return [{ code: 'publish-package-url-unreadable', severity: 'error', message: `The package at --package-url could not be read: ${describeAzureError(e)}.`, hint: 'ARM must be able to download it too: give a URL that is readable without sign-in (for a blob, a read SAS).' }];
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  return packages
    .filter((p) => p.sha256 !== sha)
    .map((p) => ({
      code: 'publish-package-url-mismatch',
      severity: 'error' as const,
      message: `The package at --package-url (sha256 ${sha.slice(0, 16)}…) is not the package of plan ${p.rendered.plan.id} as this offer builds now (sha256 ${p.sha256.slice(0, 16)}…).`,
      hint: packages.length > 1 ? 'One URL holds one package: publish one plan per --package-url with --plan <id>.' : 'Upload the app.zip that `offerkit build` writes for this plan, or let offerkit deliver it with --storage-account or --inline.',
    }));
}

export async function publishToServiceCatalog(o: PublishOptions): Promise<PublishResult> {
  const emit = (e: PublishEvent) => o.onEvent?.(e);
  const { rendered, target } = o;

  // 1. Validate: only packages without errors are published.
  emit({ step: 'validate', status: 'start' });
  const result: PublishResult = { diagnostics: [...rendered.diagnostics], plans: [] };
  if (hasErrors(result.diagnostics) || !rendered.offerId) return result;
  const packages = await Promise.all(rendered.rendered.map(packagePlan));
  if (target.delivery.kind === 'inline') result.diagnostics.push(...inlineProblems(packages));
  if (target.delivery.kind === 'url') result.diagnostics.push(...(await packageUrlProblems(target.delivery.url, packages, o.retry)));
  if (hasErrors(result.diagnostics)) return result;
  emit({ step: 'validate', status: 'done', detail: `${packages.length} plan${packages.length === 1 ? '' : 's'}` });

  // 2. Credentials (lazily) and the resource group.
  emit({ step: 'credentials', status: 'start' });
  const ctx: AzureContext = { cloud: o.cloud, credential: await o.credential(), subscription: target.subscription, retry: o.retry };
  emit({ step: 'credentials', status: 'done' });
  const resources = await resourcesClient(ctx);
  const apps = await managedAppsClient(ctx);
  emit({ step: 'resource-group', status: 'start', detail: target.resourceGroup });
  const rgExists = await step('checking the resource group', undefined, async () => (await resources.resourceGroups.checkExistence(target.resourceGroup, requestOptions(ctx))).body);
  if (rgExists) {
    result.resourceGroup = { name: target.resourceGroup, action: 'exists' };
    emit({ step: 'resource-group', status: 'skipped', detail: 'exists' });
  } else if (o.dryRun) {
    result.resourceGroup = { name: target.resourceGroup, action: 'would-create' };
    emit({ step: 'resource-group', status: 'planned', detail: `would create in ${target.location}` });
  } else {
    await step('creating the resource group', undefined, () => resources.resourceGroups.createOrUpdate(target.resourceGroup, { location: target.location, tags: { 'created-by': 'offerkit' } }, requestOptions(ctx)));
    result.resourceGroup = { name: target.resourceGroup, action: 'created' };
    emit({ step: 'resource-group', status: 'done', detail: `created in ${target.location}` });
  }

  // 3–5 per plan.
  for (const p of packages) result.plans.push(await publishPlan(o, ctx, apps, p.rendered, p.zip, p.sha256, rendered.offerId, rgExists, emit));
  return result;
}

async function publishPlan(
  o: PublishOptions,
  ctx: AzureContext,
  apps: Awaited<ReturnType<typeof managedAppsClient>>,
  r: RenderedPlan,
  zip: Buffer,
  sha256: string,
  offerId: string,
  rgExists: boolean,
  emit: (e: PublishEvent) => void,
): Promise<PlanOutcome> {
  const { target } = o;
  const plan = r.plan.id;
  const name = definitionName(offerId, plan);
  const outcome: PlanOutcome = { plan, version: r.plan.version, definitionName: name, sha256, size: zip.length, action: 'no-change', changes: [], package: { delivery: target.delivery.kind }, removedBlobs: [] };
  const live = rgExists ? await step('reading the current definition', plan, () => readDefinition(apps, ctx, target.resourceGroup, name)) : undefined;

  // 3. Package delivery.
  const delivered = await deliverPackage(o, ctx, r, zip, sha256, name, outcome, emit);

  // 4. Create or update the definition.
  const desired = desiredDefinition(r.definition!, { location: target.location, offerId, planId: plan, planVersion: r.plan.version, sha256 }, delivered.delivery);
  outcome.changes = diffDefinitions(live, desired);
  const id = `/subscriptions/${target.subscription}/resourceGroups/${target.resourceGroup}/providers/Microsoft.Solutions/applicationDefinitions/${name}`;
  outcome.definitionId = live?.id ?? id;
  outcome.portalUrl = portalLink(o.cloud, outcome.definitionId);
  if (o.dryRun) {
    outcome.action = !live ? 'would-create' : outcome.changes.length ? 'would-update' : 'no-change';
    emit({ plan, step: 'definition', status: 'planned', detail: outcome.action });
    return outcome;
  }
  if (live && outcome.changes.length === 0 && !delivered.uploaded) {
    outcome.action = 'unchanged';
    emit({ plan, step: 'definition', status: 'skipped', detail: 'unchanged' });
  } else {
    emit({ plan, step: 'definition', status: 'start', detail: live ? 'update' : 'create' });
    const written = await step('writing the definition', plan, () => apps.applicationDefinitions.createOrUpdate(target.resourceGroup, name, desired as never, requestOptions(ctx)));
    outcome.definitionId = (written as { id?: string }).id ?? id;
    outcome.portalUrl = portalLink(o.cloud, outcome.definitionId);
    outcome.action = live ? 'updated' : 'created';
    emit({ plan, step: 'definition', status: 'done', detail: outcome.action });
  }

  // 5. Read back and check.
  emit({ plan, step: 'verify', status: 'start' });
  const after = await step('reading the definition back', plan, () => readDefinition(apps, ctx, target.resourceGroup, name));
  if (!after) throw new PublishStepError('verifying the definition', plan, new Error('the definition is not there after it was written'), describeAzureError);
  // ARM need not echo the package location back; everything else must be as sent.
  const echoesPackage = Boolean(after.packageFileUri || after.mainTemplate);
  const drift = diffDefinitions(after, desired).filter((c) => echoesPackage || c.field !== 'delivery');
  if (drift.length) throw new PublishStepError('verifying the definition', plan, new Error(`Azure holds a different definition than offerkit sent: ${drift.map((c) => c.field).join(', ')}`), describeAzureError);
  emit({ plan, step: 'verify', status: 'done' });

  // Older packages of this definition are no longer referenced.
  if (o.target.delivery.kind === 'storage' && delivered.blob) {
    const storage = o.target.delivery;
    const keep = delivered.blob;
    outcome.removedBlobs = await step('removing old packages', plan, () => removeOtherPackages(ctx, storage, packageFolder(target, name), keep));
    emit({ plan, step: 'cleanup', status: outcome.removedBlobs.length ? 'done' : 'skipped', ...(outcome.removedBlobs.length ? { detail: `removed ${outcome.removedBlobs.length} old package${outcome.removedBlobs.length === 1 ? '' : 's'}` } : {}) });
  }
  return outcome;
}

async function deliverPackage(
  o: PublishOptions,
  ctx: AzureContext,
  r: RenderedPlan,
  zip: Buffer,
  sha256: string,
  name: string,
  outcome: PlanOutcome,
  emit: (e: PublishEvent) => void,
): Promise<{ delivery: Delivery; uploaded: boolean; blob?: string }> {
  const plan = r.plan.id;
  const choice = o.target.delivery;
  emit({ plan, step: 'package', status: 'start', detail: `${zip.length} bytes, sha256 ${sha256.slice(0, 12)}…` });
  if (choice.kind === 'storage') {
    const blob = blobNameFor(o.target, name, sha256);
    outcome.package.blob = `${CONTAINER}/${blob}`;
    if (o.dryRun) {
      const exists = await step('checking the package blob', plan, () => packageExists(ctx, choice, blob));
      outcome.package.uploaded = !exists;
      emit({ plan, step: 'package', status: 'planned', detail: exists ? `reuse ${blob}` : `upload ${blob}` });
      return { delivery: { kind: 'url', packageFileUri: `${blobEndpoint(o.cloud, choice.account)}/${CONTAINER}/${blob}` }, uploaded: false, blob };
    }
    const now = (o.now ?? (() => new Date()))();
    const up = await step('uploading the package', plan, () => uploadPackage(ctx, choice, blob, zip, sha256, { now, ...(o.onUploadProgress ? { onProgress: (l: number, t: number) => o.onUploadProgress!(plan, l, t) } : {}) }));
    outcome.package.uploaded = up.uploaded;
    outcome.package.expiresOn = up.expiresOn.toISOString();
    emit({ plan, step: 'package', status: up.uploaded ? 'done' : 'skipped', detail: up.uploaded ? `uploaded ${blob}` : `${blob} already uploaded` });
    return { delivery: { kind: 'url', packageFileUri: up.sasUrl }, uploaded: up.uploaded, blob };
  }
  if (choice.kind === 'url') {
    outcome.package.url = choice.url;
    emit({ plan, step: 'package', status: 'skipped', detail: 'given --package-url' });
    return { delivery: { kind: 'url', packageFileUri: choice.url }, uploaded: false };
  }
  emit({ plan, step: 'package', status: 'skipped', detail: 'inline' });
  const json = (n: string) => JSON.parse(r.files.get(n)!.toString('utf8')) as unknown;
  return { delivery: { kind: 'inline', mainTemplate: json('mainTemplate.json'), createUiDefinition: json('createUiDefinition.json') }, uploaded: false };
}

