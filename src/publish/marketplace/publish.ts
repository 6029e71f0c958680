// `offerkit publish --to marketplace`: brings an Azure Application offer's draft in Partner Center to what
// offer.yaml declares — product, listing and logo, properties, preview audience, leads, and per plan its
// variant, listing, markets, price, visibility and technical configuration — resource by resource, writing
// only what differs, and (with --submit) sends the draft to preview. Every step is safe to repeat: things
// are found by their ids and by the hashes in their file names, so a run that stopped anywhere is finished
// by the next one without a second product, plan or package.

import type { RetrySettings } from '../../azure/clients.js';
import { PartnerCenterError, type PartnerCenterClient, type PcResource } from '../../azure/partner-center.js';
import { hasErrors, type Diagnostic } from '../../diagnostics.js';
import type { Offer } from '../../offer/model.js';
import { packagePlan } from '../../package/package-plan.js';
import type { RenderedOffer } from '../../render/render-offer.js';
import { PublishStepError } from '../steps.js';
import { desiredOffer, diffFields, PACKAGE_RESOURCE_TYPE, type DesiredOffer, type DesiredPlan, type FieldChange, type Fields } from './desired.js';
import { enc, findProduct, latestSubmission, liveSubmission, ProductView, stageOf, versionAbove, versionsIn, waitForBranch } from './product.js';
import { describeFailure, step } from './step.js';
import { readHeld, submitToPreview, type SubmissionOutcome } from './submit.js';
import type { Stage } from './submission-state.js';
import { currentPackageMatches, ensureLogo, ensurePackage, type UploadContext } from './uploads.js';
import { textOf } from '../../util/text-of.js';

/** Stages of a newest submission that --submit may find holding this draft (read early, beside the draft). */
const EARLY_READ = new Set<Stage>(['being created', 'in certification', 'preview', 'going live', 'live']);

export interface MarketplaceEvent {
  plan?: string;
  step: string;
  status: 'start' | 'done' | 'skipped' | 'planned';
  detail?: string;
}

export interface MarketplaceOptions {
  rendered: RenderedOffer;
  /** Called once the packages validate (credentials load lazily). */
  client: () => Promise<PartnerCenterClient>;
  dryRun: boolean;
  submit: boolean;
  retry: RetrySettings;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  onEvent?: (e: MarketplaceEvent) => void;
  onUploadProgress?: (plan: string, loaded: number, total: number) => void;
}

export interface PlanResult {
  plan: string;
  version: string;
  variantId?: string;
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';
  package: { fileName: string; sha256: string; size: number; action: 'uploaded' | 'reused' | 'unchanged' | 'would-upload' };
}

export interface MarketplaceResult {
  diagnostics: Diagnostic[];
  product?: { id?: string; action: 'exists' | 'created' | 'would-create' };
  changes: FieldChange[];
  plans: PlanResult[];
  /** Requests that changed something in Partner Center. */
  writes: number;
  submission?: SubmissionOutcome;
  upToDate: boolean;
}

/** Writes `desired` over the current resource (keeping what offerkit does not manage); on an etag
 * conflict it reads the resource again and applies once more, then gives up naming it. */
async function putMerged(client: PartnerCenterClient, path: string, current: PcResource, desired: Fields, reread: () => Promise<PcResource | undefined>, what: string): Promise<PcResource> {
  // What Partner Center returned and offerkit does not set goes back untouched: the service's, not ours to check.
  const serverOwned = (r: PcResource) => new Set(Object.keys(r).filter((k) => !(k in desired) && k !== 'resourceType' && k !== 'id' && k !== '@odata.etag'));
  try {
    return await client.put(path, { ...current, ...desired }, serverOwned(current));
  } catch (e) {
    if (!(e instanceof PartnerCenterError) || e.status !== 412) throw e;
    const fresh = await reread();
    if (!fresh) throw e;
    try {
      return await client.put(path, { ...fresh, ...desired }, serverOwned(fresh));
    } catch (again) {
      if (again instanceof PartnerCenterError && again.status === 412) throw new Error(`${what} was changed by someone else twice while offerkit was writing it (etag conflict); run the same command again`);
      throw again;
    }
  }
}

interface Run {
  o: MarketplaceOptions;
  offer: Offer;
  desired: DesiredOffer;
  client: PartnerCenterClient;
  product: ProductView;
  result: MarketplaceResult;
  emit: (e: MarketplaceEvent) => void;
  uploads: UploadContext;
  /** Plans created in this run. */
  createdPlans: Set<string>;
  /** Plan id → the processed package its draft configuration points at. */
  packages: Map<string, string>;
}

/** Reconciles one resource read by instance: diff, then (unless a dry run) one merged PUT. `known` is the
 * resource when it was just read for another purpose (it is read again only on an etag conflict). */
async function reconcile(run: Run, name: string, plan: string | undefined, read: () => Promise<PcResource | undefined>, path: (r: PcResource) => string, desired: Fields, known?: PcResource): Promise<number> {
  const current = known ?? (await step(`reading the ${name}`, plan, read));
  const changes = diffFields(plan ? `${plan}: ${name}` : name, current, desired);
  run.result.changes.push(...changes);
  if (!changes.length) {
    run.emit({ plan, step: name, status: 'skipped', detail: 'up to date' });
    return 0;
  }
  if (!current) throw new PublishStepError(`reading the ${name}`, plan, new Error(`Partner Center has no ${name} for this ${plan ? 'plan' : 'offer'} yet`), describeFailure);
  if (run.o.dryRun) {
    run.emit({ plan, step: name, status: 'planned', detail: changes.map((c) => c.field).join(', ') });
    return changes.length;
  }
  run.emit({ plan, step: name, status: 'start', detail: changes.map((c) => c.field).join(', ') });
  await step(`writing the ${name}`, plan, () => putMerged(run.client, path(current), current, desired, read, `The ${name}${plan ? ` of plan ${plan}` : ''}`));
  run.result.writes++;
  run.emit({ plan, step: name, status: 'done', detail: changes.map((c) => c.field).join(', ') });
  return changes.length;
}

export async function publishToMarketplace(o: MarketplaceOptions): Promise<MarketplaceResult> {
  const emit = (e: MarketplaceEvent) => o.onEvent?.(e);
  const result: MarketplaceResult = { diagnostics: [...o.rendered.diagnostics], changes: [], plans: [], writes: 0, upToDate: false };
  const offer = o.rendered.offer;
  emit({ step: 'validate', status: 'start' });
  if (!offer || hasErrors(result.diagnostics)) return result;
  const packages = await Promise.all(o.rendered.rendered.map(packagePlan));
  const desired = desiredOffer(offer, packages);
  emit({ step: 'validate', status: 'done', detail: `${packages.length} plan${packages.length === 1 ? '' : 's'}` });

  emit({ step: 'credentials', status: 'start' });
  const client = await o.client();
  emit({ step: 'credentials', status: 'done' });

  // The product: found by the offer id, created when missing.
  emit({ step: 'product', status: 'start', detail: offer.id });
  let productResource = await step('finding the product', undefined, () => findProduct(client, offer.id, offer.publish.marketplace.productId));
  if (productResource && productResource.resourceType !== 'AzureApplication') {
    throw new PublishStepError('finding the product', undefined, new Error(`offer id ${offer.id} belongs to a ${String(productResource.resourceType)} offer in Partner Center, not an Azure Application; an offer's type cannot change`), describeFailure);
  }
  if (!productResource) {
    if (o.dryRun) {
      result.product = { action: 'would-create' };
      result.changes.push({ resource: 'product', field: 'offer', from: undefined, to: `${offer.id} (Azure Application, alias ${desired.alias})` });
      for (const p of desired.plans) result.plans.push({ plan: p.planId, version: p.version, action: 'would-create', package: { fileName: p.package.fileName, sha256: p.package.sha256, size: p.package.bytes.length, action: 'would-upload' } });
      emit({ step: 'product', status: 'planned', detail: 'would create it and everything in it' });
      return result;
    }
    productResource = await step('creating the product', undefined, async (): Promise<PcResource> => {
      try {
        return await client.create('products', { resourceType: 'AzureApplication', name: desired.alias, externalIds: [{ type: 'AzureOfferID', value: offer.id }], isModularPublishing: true });
      } catch (e) {
        // An answer lost after the product was made: it is there now.
        const found = await findProduct(client, offer.id);
        if (found) return found;
        throw e;
      }
    });
    result.writes++;
    result.product = { id: productResource.id!, action: 'created' };
    emit({ step: 'product', status: 'done', detail: `created ${productResource.id}` });
  } else {
    result.product = { id: productResource.id!, action: 'exists' };
    emit({ step: 'product', status: 'skipped', detail: `exists (${productResource.id})` });
  }
  const product = new ProductView(client, productResource.id!);
  const uploads: UploadContext = {
    product,
    client,
    retry: o.retry,
    pollIntervalMs: o.pollIntervalMs,
    waitTimeoutMs: o.waitTimeoutMs,
  };
  const run: Run = { o, offer, desired, client, product, result, emit, uploads, createdPlans: new Set(), packages: new Map() };

  // Plans (variants) first: a new plan adds branches, and the version check needs them all.
  const variants = await step('reading the plans', undefined, () => product.variants());
  const variantOf = new Map<string, PcResource>();
  for (const p of desired.plans) {
    const existing = variants.find((v) => v.externalID === p.planId && v.resourceType === 'AzureSkuVariant');
    if (existing) variantOf.set(p.planId, existing);
  }
  const planOfVariant = new Map([...variantOf].map(([plan, v]) => [v.id!, plan]));

  // The version of each plan must rise above what is live: checked before anything is written.
  const submissions = await step('reading the submissions', undefined, () => product.submissions());
  const live = liveSubmission(submissions);
  if (live) {
    const liveVersions = await step('reading the live versions', undefined, () => versionsIn(product, live, planOfVariant));
    const problems: Diagnostic[] = [];
    for (const p of desired.plans) {
      const v = liveVersions.get(p.planId);
      if (!v || versionAbove(p.version, v)) continue;
      const conf = await step('reading the technical configuration', p.planId, async () => {
        const inst = await product.draftInstance('Package', variantOf.get(p.planId)!.id);
        return inst ? product.byInstance('packageConfigurations', inst) : undefined;
      });
      // The same version is fine when nothing in the package changes.
      if (v === p.version && (await currentPackageMatches(uploads, conf, p.package.sha256))) continue;
      const planIndex = offer.plans.find((x) => x.id === p.planId)!.index;
      const pos = offer.source.locate(`/plans/${planIndex}/version`);
      problems.push({ code: 'marketplace-version-not-raised', severity: 'error', message: `Plan ${p.planId}: version ${p.version} is not higher than the version live in the marketplace (${v}); Partner Center refuses a technical configuration whose version does not rise.`, file: offer.file, pointer: `/plans/${planIndex}/version`, ...(pos ? { line: pos.line, column: pos.column } : {}), hint: `Raise the plan's version above ${v} (major.minor.patch).` });
    }
    if (problems.length) {
      result.diagnostics.push(...problems);
      return result;
    }
  }

  // With --submit, what the newest submission holds is read beside the draft: a run that changes nothing then
  // knows at once whether preview already has it.
  const newest = o.submit ? latestSubmission(submissions) : undefined;
  const held = newest && EARLY_READ.has(stageOf(newest)) ? readHeld(product, newest, desired, new Map([...variantOf].map(([plan, v]) => [plan, v.id!]))).catch(() => undefined) : undefined;

  // Offer-level resources, side by side (they are independent).
  const listingStep = async () => {
    const listingInstance = await step('reading the branches', undefined, () => product.draftInstance('Listing'));
    if (!listingInstance) throw new PublishStepError('reading the branches', undefined, new Error('the product has no listing branch'), describeFailure);
    let listingId: string | undefined;
    await reconcile(run, 'listing', undefined, async () => {
      const l = await product.byInstance('listings', listingInstance);
      listingId = l?.id;
      return l;
    }, (r) => product.path(`listings/${enc(r.id!)}`), desired.listing);
    if (desired.logo && listingId) {
      const logo = desired.logo;
      const state = await step('uploading the logo', undefined, () => ensureLogo(uploads, listingId!, logo, o.dryRun));
      if (state === 'uploaded') result.writes++;
      if (state !== 'unchanged') result.changes.push({ resource: 'listing', field: 'logo', from: undefined, to: logo.fileName });
      emit({ step: 'logo', status: state === 'unchanged' ? 'skipped' : state === 'would-upload' ? 'planned' : 'done', detail: state === 'unchanged' ? 'up to date' : logo.fileName });
    }
  };
  const propertyStep = async () => {
    const instance = await step('reading the branches', undefined, () => product.draftInstance('Property'));
    if (instance) await reconcile(run, 'properties', undefined, () => product.byInstance('properties', instance), (r) => product.path(`properties/${enc(r.id!)}`), desired.property);
  };
  const audienceStep = async () => {
    const instance = await step('reading the branches', undefined, () => product.draftInstance('Availability'));
    if (instance) await reconcile(run, 'preview audience', undefined, () => product.byInstance('productAvailabilities', instance), (r) => product.path(`productavailabilities/${enc(r.id!)}`), desired.availability);
  };
  await settleAll([listingStep(), propertyStep(), audienceStep(), reconcileReseller(run), ...(desired.leads ? [reconcileLeads(run, desired.leads)] : [])]);

  // Plans: missing ones created first (each adds branches), then every plan reconciled side by side.
  for (const p of desired.plans) if (!variantOf.has(p.planId) && !o.dryRun) await createPlan(run, p, variantOf);
  result.plans.push(...(await settleAll(desired.plans.map((p) => publishPlan(run, p, variantOf)))));

  result.upToDate = result.writes === 0 && result.changes.length === 0;
  if (o.submit) {
    const variants = new Map(result.plans.filter((p) => p.variantId).map((p) => [p.plan, p.variantId!]));
    const submitted = await submitToPreview({ client, product, desired, dryRun: o.dryRun, pollIntervalMs: o.pollIntervalMs, waitTimeoutMs: o.waitTimeoutMs, emit, variants, packages: run.packages, draftChanged: result.changes.length > 0, ...(held ? { held } : {}) }, submissions);
    result.submission = submitted.submission;
    result.diagnostics.push(...submitted.diagnostics);
    result.writes += submitted.writes;
    if (submitted.writes) result.upToDate = false;
  }
  return result;
}

/** Like Promise.all, but waits for every step to end before reporting the first failure (no step is cut off halfway). */
async function settleAll<T>(steps: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function createPlan(run: Run, p: DesiredPlan, variantOf: Map<string, PcResource>): Promise<void> {
  const { product, client } = run;
  run.result.changes.push({ resource: `${p.planId}: plan`, field: 'plan', from: undefined, to: `${p.planId} (managed application)` });
  run.emit({ plan: p.planId, step: 'plan', status: 'start', detail: 'create' });
  const variant = await step('creating the plan', p.planId, async (): Promise<PcResource> => {
    try {
      return await client.create(product.path('variants'), { resourceType: 'AzureSkuVariant', friendlyName: p.friendlyName, externalID: p.planId, subType: 'managed-application' });
    } catch (e) {
      const found = (await product.variants()).find((v) => v.externalID === p.planId);
      if (found) return found;
      throw e;
    }
  });
  variantOf.set(p.planId, variant);
  run.createdPlans.add(p.planId);
  product.forgetBranches();
  run.result.writes++;
  run.emit({ plan: p.planId, step: 'plan', status: 'done', detail: `created ${variant.id}` });
}

/** Resell through CSPs: read, and set when it differs (Microsoft's clients set it before every submission). */
async function reconcileReseller(run: Run): Promise<void> {
  const path = run.product.path('resellerConfiguration');
  const current = await step('reading the reseller configuration', undefined, () => run.client.find(path));
  const { resourceType: _t, ...owned } = run.desired.reseller;
  const changes = diffFields('reseller configuration', current, owned);
  run.result.changes.push(...changes);
  if (!changes.length) return run.emit({ step: 'resellers', status: 'skipped', detail: 'up to date' });
  if (run.o.dryRun) return run.emit({ step: 'resellers', status: 'planned', detail: changes.map((c) => c.field).join(', ') });
  await step('writing the reseller configuration', undefined, () => run.client.post(path, run.desired.reseller));
  run.result.writes++;
  run.emit({ step: 'resellers', status: 'done', detail: textOf(run.desired.reseller.resellerChannelState) });
}

async function reconcileLeads(run: Run, desired: Fields): Promise<void> {
  const path = run.product.path('leadconfiguration');
  const current = await step('reading the lead destination', undefined, () => run.client.find(path));
  const changes = diffFields('lead destination', current, desired);
  run.result.changes.push(...changes);
  if (!changes.length) return run.emit({ step: 'leads', status: 'skipped', detail: 'up to date' });
  if (run.o.dryRun) return run.emit({ step: 'leads', status: 'planned', detail: changes.map((c) => c.field).join(', ') });
  await step('writing the lead destination', undefined, () => run.client.post(path, desired));
  run.result.writes++;
  run.emit({ step: 'leads', status: 'done' });
}

async function publishPlan(run: Run, p: DesiredPlan, variantOf: Map<string, PcResource>): Promise<PlanResult> {
  const { product, client, o } = run;
  const created = run.createdPlans;
  const out: PlanResult = { plan: p.planId, version: p.version, action: 'unchanged', package: { fileName: p.package.fileName, sha256: p.package.sha256, size: p.package.bytes.length, action: 'unchanged' } };
  const variant = variantOf.get(p.planId);
  if (!variant) {
    // Only on a dry run: otherwise createPlan has made it.
    run.result.changes.push({ resource: `${p.planId}: plan`, field: 'plan', from: undefined, to: `${p.planId} (managed application)` });
    run.emit({ plan: p.planId, step: 'plan', status: 'planned', detail: 'would create it' });
    return { ...out, action: 'would-create', package: { ...out.package, action: 'would-upload' } };
  }
  if (variant.friendlyName !== p.friendlyName) {
    run.result.changes.push({ resource: `${p.planId}: plan`, field: 'friendlyName', from: variant.friendlyName as string, to: p.friendlyName });
    if (!o.dryRun) {
      const v = variant;
      await step('renaming the plan', p.planId, () => putMerged(client, product.path(`variants/${enc(v.id!)}`), v, { friendlyName: p.friendlyName }, () => client.find(product.path(`variants/${enc(v.id!)}`)), `Plan ${p.planId}`));
      run.result.writes++;
    }
  }
  out.variantId = variant.id!;
  const variantId = variant.id!;
  const instance = async (module: 'Listing' | 'Availability' | 'Package') => {
    const i = await waitForBranch(product, module, variantId, { pollIntervalMs: o.pollIntervalMs, waitTimeoutMs: o.waitTimeoutMs, onWait: () => run.emit({ step: 'plan', status: 'start', detail: `waiting for Partner Center to create the ${module} branch of a new plan` }) });
    if (!i) throw new Error(`Partner Center has no ${module} branch for plan ${p.planId} after waiting ${Math.round(run.o.waitTimeoutMs / 1000)} s; run the same command again later`);
    return i;
  };
  await reconcile(run, 'plan listing', p.planId, async () => product.byInstance('listings', await instance('Listing')), (r) => product.path(`listings/${enc(r.id!)}`), p.listing);
  await reconcile(run, 'markets, price and visibility', p.planId, async () => product.byInstance('featureAvailabilities', await instance('Availability')), (r) => product.featureAvailabilityPath(r.id!), p.availability);

  // Technical configuration: the package, then the configuration that points at it.
  const readConfig = async () => product.byInstance('packageConfigurations', await instance('Package'));
  const config = await step('reading the technical configuration', p.planId, readConfig);
  let packageId = await step('reading the package', p.planId, () => currentPackageMatches(run.uploads, config, p.package.sha256));
  if (packageId) {
    out.package.action = 'unchanged';
    run.emit({ plan: p.planId, step: 'package', status: 'skipped', detail: 'up to date' });
  } else {
    run.result.changes.push({ resource: `${p.planId}: technical configuration`, field: 'package', from: undefined, to: p.package.fileName });
    if (o.dryRun) {
      out.package.action = 'would-upload';
      run.emit({ plan: p.planId, step: 'package', status: 'planned', detail: `would upload ${p.package.bytes.length} bytes` });
    } else {
      run.emit({ plan: p.planId, step: 'package', status: 'start', detail: `${p.package.bytes.length} bytes, sha256 ${p.package.sha256.slice(0, 12)}…` });
      const up = await step('uploading the package', p.planId, () =>
        ensurePackage({ ...run.uploads, ...(o.onUploadProgress ? { onProgress: (l: number, t: number) => o.onUploadProgress!(p.planId, l, t) } : {}), onWait: (s) => run.emit({ plan: p.planId, step: 'package', status: 'start', detail: `Partner Center: ${s || 'waiting'}` }) }, p.package),
      );
      packageId = up.id;
      out.package.action = up.uploaded ? 'uploaded' : 'reused';
      if (up.uploaded) run.result.writes++;
      run.emit({ plan: p.planId, step: 'package', status: 'done', detail: up.uploaded ? 'uploaded and processed' : 'found already uploaded' });
    }
  }
  if (packageId) run.packages.set(p.planId, packageId);
  const desiredConfig: Fields = { ...p.configuration, ...(packageId ? { packageReferences: [{ type: PACKAGE_RESOURCE_TYPE, value: packageId }] } : {}) };
  if (!o.dryRun || packageId) {
    await reconcile(run, 'technical configuration', p.planId, readConfig, (r) => product.path(`packageconfigurations/${enc(r.id!)}`), desiredConfig, config);
  } else {
    run.result.changes.push(...diffFields(`${p.planId}: technical configuration`, config, p.configuration));
  }
  // Plans run side by side: count only this plan's changes.
  const mine = run.result.changes.filter((c) => c.resource.startsWith(`${p.planId}: `));
  if (created.has(p.planId)) out.action = 'created';
  else if (mine.length) out.action = o.dryRun ? 'would-update' : 'updated';
  return out;
}
