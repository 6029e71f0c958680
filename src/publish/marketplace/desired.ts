// What Partner Center should hold for an offer, resource by resource, in the submission API's own shapes:
// the product, its listing (with the generated "Data requested" section) and logo, its properties, the
// preview audience and lead destination, and per plan the AzureSkuVariant, its listing, its markets, price
// and visibility (feature availability) and its technical configuration (package and package
// configuration). Only the fields offerkit manages are listed; what Partner Center keeps besides them is
// left as it is.

import { createHash } from 'node:crypto';
import type { Offer, Plan } from '../../offer/model.js';
import type { PackagedPlan } from '../../package/package-plan.js';
import { listingDescription } from '../../render/listing.js';
import { markdownToHtml } from '../../render/markdown.js';
import { escapeHtml } from '../../render/html.js';
import { PARTNER_CENTER_MARKETS } from '../../offer/marketplace-markets.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Fields = Record<string, Json>;

export interface DesiredPlan {
  planId: string;
  friendlyName: string;
  listing: Fields;
  availability: Fields;
  package: { fileName: string; bytes: Buffer; sha256: string };
  /** The package configuration without packageReferences (added once the package id is known). */
  configuration: Fields;
  version: string;
}

export interface DesiredOffer {
  offerId: string;
  alias: string;
  listing: Fields;
  logo?: { fileName: string; bytes: Buffer; sha256: string };
  property: Fields;
  availability: Fields;
  leads?: Fields;
  /** Resell through CSPs (POST products/{id}/resellerConfiguration). */
  reseller: Fields;
  plans: DesiredPlan[];
}

export const PACKAGE_RESOURCE_TYPE = 'AzureApplicationPackage';
export const LOGO_TYPE = 'AzureLogoLarge';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A package file name that carries the package's hash, so a re-run recognises what Partner Center already has. */
export function packageFileName(offerId: string, planId: string, version: string, sha256: string): string {
  return `${offerId}-${planId}-${version}-${sha256}.zip`;
}

export function shaInFileName(name: unknown): string | undefined {
  return typeof name === 'string' ? /-([0-9a-f]{64})\.(zip|png)$/.exec(name)?.[1] : undefined;
}

function contacts(offer: Offer): Json {
  const out: Json[] = [];
  const s = offer.support;
  out.push({ type: 'CustomerSupport', name: s.name, email: s.email, phone: s.phone ?? '', uri: s.url ?? '' });
  const e = offer.marketplace.engineeringContact;
  out.push({ type: 'Engineering', name: e.name, email: e.email, phone: e.phone ?? '', uri: '' });
  return out;
}

function links(offer: Offer): Json {
  return [
    { type: 'PrivacyUri', subtype: 'SubTypeUri', displayText: 'Privacy policy', uri: offer.privacyUrl },
    ...offer.marketplace.usefulLinks.map((l) => ({ type: 'Documentation', subtype: 'SubTypeUri', displayText: l.title, uri: l.url })),
  ];
}

/** The unit a perUser meter is counted in, by billing term. */
export function meterUnit(plan: Plan): string {
  return plan.price.billingTerm === 'year' ? 'user per year' : 'user per month';
}

/**
 * A plan's price as Microsoft's client builds it for a managed-application plan (az-partner-center-cli,
 * confs/variant/feature_availability.py): one schedule per market the plan is sold in, each `isBaseSchedule:
 * false` with that one market in `marketCodes`, named `<pricing>_priceOverrideSchedule_<market>` (the client's
 * free plans are `free_priceOverrideSchedule_US`), a recurring price in USD (the client prices Canada in USD
 * too) and no pricing units (the swagger's units, sharedcore and transactions, are for other offer types).
 */
function priceSchedules(plan: Plan, markets: string[]): Json {
  const amount = plan.price.model === 'flat' ? plan.price.amount : 0;
  return markets.map((code) => ({
    isBaseSchedule: false,
    marketCodes: [code],
    friendlyName: `${plan.price.model}_priceOverrideSchedule_${code}`,
    schedules: [
      {
        retailPrice: { openPrice: amount, currencyCode: plan.price.currency },
        priceCadence: { type: plan.price.billingTerm === 'year' ? 'Year' : 'Month', value: 1 },
        pricingModel: 'Recurring',
      },
    ],
  }));
}

/** Every market Partner Center lists, Enabled where the plan is sold (as the service stores a plan's markets). */
function marketStates(markets: string[]): Json {
  const sold = new Set(markets);
  const all = [...new Set([...PARTNER_CENTER_MARKETS, ...markets])].sort();
  return all.map((code) => ({ marketCode: code, state: sold.has(code) ? 'Enabled' : 'Disabled' }));
}

function customMeters(offer: Offer, plan: Plan): Json {
  if (plan.price.model !== 'perUser') return [];
  const meterId = offer.marketplace.plans.get(plan.id)!.meterId;
  return [
    {
      isEnabled: true,
      ID: meterId,
      displayName: 'Users',
      unitOfMeasure: meterUnit(plan),
      priceInUsd: plan.price.amount,
      includedBaseQuantities: [{ recurringUnit: plan.price.billingTerm === 'year' ? 'Annual' : 'Monthly', isInfinite: false, quantity: 0 }],
    },
  ];
}

function planDescriptionHtml(plan: Plan): string {
  return markdownToHtml(plan.description, { topLevel: 3 }) || `<p>${escapeHtml(plan.description)}</p>`;
}

export function desiredOffer(offer: Offer, packages: PackagedPlan[]): DesiredOffer {
  const m = offer.marketplace;
  const mgmt = offer.management;
  const listing: Fields = {
    title: offer.displayName,
    summary: offer.summary,
    shortDescription: m.shortDescription,
    description: listingDescription(offer),
    keywords: offer.keywords,
    listingUris: links(offer),
    listingContacts: contacts(offer),
  };
  const property: Fields = {
    leveledCategories: Object.fromEntries(offer.categories.map((c) => [c.id, [...c.subcategories]])),
    termsOfUse: markdownToHtml(offer.terms, { topLevel: 2 }),
    useEnterpriseContract: false,
  };
  // The preview audience as Microsoft's client sets it (one PreviewMarketplaceGroup of subscription ids).
  const availability: Fields = {
    audiences: m.previewAudience.length ? [{ type: 'PreviewMarketplaceGroup', values: m.previewAudience.map((a) => a.id) }] : [],
  };
  const leads: Fields | undefined = m.leads?.httpsEndpoint
    ? { resourceType: 'HttpsEndpointLeadConfiguration', httpsEndpointUri: m.leads.httpsEndpoint, ...(m.leads.email ? { contactEmail: m.leads.email } : {}) }
    : m.leads?.email
      ? { resourceType: 'BaseLeadConfiguration', contactEmail: m.leads.email }
      : undefined;
  const reseller: Fields = { resourceType: 'ResellerConfiguration', resellerChannelState: m.resellers.channel, tenantIds: m.resellers.channel === 'PartialOptIn' ? [...m.resellers.tenants].sort() : [] };
  const plans: DesiredPlan[] = packages.map(({ rendered, zip, sha256 }) => {
    const plan = rendered.plan;
    const mp = m.plans.get(plan.id)!;
    const markets = [...mp.markets].sort();
    return {
      planId: plan.id,
      friendlyName: plan.displayName,
      version: plan.version,
      listing: { title: plan.displayName, shortDescription: mp.summary ?? plan.description, description: planDescriptionHtml(plan) },
      availability: {
        visibility: 'Public',
        isHidden: mp.hidden,
        marketStates: marketStates(markets),
        priceSchedules: priceSchedules(plan, markets),
        customMeters: customMeters(offer, plan),
      },
      package: { fileName: packageFileName(offer.id, plan.id, plan.version, sha256), bytes: zip, sha256 },
      configuration: {
        version: plan.version,
        allowJitAccess: mgmt.jitAccess.enabled,
        canEnableCustomerActions: Boolean(mgmt.lockingPolicy && (mgmt.lockingPolicy.allowedActions.length || mgmt.lockingPolicy.allowedDataActions.length)),
        allowedCustomerActions: mgmt.lockingPolicy ? [...mgmt.lockingPolicy.allowedActions] : [],
        allowedDataActions: mgmt.lockingPolicy ? [...mgmt.lockingPolicy.allowedDataActions] : [],
        publicAzureTenantID: m.tenantId ?? '',
        publicAzureAuthorizations: [...mgmt.authorizations].sort((a, b) => (a.principalId + a.roleDefinitionId < b.principalId + b.roleDefinitionId ? -1 : 1)).map((a) => ({ principalID: a.principalId, roleDefinitionID: a.roleDefinitionId })),
        policies: offer.policies.map((p) => ({
          policyName: p.policy.displayName,
          policyDefinitionID: p.policy.policyDefinitionId,
          policyParameters: JSON.stringify(Object.fromEntries(Object.entries(p.parameters).map(([k, v]) => [k, { value: v }]))),
          policySku: 'Standard',
        })),
        deploymentMode: mgmt.deploymentPolicy,
      },
    };
  });
  const logo = offer.logo ? { fileName: `logo-${sha(offer.logo.bytes)}.png`, bytes: offer.logo.bytes, sha256: sha(offer.logo.bytes) } : undefined;
  return { offerId: offer.id, alias: m.alias, listing, ...(logo ? { logo } : {}), property, availability, ...(leads ? { leads } : {}), reseller, plans };
}

export { diffFields, type FieldChange } from './compare-stored.js';
