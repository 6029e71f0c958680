// `offerkit init <dir> --from marketplace --offer-id <id>` (or --product-id): a new offer folder from an Azure
// Application offer in Partner Center, read through the submission API as it stands in draft. The listing gives
// names, summary, description, keywords, links and contacts; the properties give categories and terms; the
// product availability the preview audience; the lead and reseller configurations theirs. Every managed-application
// plan gives its listing, markets, price or meter, visibility and technical configuration, and its package:
// downloaded through the read address Partner Center gives for an uploaded file (its fileSasUri, never shown or
// written), or taken from --package <plan>=<app.zip> where it gives none. Solution-template plans are named and
// left out. Plans that share one package share its templates; where packages differ, each plan's text is kept
// and chosen by plan id.

import { createHash } from 'node:crypto';
import type { RetrySettings } from '../azure/clients.js';
import { fetchPackageBytes } from '../azure/fetch-package.js';
import type { PartnerCenterClient, PcResource } from '../azure/partner-center.js';
import { UserError } from '../diagnostics.js';
import { inspectPackageBuffer, inspectPackageFile } from '../package/inspect-package.js';
import { LOGO_TYPE, PACKAGE_RESOURCE_TYPE } from '../publish/marketplace/desired.js';
import { enc, findProduct, ProductView, type Module } from '../publish/marketplace/product.js';
import { htmlToMarkdown } from '../render/html-to-markdown.js';
import { parseListingDataSection } from '../render/listing.js';
import { textOf } from '../util/text-of.js';
import { writeImport, type ImportResult, type PlanSpec } from './import-package.js';

export interface MarketplaceImportOptions {
  offerId?: string;
  productId?: string;
  /** plan id → an app.zip to use for that plan's package. */
  packages: ReadonlyMap<string, string>;
  retry: RetrySettings;
  id?: string;
  /** One line per step (reading the listing, each plan and its package). */
  progress?: (line: string) => void;
}

const PLAN_ID = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const list = <T = Record<string, unknown>>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

async function draft(product: ProductView, module: Module, kind: Parameters<ProductView['byInstance']>[0], variantID?: string): Promise<PcResource | undefined> {
  const instance = await product.draftInstance(module, variantID);
  return instance ? product.byInstance(kind, instance) : undefined;
}

/** The plan's price as offer.yaml states it, from its price schedule and custom meter (as publish writes them). */
function priceOf(availability: PcResource | undefined): { price?: Record<string, unknown>; meterId?: string; note?: string } {
  const schedule = list(availability?.priceSchedules)[0];
  const first = list(schedule?.schedules)[0];
  const retail = first?.retailPrice as { openPrice?: unknown; currencyCode?: unknown } | undefined;
  const cadence = textOf((first?.priceCadence as { type?: unknown } | undefined)?.type ?? 'Month').toLowerCase();
  const billingTerm = cadence === 'year' ? 'year' : 'month';
  const currency = str(retail?.currencyCode) ?? 'USD';
  const meter = list(availability?.customMeters).find((m) => m.isEnabled !== false);
  if (meter) {
    const amount = Number(meter.priceInUsd);
    if (!Number.isFinite(amount) || amount < 0) return { note: `The custom meter ${textOf(meter.ID)} has no readable price; the plan is free until you set one.` };
    return { price: { model: 'perUser', amount, currency, billingTerm }, ...(str(meter.ID) ? { meterId: str(meter.ID)! } : {}) };
  }
  const amount = Number(retail?.openPrice ?? 0);
  if (!Number.isFinite(amount) || amount < 0) return { note: 'The price schedule has no readable price; the plan is free until you set one.' };
  return { price: amount === 0 ? { model: 'free', amount: 0, currency, billingTerm } : { model: 'flat', amount, currency, billingTerm } };
}

/** A package configuration in the shape of a definition's properties, for offerFromDefinition. */
function definitionOf(conf: PcResource): Record<string, unknown> {
  const policies = list<{ policyName?: string; policyDefinitionID?: string; policyParameters?: string }>(conf.policies).map((p) => ({ name: p.policyName, policyDefinitionId: p.policyDefinitionID, parameters: p.policyParameters }));
  return {
    authorizations: list<{ principalID?: string; roleDefinitionID?: string }>(conf.publicAzureAuthorizations).map((a) => ({ principalId: a.principalID, roleDefinitionId: a.roleDefinitionID })),
    ...(str(conf.deploymentMode) ? { deploymentPolicy: { deploymentMode: conf.deploymentMode } } : {}),
    lockingPolicy: { allowedActions: list(conf.allowedCustomerActions), allowedDataActions: list(conf.allowedDataActions) },
    ...(conf.allowJitAccess === true ? { jitAccessPolicy: { jitAccessEnabled: true } } : {}),
    policies,
  };
}

async function packageOf(product: ProductView, conf: PcResource, plan: string, o: MarketplaceImportOptions, shown: string): Promise<Map<string, Buffer>> {
  const given = o.packages.get(plan);
  if (given) {
    const pkg = await inspectPackageFile(given, given);
    const errors = pkg.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'package-missing-root-file');
    if (errors.length) throw new UserError(errors, 1);
    return pkg.contents;
  }
  const ref = list<{ type?: string; value?: string }>(conf.packageReferences).find((r) => r.type === PACKAGE_RESOURCE_TYPE)?.value;
  const pkg = ref ? await product.client.find(product.path(`packages/${enc(ref)}`)) : undefined;
  const hint = `Pass the plan's app.zip with --package ${plan}=<app.zip>.`;
  if (!pkg) throw new UserError({ code: 'import-package-missing', severity: 'error', message: `Plan ${plan} of ${shown} has no package in its technical configuration.`, hint }, 1);
  const url = str(pkg.fileSasUri);
  if (!url || !/^https:\/\//i.test(url)) throw new UserError({ code: 'import-package-unreadable', severity: 'error', message: `Partner Center offers no download of plan ${plan}'s package (${textOf(pkg.fileName)}, state ${textOf(pkg.state)}).`, hint }, 1);
  let bytes: Buffer;
  try {
    bytes = await fetchPackageBytes(url, o.retry);
  } catch (e) {
    // The address carries a SAS: the message names the plan and the file, never the address.
    const status = (e as { statusCode?: number }).statusCode;
    throw new UserError({ code: 'import-package-unreadable', severity: 'error', message: `The package of plan ${plan} (${textOf(pkg.fileName)}) could not be downloaded (${status ? `HTTP ${status}` : (e as Error).message.split('?')[0]}).`, hint }, 1);
  }
  const inspected = inspectPackageBuffer(bytes, `the package of plan ${plan}`);
  const errors = inspected.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'package-missing-root-file');
  if (errors.length) throw new UserError(errors, 1);
  return inspected.contents;
}

/**
 * The listing's large logo, downloaded through the read address Partner Center gives for an uploaded image. The
 * swagger's listing-images GET: "Use $expand=FileSasUri to Include SAS URI in response"; the recorded exchange
 * (test_marketplace_offer_listing_media.yaml, a GET whose $expand was malformed) shows an uploaded image without it.
 */
async function logoOf(product: ProductView, listingId: string, retry: RetrySettings, notes: string[]): Promise<Buffer | undefined> {
  const images = await product.client.list(product.path(`listings/${enc(listingId)}/images?$expand=FileSasUri`));
  const image = images.find((i) => i.type === LOGO_TYPE && (i.state === 'Uploaded' || i.state === 'Processed'));
  if (!image) return undefined;
  const url = str(image.fileSasUri);
  try {
    if (!url || !/^https:\/\//i.test(url)) throw new Error('no download address');
    const bytes = await fetchPackageBytes(url, retry);
    if (bytes.length > 4 * 1024 * 1024 || !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG file of at most 4 MB');
    return bytes;
  } catch (e) {
    // The address carries a SAS: only the reason is said.
    const status = (e as { statusCode?: number }).statusCode;
    notes.push(`The listing's logo (${textOf(image.fileName)}) could not be read (${status ? `HTTP ${status}` : (e as Error).message.split('?')[0]}): add logo: logo.png to offer.yaml yourself.`);
    return undefined;
  }
}

/** offer.yaml's listing fields, from the offer's listing. */
function fromListing(listing: PcResource | undefined, notes: string[]): { offer: Record<string, unknown>; marketplace: Record<string, unknown>; description?: string; purposes: Map<string, string> } {
  const offer: Record<string, unknown> = {};
  const marketplace: Record<string, unknown> = {};
  const purposes = new Map<string, string>();
  if (!listing) return { offer, marketplace, purposes };
  const title = str(listing.title);
  if (title) {
    offer.displayName = title.slice(0, 50);
    if (title.length > 50) notes.push(`The listing's title is ${title.length} characters; offer.yaml's displayName holds 50, so it was cut: "${title.slice(0, 50)}".`);
  }
  const summary = str(listing.summary);
  if (summary) offer.summary = summary;
  const short = str(listing.shortDescription);
  if (short && short !== summary) marketplace.shortDescription = short;
  const keywords = list<string>(listing.keywords).filter((k) => typeof k === 'string' && k.trim());
  if (keywords.length) offer.keywords = keywords;
  for (const u of list<{ type?: string; displayText?: string; uri?: string }>(listing.listingUris)) {
    if (u.type === 'PrivacyUri' && str(u.uri)) offer.privacyUrl = u.uri;
    else if (str(u.uri) && /^https:\/\//i.test(u.uri!)) ((marketplace.usefulLinks ??= []) as unknown[]).push({ title: str(u.displayText) ?? u.uri, url: u.uri });
  }
  const contact = (c: Record<string, unknown>) => ({ name: str(c.name) ?? 'Support', email: str(c.email) ?? 'support@example.com', ...(str(c.phone) ? { phone: c.phone } : {}), ...(str(c.uri) ? { url: c.uri } : {}) });
  for (const c of list(listing.listingContacts)) {
    if (c.type === 'CustomerSupport') offer.support = contact(c);
    else if (c.type === 'Engineering') {
      const { url: _u, ...engineering } = contact(c);
      marketplace.engineeringContact = engineering;
    }
  }
  const html = str(listing.description);
  let description: string | undefined;
  // offerkit's listing names each dataset's purpose in its data section: the purposes come back from there.
  for (const d of html ? parseListingDataSection(html) : []) if (d.dataset && d.purpose) purposes.set(d.dataset, d.purpose);
  if (html) {
    // offerkit's own listing ends with generated sections (the data requested, the next steps): they are made again.
    const cut = ['<h2>Data requested</h2>', '<h2>After you install</h2>'].map((h) => html.indexOf(h)).filter((i) => i >= 0);
    description = htmlToMarkdown(cut.length ? html.slice(0, Math.min(...cut)) : html, { topLevel: 2 });
    notes.push("description.md is the listing's description, turned from Partner Center's HTML into Markdown: check its formatting.");
  }
  return { offer, marketplace, ...(description ? { description } : {}), purposes };
}

export async function importMarketplace(dirArg: string, client: PartnerCenterClient, o: MarketplaceImportOptions): Promise<ImportResult> {
  const asked = o.productId ? `product ${o.productId}` : `offer ${o.offerId ?? ''}`;
  const found = await findProduct(client, o.offerId ?? '', o.productId);
  if (!found?.id) throw new UserError({ code: 'import-offer-missing', severity: 'error', message: `Partner Center has no ${asked}.`, hint: 'Check the offer id (Partner Center: Offer setup → Offer ID) or pass --product-id.' }, 1);
  if (found.resourceType !== undefined && found.resourceType !== 'AzureApplication') throw new UserError({ code: 'import-not-azure-application', severity: 'error', message: `${asked} is a ${textOf(found.resourceType)} offer; offerkit imports Azure Application offers.` }, 1);
  const offerId = ((found.externalIDs ?? found.externalIds) as { type: string; value: string }[] | undefined)?.find((x) => x.type.toLowerCase() === 'azureofferid')?.value ?? o.offerId;
  const shown = `marketplace offer ${offerId ?? found.id}`;
  const product = new ProductView(client, found.id);
  const notes: string[] = [];
  o.progress?.(`Reading ${shown} from Partner Center…`);

  const listing = await draft(product, 'Listing', 'listings');
  const { offer, marketplace, description, purposes } = fromListing(listing, notes);
  const extraFiles = new Map<string, Uint8Array>();
  const logo = listing?.id ? await logoOf(product, listing.id, o.retry, notes) : undefined;
  if (logo) {
    extraFiles.set('logo.png', logo);
    offer.logo = 'logo.png';
  }
  const name = str(found.name);
  if (name && name !== offer.displayName) marketplace.alias = name;
  const property = await draft(product, 'Property', 'properties');
  const categories = property?.leveledCategories;
  if (categories && typeof categories === 'object' && Object.keys(categories).length) offer.categories = categories;
  const termsHtml = str(property?.termsOfUse);
  const termsFromHtml = termsHtml ? `# Terms of service\n\n${htmlToMarkdown(termsHtml, { topLevel: 2 })}` : undefined;
  const audience = list<{ type?: string; values?: unknown[] }>((await draft(product, 'Availability', 'productAvailabilities'))?.audiences).find((a) => a.type === 'PreviewMarketplaceGroup');
  const previewAudience = list<string>(audience?.values).filter((v) => typeof v === 'string' && GUID.test(v));
  if (previewAudience.length) marketplace.previewAudience = previewAudience;
  const leads = await client.find(product.path('leadconfiguration'));
  const leadEmail = str(leads?.contactEmail);
  const leadUri = str(leads?.httpsEndpointUri);
  if (leadEmail || leadUri) marketplace.leads = { ...(leadEmail ? { email: leadEmail } : {}), ...(leadUri ? { httpsEndpoint: leadUri } : {}) };
  const reseller = await client.find(product.path('resellerConfiguration'));
  const channel = str(reseller?.resellerChannelState);
  if (channel && channel !== 'Enabled') {
    marketplace.resellers = channel;
    const tenants = list<string>(reseller?.tenantIds).filter((t) => typeof t === 'string' && GUID.test(t));
    if (channel === 'PartialOptIn' && tenants.length) marketplace.resellerTenants = tenants;
  }

  const plans: PlanSpec[] = [];
  const perPlan: Record<string, Record<string, unknown>> = {};
  const markets = new Map<string, string[]>();
  let definition: Record<string, unknown> | undefined;
  let jit = false;
  let tenant: string | undefined;
  const variants = (await product.variants()).filter((v) => v.resourceType === 'AzureSkuVariant');
  for (const v of variants) {
    const plan = textOf(v.externalID);
    if (textOf(v.subType) !== 'managed-application') {
      notes.push(`Plan ${plan} is a ${textOf(v.subType) || 'non-managed-application'} plan: offerkit makes managed applications, so it was left out.`);
      continue;
    }
    if (!PLAN_ID.test(plan)) {
      notes.push(`Plan ${JSON.stringify(plan)} has an id offer.yaml cannot hold; it was left out.`);
      continue;
    }
    o.progress?.(`Plan ${plan}: listing, availability, technical configuration and package…`);
    const conf = await draft(product, 'Package', 'packageConfigurations', v.id);
    if (!conf) {
      notes.push(`Plan ${plan} has no technical configuration yet; it was left out.`);
      continue;
    }
    const listing = await draft(product, 'Listing', 'listings', v.id);
    const availability = await draft(product, 'Availability', 'featureAvailabilities', v.id);
    const files = await packageOf(product, conf, plan, o, shown);
    const priced = priceOf(availability);
    if (priced.note) notes.push(`Plan ${plan}: ${priced.note}`);
    const descriptionHtml = str(listing?.description);
    const planDescription = descriptionHtml ? htmlToMarkdown(descriptionHtml).trim().slice(0, 3000) : undefined;
    const version = str(conf.version);
    plans.push({
      id: plan,
      ...(str(v.friendlyName) ? { displayName: str(v.friendlyName)!.slice(0, 100) } : {}),
      ...(planDescription ? { description: planDescription } : {}),
      ...(version && /^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version) ? { version } : {}),
      ...(priced.price ? { price: priced.price } : {}),
      files,
    });
    const settings: Record<string, unknown> = {};
    if (availability?.isHidden === true) settings.hidden = true;
    const short = str(listing?.shortDescription);
    if (short && short !== planDescription) settings.summary = short;
    if (priced.meterId && priced.meterId !== 'users') settings.meterId = priced.meterId;
    if (Object.keys(settings).length) perPlan[plan] = settings;
    markets.set(plan, list<{ marketCode?: string; state?: string }>(availability?.marketStates).filter((m) => m.state === 'Enabled' && /^[A-Z]{2}$/.test(textOf(m.marketCode))).map((m) => m.marketCode!).sort());
    const asDefinition = definitionOf(conf);
    if (!definition) {
      definition = asDefinition;
      jit = conf.allowJitAccess === true;
      tenant = str(conf.publicAzureTenantID);
    } else if (JSON.stringify(asDefinition) !== JSON.stringify(definition) || jit !== (conf.allowJitAccess === true)) {
      notes.push(`Plan ${plan}'s technical configuration (authorizations, policies, actions) differs from plan ${plans[0].id}'s; offer.yaml has one, plan ${plans[0].id}'s.`);
    }
  }
  if (!plans.length) throw new UserError({ code: 'import-no-plans', severity: 'error', message: `${shown} has no managed-application plan with a technical configuration.`, ...(notes.length ? { hint: notes.join(' ') } : {}) }, 1);

  // Markets: the offer's when every plan is sold in the same ones, else per plan.
  const sets = [...markets.values()].map((m) => m.join(','));
  const common = sets.every((m) => m === sets[0]) ? [...markets.values()][0] : undefined;
  if (common?.length && common.join(',') !== 'US') marketplace.markets = common;
  if (!common) for (const [plan, m] of markets) if (m.length) perPlan[plan] = { ...perPlan[plan], markets: m };
  if (Object.keys(perPlan).length) marketplace.plans = perPlan;
  if (tenant && GUID.test(tenant)) marketplace.tenantId = tenant;
  const distinct = new Set(plans.map((p) => createHash('sha256').update(JSON.stringify([...p.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, b]) => [n, createHash('sha256').update(b).digest('hex')]))).digest('hex')));
  notes.push(`${plans.length} plan${plans.length === 1 ? '' : 's'} with ${distinct.size} distinct package${distinct.size === 1 ? '' : 's'}.`);
  const offerFields: Record<string, unknown> = { ...offer, ...(Object.keys(marketplace).length ? { marketplace } : {}) };
  const result = await writeImport(dirArg, {
    shown,
    ...(definition ? { definition } : {}),
    plans,
    offer: offerFields,
    ...(description ? { description } : {}),
    ...(termsFromHtml ? { termsFallback: termsFromHtml } : {}),
    purposes,
    extraFiles,
    notes,
  }, { ...(o.id ?? offerId ? { id: o.id ?? offerId } : {}) });
  if (jit) result.notes.push('Just-in-time access is on in Partner Center: check management.jitAccess (approval, maximum duration) in offer.yaml; the technical configuration does not hold them.');
  return result;
}
