// One Azure Application product in Partner Center, as the submission API models it: found by the offer id
// (external id AzureOfferId), its branches per module (Listing, Property, Availability, Package — the
// product's own and one per plan, told apart by variantID), the draft instance of each, and the resources
// read by instance. Reads only; publish.ts decides what to write.

import type { PartnerCenterClient, PcResource } from '../../azure/partner-center.js';

export type Module = 'Listing' | 'Property' | 'Availability' | 'Package';
export const MODULES: Module[] = ['Availability', 'Listing', 'Package', 'Property'];

export interface Branch {
  module: Module;
  currentDraftInstanceID: string;
  variantID?: string;
}

export interface Submission extends PcResource {
  id: string;
  state?: string;
  substate?: string;
  targets?: Array<{ type: string; value: string }>;
  resources?: Array<{ type: string; value: string }>;
  variantResources?: Array<{ variantID: string; resources: Array<{ type: string; value: string }> }>;
  extendedProperties?: Array<{ type: string; value: string }>;
  publishedTimeInUtc?: string;
  releaseNumber?: number;
  friendlyName?: string;
}

export const enc = encodeURIComponent;

/** The product of an offer id, or undefined when Partner Center has none. */
export async function findProduct(client: PartnerCenterClient, offerId: string, productId?: string): Promise<PcResource | undefined> {
  if (productId) return client.find(`products/${enc(productId)}`);
  const filter = `externalIDs/Any(i:i/type eq 'AzureOfferId' and i/value eq '${offerId.replace(/'/g, "''")}')`;
  const found = await client.list(`products?$filter=${enc(filter)}`);
  return found.find((p) => ((p.externalIDs ?? p.externalIds) as Array<{ type: string; value: string }> | undefined)?.some((x) => x.type.toLowerCase() === 'azureofferid' && x.value === offerId));
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

  /** Branches change when plans are added: forget what was read. */
  forgetBranches(): void {
    this.branchCache.clear();
  }

  async draftInstance(module: Module, variantID?: string): Promise<string | undefined> {
    const all = await this.branches(module);
    return all.find((b) => (variantID ? b.variantID === variantID : !b.variantID))?.currentDraftInstanceID;
  }

  /** The first resource of a module's instance (a listing, a property, an availability, a configuration). */
  async byInstance(kind: 'listings' | 'properties' | 'productAvailabilities' | 'featureAvailabilities' | 'packageConfigurations', instance: string): Promise<PcResource | undefined> {
    const expand = kind === 'featureAvailabilities' ? `?$expand=${enc('MarketStates,PriceSchedule,Trial')}` : '';
    const list = await this.client.list(this.path(`${kind}/getByInstanceID(instanceID=${enc(instance)})${expand}`));
    return list[0];
  }

  variants(): Promise<PcResource[]> {
    return this.client.list(this.path('variants'));
  }

  submissions(): Promise<Submission[]> {
    return this.client.list<Submission>(this.path('submissions'));
  }
}

export const targetOf = (s: Submission): string | undefined => s.targets?.find((t) => t.type.toLowerCase() === 'scope')?.value?.toLowerCase();

/** The submission now live (published to the live target), if any. */
export function liveSubmission(subs: Submission[]): Submission | undefined {
  return subs.filter((s) => targetOf(s) === 'live' && s.state === 'Published').sort(byRelease).at(-1);
}

/** The newest submission to preview (in progress or published there), if any. */
export function previewSubmission(subs: Submission[]): Submission | undefined {
  return subs.filter((s) => targetOf(s) === 'preview').sort(byRelease).at(-1);
}

function byRelease(a: Submission, b: Submission): number {
  return (a.releaseNumber ?? 0) - (b.releaseNumber ?? 0) || String(a.publishedTimeInUtc ?? '').localeCompare(String(b.publishedTimeInUtc ?? ''));
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

/** a > b for major.minor.patch versions. */
export function versionAbove(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return false;
}
