// Marketplace fault matrix, part one: the product, the plan and its Partner Center resources (see marketplace-fault-matrix.ts).

import { conflict, drop, lost, marketplaceFaultSuite, slow, t429, t500, t503, type MarketplaceRow } from './marketplace-fault-matrix.js';

const PC = '/v1.0/ingestion/products';
const rows: MarketplaceRow[] = [
  ...[t429, t503, drop, lost].map((fault): MarketplaceRow => ({ step: 'product create', server: 'partner-center', method: 'POST', path: `${PC}$`, fault, outcome: 'recovers' })),
  ...[t503, lost].map((fault): MarketplaceRow => ({ step: 'plan create', server: 'partner-center', method: 'POST', path: '/variants$', fault, outcome: 'recovers' })),
  ...[t429, t500, drop, slow, lost, conflict].map((fault): MarketplaceRow => ({ step: 'listing write', server: 'partner-center', method: 'PUT', path: '/listings/[^/]+$', fault, outcome: 'recovers' })),
  { step: 'listing write, edited twice meanwhile', server: 'partner-center', method: 'PUT', path: '/listings/[^/]+$', fault: conflict, times: 2, outcome: 'fails', says: /writing the listing failed: The listing was changed by someone else twice/ },
  ...[t503, drop].map((fault): MarketplaceRow => ({ step: 'markets and price write', server: 'partner-center', method: 'PUT', path: '/featureavailabilities/', fault, outcome: 'recovers' })),
  ...[t503, lost].map((fault): MarketplaceRow => ({ step: 'reseller configuration write', server: 'partner-center', method: 'POST', path: '/resellerConfiguration$', fault, outcome: 'recovers' })),
  { step: 'reseller configuration write, failing every retry', server: 'partner-center', method: 'POST', path: '/resellerConfiguration$', fault: t503, times: 100, outcome: 'fails', says: /writing the reseller configuration failed: HTTP 503/ },
  { step: 'branches read, failing every retry', server: 'partner-center', method: 'GET', path: '/branches/', fault: t503, times: 100, outcome: 'fails', says: /reading the branches failed: HTTP 503/ },
  { step: 'Entra token', server: 'entra', method: 'POST', path: '/oauth2/v2.0/token', fault: t503, times: 100, outcome: 'fails', says: /finding the product failed: signing in to Microsoft Entra failed/ },
];

marketplaceFaultSuite('publish --to marketplace under faults (offer and plan): recovers or fails clearly, and a re-run converges', rows, 'mkf-offer');
