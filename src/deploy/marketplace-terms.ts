// A marketplace plan's legal terms, as a customer accepts them: Microsoft.MarketplaceOrdering's agreement for
// the plan (GET …/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/{publisher}/
// offers/{product}/plans/{plan}/agreements/current, api-version 2021-01-01; the swagger's only offer type is
// virtualmachine, and Microsoft's own CLI uses it for offers that are not virtual machines). Accepting is a PUT of
// the agreement just read with accepted: true — its signature is what ties the acceptance to those terms (the
// swagger's SetMarketplaceTerms example; `az term accept` and Set-AzMarketplaceTerms do the same).

import type { Diagnostic } from '../diagnostics.js';
import { describeAzureError, resourcesClient, type AzureContext } from '../azure/clients.js';
import { load } from '../azure/lazy-module.js';
import { textOf } from '../util/text-of.js';

export interface MarketplacePlan {
  publisher: string;
  product: string;
  name: string;
  version: string;
}

export interface Terms {
  accepted: boolean;
  licenseTextLink?: string;
  privacyPolicyLink?: string;
  marketplaceTermsLink?: string;
}

const API_VERSION = '2021-01-01';

const path = (ctx: AzureContext, p: MarketplacePlan) =>
  `/subscriptions/${ctx.subscription}/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/${encodeURIComponent(p.publisher)}/offers/${encodeURIComponent(p.product)}/plans/${encodeURIComponent(p.name)}/agreements/current?api-version=${API_VERSION}`;

async function send(ctx: AzureContext, url: string, method: 'GET' | 'PUT', body?: unknown): Promise<Record<string, unknown>> {
  const client = await resourcesClient(ctx);
  const { createPipelineRequest, createHttpHeaders } = await load(import('@azure/core-rest-pipeline'));
  const request = createPipelineRequest({ url: `${ctx.cloud.resourceManager.replace(/\/+$/, '')}${url}`, method, ...(body ? { body: JSON.stringify(body), headers: createHttpHeaders({ 'content-type': 'application/json' }) } : {}) });
  const response = await client.sendRequest(request);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(response.bodyAsText || '{}') as Record<string, unknown>;
  } catch {
    /* an answer that is not JSON */
  }
  if (response.status !== 200) {
    const e = parsed.error as { code?: string; message?: string } | undefined;
    throw Object.assign(new Error(e?.message ?? `HTTP ${response.status}`), { statusCode: response.status, code: e?.code });
  }
  return parsed;
}

const termsOf = (agreement: Record<string, unknown>): Terms => {
  const p = (agreement.properties ?? {}) as Record<string, unknown>;
  return { accepted: p.accepted === true, ...(p.licenseTextLink ? { licenseTextLink: textOf(p.licenseTextLink) } : {}), ...(p.privacyPolicyLink ? { privacyPolicyLink: textOf(p.privacyPolicyLink) } : {}), ...(p.marketplaceTermsLink ? { marketplaceTermsLink: textOf(p.marketplaceTermsLink) } : {}) };
};

/**
 * The plan's terms for this subscription, accepted when `accept` is given and they are not yet; a diagnostic
 * (nothing created) when they are not accepted and may not be, or cannot be read.
 */
export async function ensureTerms(ctx: AzureContext, plan: MarketplacePlan, accept: boolean): Promise<{ terms?: Terms; accepted?: boolean; diagnostics: Diagnostic[] }> {
  const url = path(ctx, plan);
  let agreement: Record<string, unknown>;
  try {
    agreement = await send(ctx, url, 'GET');
  } catch (e) {
    return { diagnostics: [{ code: 'deploy-marketplace-terms', severity: 'error', message: `The terms of plan ${plan.name} of ${plan.publisher}/${plan.product} could not be read (${describeAzureError(e)}); nothing was created.`, hint: 'Check the publisher, offer and plan ids (as the marketplace listing gives them) and that Microsoft.MarketplaceOrdering is registered in the subscription.' }] };
  }
  const terms = termsOf(agreement);
  if (terms.accepted) return { terms, diagnostics: [] };
  const links = [terms.licenseTextLink, terms.privacyPolicyLink, terms.marketplaceTermsLink].filter(Boolean).join(', ');
  if (!accept) return { terms, diagnostics: [{ code: 'deploy-marketplace-terms', severity: 'error', message: `The legal terms of plan ${plan.name} of ${plan.publisher}/${plan.product} are not accepted in subscription ${ctx.subscription}; ARM refuses to create the application until they are. Nothing was created.${links ? ` The terms: ${links}.` : ''}`, hint: 'Read them, then run again with --accept-terms (it accepts them for this subscription, as the portal\'s "I agree" does).' }] };
  try {
    const done = termsOf(await send(ctx, url, 'PUT', { properties: { ...(agreement.properties as Record<string, unknown>), accepted: true } }));
    return { terms: done, accepted: true, diagnostics: done.accepted ? [] : [{ code: 'deploy-marketplace-terms', severity: 'error', message: `Accepting the terms of plan ${plan.name} was answered without accepting them; nothing was created.` }] };
  } catch (e) {
    return { terms, diagnostics: [{ code: 'deploy-marketplace-terms', severity: 'error', message: `The terms of plan ${plan.name} could not be accepted (${describeAzureError(e)}); nothing was created.` }] };
  }
}
