// The marketplace as a customer's subscription meets it: plans of published managed-application offers (their
// package, which the customer cannot read), and the legal terms of each plan, read and accepted through
// Microsoft.MarketplaceOrdering agreements (…/offerTypes/virtualmachine/publishers/{p}/offers/{o}/plans/{plan}/
// agreements/current, api-version 2021-01-01; bodies as the swagger's GetMarketplaceTerms/SetMarketplaceTerms
// examples; offerType is "virtualmachine" for every offer, as Microsoft's own CLI uses it for non-VM offers).
// A managed application of kind MarketPlace names its plan {publisher, product, name, version} as
// `az managedapp create --kind MarketPlace --plan-*` sends it; terms not accepted answer with the posted
// MarketplacePurchaseEligibilityFailed body (fixtures/arm-errors/marketplace-terms.json).

import { randomUUID } from 'node:crypto';
import { armError, type ArmResponse } from './application-definitions.js';
import { armErrorResponse } from './arm-error-fixtures.js';

export interface MarketplacePlan {
  publisher: string;
  product: string;
  name: string;
  version: string;
  /** The published package (app.zip) the plan installs. */
  packageBytes: Buffer;
  lockLevel?: 'None' | 'CanNotDelete' | 'ReadOnly';
  policies?: { name: string; policyDefinitionId: string }[];
}

const API_VERSION = '2021-01-01';
const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join('/');

export class MarketplaceEmulator {
  readonly plans = new Map<string, MarketplacePlan>();
  /** Agreements by subscription/publisher/offer/plan. */
  readonly agreements = new Map<string, { accepted: boolean; signature: string; retrieveDatetime: string }>();
  /** Requests made to MarketplaceOrdering (what a test checks was asked). */
  readonly requests: { method: string; path: string }[] = [];

  addPlan(plan: MarketplacePlan): void {
    this.plans.set(key(plan.publisher, plan.product, plan.name, plan.version), plan);
  }

  private agreement(sub: string, publisher: string, offer: string, plan: string) {
    const k = key(sub, publisher, offer, plan);
    let a = this.agreements.get(k);
    if (!a) this.agreements.set(k, (a = { accepted: false, signature: randomUUID().replace(/-/g, '').toUpperCase(), retrieveDatetime: new Date().toISOString() }));
    return a;
  }

  private agreementBody(sub: string, publisher: string, offer: string, plan: string) {
    const a = this.agreement(sub, publisher, offer, plan);
    return {
      id: `/subscriptions/${sub}/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/${publisher}/offers/${offer}/plans/${plan}/agreements/current`,
      name: plan,
      type: 'Microsoft.MarketplaceOrdering/offertypes',
      properties: { publisher, product: offer, plan, licenseTextLink: `https://mpcprodsa.blob.core.windows.net/legalterms/3E5ED_legalterms_${publisher.toUpperCase()}.txt`, privacyPolicyLink: `https://${publisher}.example/privacy`, marketplaceTermsLink: 'https://mpcprodsa.blob.core.windows.net/marketplaceterms/3EDEF_marketplaceterms_AZUREAPPLICATION.txt', retrieveDatetime: a.retrieveDatetime, signature: a.signature, accepted: a.accepted },
    };
  }

  /** …/providers/Microsoft.MarketplaceOrdering/… (seg: the path segments after the subscription, original case). */
  route(method: string, sub: string, seg: string[], raw: Buffer, apiVersion: string): ArmResponse {
    this.requests.push({ method, path: seg.join('/') });
    const lower = seg.map((s) => s.toLowerCase());
    // providers, microsoft.marketplaceordering, offertypes, {type}, publishers, {p}, offers, {o}, plans, {plan}, agreements, current
    if (lower.length !== 12 || lower[2] !== 'offertypes' || lower[4] !== 'publishers' || lower[6] !== 'offers' || lower[8] !== 'plans' || lower[10] !== 'agreements' || lower[11] !== 'current') return armError(404, 'NotFound', `No route for ${method} ${seg.join('/')}.`);
    if (apiVersion !== API_VERSION && apiVersion !== '2015-06-01') return armError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid.`);
    if (lower[3] !== 'virtualmachine') return armError(400, 'InvalidOfferType', `The offer type '${seg[3]}' is not supported.`);
    const [publisher, offer, plan] = [seg[5], seg[7], seg[9]];
    if (method === 'GET') return { status: 200, body: this.agreementBody(sub, publisher, offer, plan) };
    if (method !== 'PUT') return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    let body: { properties?: { accepted?: unknown; signature?: unknown } };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    const a = this.agreement(sub, publisher, offer, plan);
    // The terms are accepted as read: the signature of the terms the caller was shown must come back.
    if (body.properties?.signature !== a.signature) return armError(400, 'BadRequest', 'The signature of the agreement does not match the terms of this plan. Read the terms again and accept them.');
    if (typeof body.properties?.accepted !== 'boolean') return armError(400, 'BadRequest', "The property 'accepted' is required.");
    a.accepted = body.properties.accepted;
    a.retrieveDatetime = new Date().toISOString();
    return { status: 200, body: this.agreementBody(sub, publisher, offer, plan) };
  }

  /** The plan a MarketPlace application names, or ARM's refusal (unknown plan, terms not accepted). */
  purchase(sub: string, plan: unknown): MarketplacePlan | ArmResponse {
    const p = plan as { name?: unknown; publisher?: unknown; product?: unknown; version?: unknown } | undefined;
    if (!p || typeof p.name !== 'string' || typeof p.publisher !== 'string' || typeof p.product !== 'string' || typeof p.version !== 'string') {
      return armError(400, 'InvalidApplicationPlan', "A managed application of kind 'MarketPlace' needs its plan: name, publisher, product and version.");
    }
    const found = this.plans.get(key(p.publisher, p.product, p.name, p.version));
    // Inferred: the code ARM gives for a plan the marketplace does not know.
    if (!found) return armError(404, 'ApplicationPlanNotFound', `The plan '${p.name}' version '${p.version}' of offer '${p.product}' by publisher '${p.publisher}' could not be found.`);
    if (!this.agreement(sub, p.publisher, p.product, p.name).accepted) return armErrorResponse('marketplace-terms', { publisher: p.publisher, product: p.product, correlation: randomUUID(), subscription: sub });
    return found;
  }
}
