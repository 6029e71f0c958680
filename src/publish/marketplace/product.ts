// One Azure Application product in Partner Center, as the submission API models it: found by the offer id
// (external id AzureOfferId), its branches per module (Listing, Property, Availability, Package — the
// product's own and one per plan, told apart by variantID), the draft instance of each, and the resources
// read by instance. Reads only; publish.ts decides what to write.

import { PartnerCenterError, type PartnerCenterClient, type PcResource } from '../../azure/partner-center.js';
import type { Submission } from './submission-state.js';

export type Module = 'Listing' | 'Property' | 'Availability' | 'Package' | 'Cosell' | 'ResellerConfiguration';
/** The modules a submission carries for the product and for each plan (Co-sell and resellers are added apart). */
export const MODULES: Module[] = ['Availability', 'Listing', 'Package', 'Property'];

export interface Branch {
  module: Module;
  currentDraftInstanceID: string;
  variantID?: string;
}

export const enc = encodeURIComponent;

/**
 * A plan's markets, prices and trial travel only when asked for. The swagger's FeatureAvailabilityExpand
 * parameter (on the GET by instance, the GET by id and the PUT): "Use $expand to include MarketStates,
 * PriceSchedules, and Trial in request/response"; Microsoft's client passes expand="MarketStates,Trial,
 * PriceSchedules" on its GET and on its PUT (az-partner-center-cli, confs/variant/feature_availability.py).
 * The swagger's sample request spells it PriceSchedule; the parameter's own words and the client say
 * PriceSchedules, and the client wins (README, reference order). Without it, what is written is not kept.
 */
export const FEATURE_AVAILABILITY_EXPAND = `$expand=${enc('MarketStates,PriceSchedules,Trial')}`;

/** The product of an offer id, or undefined when Partner Center has none. */
export async function findProduct(client: PartnerCenterClient, offerId: string, productId?: string): Promise<PcResource | undefined> {
  if (productId) return client.find(`products/${enc(productId)}`);
  const filter = `externalIDs/Any(i:i/type eq 'AzureOfferId' and i/value eq '${offerId.replace(/'/g, "''")}')`;
  const found = await client.list(`products?$filter=${enc(filter)}`);
  return found.find((p) => ((p.externalIDs ?? p.externalIds) as { type: string; value: string }[] | undefined)?.some((x) => x.type.toLowerCase() === 'azureofferid' && x.value === offerId));
}

export class ProductView {
  private branchCache = new Map<Module, Promise<Branch[]>>();

  constructor(
    readonly client: PartnerCenterClient,
    readonly id: string,
  ) {}

  path(rest: string): string {
    return `products/${enc(this.id)}/${rest}`;
  }

  branches(module: Module): Promise<Branch[]> {
    let b = this.branchCache.get(module);
    if (!b) {
      b = this.client.list<Branch>(this.path(`branches/getByModule(module=${module})`)).then((list) => list.map((x) => ({ ...x, module })));
      this.branchCache.set(module, b);
    }
    return b;
  }

  /** Branches change when plans are added: forget what was read (of one module, or of all). */
  forgetBranches(module?: Module): void {
    if (module) this.branchCache.delete(module);
    else this.branchCache.clear();
  }

  async draftInstance(module: Module, variantID?: string): Promise<string | undefined> {
    const all = await this.branches(module);
    return all.find((b) => (variantID ? b.variantID === variantID : !b.variantID))?.currentDraftInstanceID;
  }

  /** The first resource of a module's instance (a listing, a property, an availability, a configuration). */
  async byInstance(kind: 'listings' | 'properties' | 'productAvailabilities' | 'featureAvailabilities' | 'packageConfigurations', instance: string): Promise<PcResource | undefined> {
    const expand = kind === 'featureAvailabilities' ? `?${FEATURE_AVAILABILITY_EXPAND}` : '';
    const list = await this.client.list(this.path(`${kind}/getByInstanceID(instanceID=${enc(instance)})${expand}`));
    return list[0];
  }

  /** Where a plan's feature availability is written: with the same $expand as it is read, or its markets and prices are not kept. */
  featureAvailabilityPath(id: string): string {
    return this.path(`featureavailabilities/${enc(id)}?${FEATURE_AVAILABILITY_EXPAND}`);
  }

  variants(): Promise<PcResource[]> {
    return this.client.list(this.path('variants'));
  }

  submissions(): Promise<Submission[]> {
    return this.client.list<Submission>(this.path('submissions'));
  }
}

/**
 * The instance of the reseller configuration a submission names. The newest Microsoft client reads it from the
 * ResellerConfiguration branch; the older one names it `<productId>-ResellerInstance`, which is what Partner
 * Center calls it: that name stands when the branch cannot be listed.
 */
export async function resellerInstance(product: ProductView): Promise<string> {
  try {
    const found = await product.draftInstance('ResellerConfiguration');
    if (found) return found;
  } catch (e) {
    // An account that does not list this module answers 400 or 404: the conventional name stands. Anything else is a failure.
    if (!(e instanceof PartnerCenterError) || (e.status !== 400 && e.status !== 404)) throw e;
  }
  return `${product.id}-ResellerInstance`;
}

/** Package-configuration versions per plan id in a submission's instances. */
export async function versionsIn(product: ProductView, sub: Submission, planOfVariant: Map<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const vr of sub.variantResources ?? []) {
    const plan = planOfVariant.get(vr.variantID);
    const pkg = vr.resources.find((r) => r.type === 'Package')?.value;
    if (!plan || !pkg) continue;
    const conf = await product.byInstance('packageConfigurations', pkg);
    if (typeof conf?.version === 'string') out.set(plan, conf.version);
  }
  return out;
}

/**
 * The draft instance of a plan's module. Partner Center creates a new plan's branches a little after the
 * plan itself: until `getByModule` lists them, read again (as Microsoft's client does), up to the wait limit.
 */
export async function waitForBranch(product: ProductView, module: Module, variantId: string, o: { pollIntervalMs: number; waitTimeoutMs: number; onWait?: () => void }): Promise<string | undefined> {
  const started = Date.now();
  const pause = Math.min(o.pollIntervalMs, 2000);
  for (let tries = 0; ; tries++) {
    const found = await product.draftInstance(module, variantId);
    if (found) return found;
    if (Date.now() - started > o.waitTimeoutMs || tries >= 60) return undefined;
    if (tries === 0) o.onWait?.();
    await new Promise((r) => setTimeout(r, pause));
    product.forgetBranches(module);
  }
}

export { versionAbove } from '../../util/semver.js';
export { isGoingLive, isLive, latestSubmission, liveSubmission, previewSubmission, stageOf, targetOf, type Submission } from './submission-state.js';
