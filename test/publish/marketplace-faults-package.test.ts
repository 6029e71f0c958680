// Marketplace fault matrix, part two: the package upload, the technical configuration and the submission (see marketplace-fault-matrix.ts).

import { conflict, drop, lost, marketplaceFaultSuite, slow, t500, t503, type MarketplaceRow } from './marketplace-fault-matrix.js';

const rows: MarketplaceRow[] = [
  ...[t503, drop, lost].map((fault): MarketplaceRow => ({ step: 'package create', server: 'partner-center', method: 'POST', path: '/packages$', fault, outcome: 'recovers' })),
  ...[t500, drop, slow].map((fault): MarketplaceRow => ({ step: 'package upload to its SAS', server: 'storage', method: 'PUT', path: '/ingestion/[0-9a-f-]+/[0-9a-f-]{36}\\?', fault, outcome: 'recovers' })),
  ...[t503, lost].map((fault): MarketplaceRow => ({ step: 'package marked uploaded', server: 'partner-center', method: 'PUT', path: '/packages/[^/]+$', fault, outcome: 'recovers' })),
  ...[t503, conflict].map((fault): MarketplaceRow => ({ step: 'technical configuration write', server: 'partner-center', method: 'PUT', path: '/packageconfigurations/', fault, outcome: 'recovers' })),
  ...[t503, drop, lost].map((fault): MarketplaceRow => ({ step: 'submission to preview', server: 'partner-center', method: 'POST', path: '/submissions$', fault, outcome: 'recovers' })),
  { step: 'package upload, failing every retry', server: 'storage', method: 'PUT', path: '/ingestion/[0-9a-f-]+/[0-9a-f-]{36}\\?', fault: t500, times: 100, outcome: 'fails', says: /plan starter: uploading the package failed/ },
];

marketplaceFaultSuite('publish --to marketplace under faults (package and submission): recovers or fails clearly, and a re-run converges', rows, 'mkf-pkg');
