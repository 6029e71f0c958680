// offerkit publish --to marketplace, marketplace status and marketplace go-live, through the real CLI, against the
// Partner Center emulator (HTTPS, Entra tokens, etags, unknown properties refused) and Azurite for uploads.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
import { editOfferYaml as edit, offerCopy } from '../helpers/offer-copy.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { copyRequests } from '../../src/package-model/consent-model.js';
import { parseListingDataSection } from '../../src/render/listing.js';
import { buildPreviewModel } from '../../src/preview/model.js';
import { inspectPackageBuffer } from '../../src/package/inspect-package.js';
import { assertMarketplaceConverged, marketplaceArgs, marketplaceCommand, publishMarketplace, startMarketplaceEnv } from './marketplace-helpers.js';
import { runOfferkit } from './helpers.js';
import { parseJson, type BuildJson, type MarketplaceStatusJson } from '../helpers/json.js';

const PLANS = ['starter', 'standard', 'enterprise'];

async function builtShas(dir: string): Promise<Map<string, string>> {
  const out = await tempDir();
  const r = await runCli(['build', dir, '--out', out, '--json']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return new Map(parseJson<BuildJson>(r.stdout).offers[0].plans.map((p) => [p.plan, p.sha256]));
}

/**
 * The marketplace suite against the strict emulator, in one of the two shapes a promotion to live takes in
 * Partner Center (the promoted submission itself reaching InStore, as public evidence shows and the emulator
 * answers by default, or a separate live submission). `scope: 'promotion'` registers only the tests whose
 * outcome depends on that shape (going live and what follows it); the rest never reach a promotion, so
 * running them in the second shape would repeat the same exchanges.
 */
export function marketplaceSuite(promoteShape: 'separate' | 'in-place', scope: 'all' | 'promotion' = 'all'): void {
describe(`offerkit publish --to marketplace (promotion: ${promoteShape}${scope === 'promotion' ? ', going live only' : ''})`, function () {
  /** A test that never promotes: registered in the full suite only. */
  const itBeforePromotion: (title: string, fn: () => Promise<void>) => void = (title, fn) => {
    if (scope === 'all') it(title, fn);
  };
  this.timeout(180000);
  let env: PublishEnv;

  before(async () => {
    env = await startMarketplaceEnv({ promoteShape, processingMs: 100, certificationMs: 400, goLiveMs: 300 });
  });
  after(() => env?.stop());

  itBeforePromotion('brings a new offer into Partner Center: product, listing with the data section, logo, properties, audience, plans, prices, packages, technical configuration', async () => {
    const offer = await offerCopy('mk-first');
    const shas = await builtShas(offer);
    const r = await publishMarketplace(env, offer);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.report.product?.action, 'created');
    assert.deepEqual(r.report.plans.map((p) => [p.plan, p.package.action]), PLANS.map((p) => [p, 'uploaded']));
    assert.equal(r.report.submission, undefined, 'no submission without --submit');
    const p = env.partnerCenter!.product('mk-first')!;
    assert.equal(p.resourceType, 'AzureApplication');
    assert.equal(p.name, 'Contoso Mail Insights');
    const listing = [...p.instances.values()].find((i) => i.resourceType === 'AzureListing' && i.title === 'Contoso Mail Insights')!;
    assert.equal(listing.summary, 'Collaboration analytics from Outlook metadata, computed in your own Azure subscription.');
    assert.deepEqual(listing.keywords, ['collaboration', 'Microsoft 365', 'Data Connect']);
    assert.deepEqual((listing.listingContacts as { type: string }[]).map((c) => c.type), ['CustomerSupport', 'Engineering']);
    assert.deepEqual((listing.listingUris as { type: string; uri: string }[]).map((u) => [u.type, u.uri]), [['PrivacyUri', 'https://contoso-analytics.example.com/privacy'], ['Documentation', 'https://contoso-analytics.example.com/docs/mail-insights']]);
    assert.match(String(listing.description), /<h2>Data requested<\/h2>/);
    const logo = [...p.images.values()];
    assert.equal(logo.length, 1);
    assert.equal(logo[0].type, 'AzureLogoLarge');
    assert.equal(logo[0].state, 'Uploaded');
    const property = [...p.instances.values()].find((i) => i.resourceType === 'AzureProperty')!;
    assert.deepEqual(property.leveledCategories, { 'analytics-azure-apps': ['data-insights'], security: ['information-protection'] });
    assert.match(String(property.termsOfUse), /^<h2>Contoso Mail Insights — Terms of service<\/h2>/);
    const audience = [...p.instances.values()].find((i) => i.resourceType === 'ProductAvailability')!;
    assert.deepEqual(audience.audiences, [{ type: 'PreviewMarketplaceGroup', values: ['2f6e4c1a-8b3d-4e5f-9a7b-6c5d4e3f2a1b'] }]);
    assert.deepEqual(p.lead, { resourceType: 'BaseLeadConfiguration', contactEmail: 'sales@contoso-analytics.example.com' });
    assert.deepEqual(p.reseller, { resourceType: 'ResellerConfiguration', resellerChannelState: 'Enabled', tenantIds: [] });
    for (const plan of PLANS) {
      const variant = p.variants.find((v) => v.externalID === plan)!;
      assert.equal(variant.subType, 'managed-application');
      const inst = (m: string) => p.instances.get(p.branches.find((b) => b.module === m && b.variantID === variant.id)!.currentDraftInstanceID)!;
      const fa = inst('Availability');
      const states = fa.marketStates as { marketCode: string; state: string }[];
      assert.deepEqual(states.filter((m) => m.state === 'Enabled').map((m) => m.marketCode).sort(), ['CA', 'DE', 'FR', 'GB', 'IE', 'NL', 'US']);
      assert.ok(states.length > 100 && states.filter((m) => m.state !== 'Enabled').every((m) => m.state === 'Disabled'), 'every other market Partner Center lists is Disabled');
      // One price schedule per market, as Microsoft's client builds a managed-application plan's prices.
      const schedules = fa.priceSchedules as { isBaseSchedule: boolean; marketCodes: string[]; friendlyName: string; schedules: { retailPrice: { openPrice: number; currencyCode: string }; priceCadence: { type: string } }[] }[];
      assert.deepEqual(schedules.map((x) => [x.isBaseSchedule, x.marketCodes.join()]).sort(), ['CA', 'DE', 'FR', 'GB', 'IE', 'NL', 'US'].map((m) => [false, m]));
      assert.ok(schedules.every((x) => x.friendlyName.endsWith(`_priceOverrideSchedule_${x.marketCodes[0]}`) && x.schedules.length === 1), 'each named for its market, with one schedule');
      assert.ok(schedules.every((x) => JSON.stringify(x.schedules) === JSON.stringify(schedules[0].schedules)), 'the same price in every market');
      const schedule = schedules[0].schedules[0];
      const meters = fa.customMeters as { ID: string; unitOfMeasure: string; priceInUsd: number }[];
      if (plan === 'starter') {
        assert.deepEqual([schedule.retailPrice, schedule.priceCadence.type, meters.length], [{ openPrice: 490, currencyCode: 'USD' }, 'Month', 0]);
      } else {
        assert.equal(schedule.retailPrice.openPrice, 0, 'a per-user plan has no flat fee');
        assert.deepEqual(meters.map((m) => [m.ID, m.unitOfMeasure, m.priceInUsd]), [['users', 'user per month', plan === 'standard' ? 3 : 2.4]]);
        assert.ok((meters[0] as { uniqueID?: string }).uniqueID, 'the service fills the meter\'s uniqueID');
      }
      const conf = inst('Package');
      assert.equal(conf.version, '1.2.0');
      assert.equal(conf.allowJitAccess, true);
      assert.equal(conf.publicAzureTenantID, '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a');
      assert.deepEqual(conf.publicAzureAuthorizations, [{ principalID: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', roleDefinitionID: 'b24988ac-6180-42a0-ab88-20f7382dd24c' }]);
      assert.deepEqual(conf.allowedCustomerActions, []);
      assert.deepEqual(conf.allowedDataActions, ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'], 'data actions travel apart, as Microsoft\'s client sends them');
      assert.equal(conf.canEnableCustomerActions, true);
      assert.equal(conf.deploymentMode, 'Incremental');
      assert.deepEqual((conf.policies as { policyDefinitionID: string }[]).map((x) => x.policyDefinitionID.split('/').pop()).length, 6);
      const listingPlan = inst('Listing');
      assert.equal(listingPlan.title, plan[0].toUpperCase() + plan.slice(1));
    }
    assertMarketplaceConverged(env, 'mk-first', PLANS.map((plan) => ({ plan, sha256: shas.get(plan)!, version: '1.2.0' })));
  });

  itBeforePromotion('a re-run with nothing changed writes nothing, submits nothing and says up to date', async () => {
    const offer = await offerCopy('mk-rerun');
    assert.equal((await publishMarketplace(env, offer)).code, 0);
    const before = env.partnerCenter!.writes().length;
    const reads = env.partnerCenter!.requests.length;
    const again = await runOfferkit(env, marketplaceArgs(env, offer));
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /Up to date: Partner Center already holds this offer; nothing was written\./);
    assert.equal(env.partnerCenter!.writes().length, before, 'no write');
    const used = env.partnerCenter!.requests.length - reads;
    // About thirteen for the offer (product, plans, submissions, branches, listing, logo, properties, audience,
    // resellers, leads) and four per plan (listing, markets and price, technical configuration, package).
    assert.ok(used <= 13 + 4 * PLANS.length, `a handful of reads per plan (${used})`);
  });

  itBeforePromotion('follows next links through paged lists', async () => {
    const offer = await offerCopy('mk-paged');
    env.partnerCenter!.pageSize = 1;
    try {
      const first = await publishMarketplace(env, offer, ['--submit']);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      const again = await publishMarketplace(env, offer);
      assert.equal(again.report.upToDate, true, 'with one item per page, every branch of every plan is still found');
      assert.ok(env.partnerCenter!.requests.some((r) => /(\$|%24)skipToken=/.test(r.path)), 'next links were followed');
    } finally {
      env.partnerCenter!.pageSize = 100;
    }
  });

  itBeforePromotion('--dry-run prints, field by field, what would change and changes nothing', async () => {
    const offer = await offerCopy('mk-dry');
    const fresh = await publishMarketplace(env, offer, ['--dry-run']);
    assert.equal(fresh.code, 0, fresh.stdout + fresh.stderr);
    assert.equal(fresh.report.product?.action, 'would-create');
    assert.equal(env.partnerCenter!.product('mk-dry'), undefined, 'nothing created');
    assert.equal((await publishMarketplace(env, offer)).code, 0);
    // Keywords and markets reach Partner Center only (not the package): no package changes.
    await edit(offer, 'keywords: [collaboration, Microsoft 365, Data Connect]', 'keywords: [collaboration, Microsoft 365, e-mail analytics]');
    await edit(offer, 'markets: [US, CA, GB, IE, DE, FR, NL]', 'markets: [US, CA, GB, IE, DE, FR, NL, AU]');
    const writes = env.partnerCenter!.writes().length;
    const dry = await runOfferkit(env, marketplaceArgs(env, offer, ['--dry-run']));
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /listing · keywords: − "Data Connect"\n/);
    assert.match(dry.stdout, /listing · keywords: \+ "e-mail analytics"\n/);
    assert.match(dry.stdout, /starter: markets, price and visibility · marketStates: \+ \{"marketCode":"AU","state":"Enabled"\}\n/);
    assert.match(dry.stdout, /starter: markets, price and visibility · priceSchedules: \+ \{"isBaseSchedule":false,"marketCodes":\["AU"\],/);
    assert.match(dry.stdout, /Dry run: nothing was changed\./);
    assert.equal(env.partnerCenter!.writes().length, writes, 'the dry run wrote nothing');
    const real = await publishMarketplace(env, offer);
    assert.deepEqual([...new Set(real.report.changes.map((c) => `${c.resource}.${c.field}`))].sort(), ['listing.keywords', ...PLANS.flatMap((p) => [`${p}: markets, price and visibility.marketStates`, `${p}: markets, price and visibility.priceSchedules`])].sort());
    assert.deepEqual(real.report.plans.map((p) => [p.action, p.package.action]), PLANS.map(() => ['updated', 'unchanged']));
  });

  itBeforePromotion('a new version of one plan uploads only that package; submit sends the draft to preview once', async () => {
    const offer = await offerCopy('mk-version');
    assert.equal((await publishMarketplace(env, offer, ['--submit'])).code, 0);
    await edit(offer, '    version: 1.2.0\n    price: { model: perUser, amount: 3,', '    version: 1.3.0\n    price: { model: perUser, amount: 3,');
    await edit(offer, 'retentionDays: 90\n      storageSku: Standard_ZRS', 'retentionDays: 120\n      storageSku: Standard_ZRS');
    await new Promise((r) => setTimeout(r, 500)); // the first submission leaves certification
    const r = await publishMarketplace(env, offer, ['--submit']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.report.plans.map((p) => [p.plan, p.package.action]), [['starter', 'unchanged'], ['standard', 'uploaded'], ['enterprise', 'unchanged']]);
    assert.equal(r.report.submission?.action, 'created');
    await new Promise((res) => setTimeout(res, 500));
    const again = await publishMarketplace(env, offer, ['--submit']);
    assert.equal(again.report.submission?.action, 'up-to-date', 'preview already holds this state');
    assert.equal(env.partnerCenter!.product('mk-version')!.submissions.length, 2);
  });

  it('status shows draft, preview and live versions; go-live refuses until preview is ready, then promotes and waits', async () => {
    const offer = await offerCopy('mk-live');
    env.partnerCenter!.certificationMs = 4000;
    const nothing = await marketplaceCommand(env, 'go-live', offer);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /no offer mk-live: nothing is in preview/);
    assert.equal((await publishMarketplace(env, offer, ['--submit'])).code, 0);
    const early = await marketplaceCommand(env, 'go-live', offer);
    assert.equal(early.code, 1, early.stdout + early.stderr);
    assert.match(early.stderr, /is not ready to go live yet: Submitted \(step "[^"]+" is InProgress\)/);
    env.partnerCenter!.certificationMs = 400;
    for (const s of env.partnerCenter!.product('mk-live')!.submissions) s.doneAt = Date.now();
    const status = await marketplaceCommand(env, 'status', offer, ['--json']);
    assert.equal(status.code, 0, status.stdout + status.stderr);
    const s = parseJson<MarketplaceStatusJson>(status.stdout);
    assert.deepEqual(s.plans.map((p) => [p.plan, p.draft, p.preview, p.live ?? null]), PLANS.map((p) => [p, '1.2.0', '1.2.0', null]));
    assert.equal(s.current.substate, 'ReadyToPublish');
    assert.equal(s.current.stage, 'preview');
    assert.deepEqual(s.current.workflow[0].steps.map((x) => x.state), ['Success', 'Success', 'Success']);
    assert.doesNotMatch(status.stdout, /sig=(?!\*\*\*)/, 'report links have their SAS signature redacted');
    const live = await marketplaceCommand(env, 'go-live', offer, ['--wait', '--poll-interval', '0.05']);
    assert.equal(live.code, 0, live.stdout + live.stderr);
    assert.match(live.stdout, /Live: submission .* \(InStore\)/);
    const after = parseJson<MarketplaceStatusJson>((await marketplaceCommand(env, 'status', offer, ['--json'])).stdout);
    assert.deepEqual(after.plans.map((p) => p.live), ['1.2.0', '1.2.0', '1.2.0']);
    assert.equal(after.current.stage, 'live', 'live, whichever shape the promotion took');
    if (promoteShape === 'in-place') assert.deepEqual(after.current.workflow.map((w) => [w.type, w.targetEnvironment]), [['Push', 'Preview'], ['Push', 'Live']]);
    // Live, whichever shape the promotion took: a re-run with --submit finds it holds this draft and writes nothing.
    const settledWrites = env.partnerCenter!.writes().length;
    const rerun = await publishMarketplace(env, offer, ['--submit']);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.deepEqual([rerun.report.writes, rerun.report.upToDate, rerun.report.submission?.action, rerun.report.submission?.stage], [0, true, 'up-to-date', 'live']);
    assert.equal(env.partnerCenter!.writes().length, settledWrites, 'nothing written');
    // A changed package under the same version is refused before anything is written.
    await edit(offer, 'retentionDays: 30', 'retentionDays: 31');
    const writes = env.partnerCenter!.writes().length;
    const refused = await publishMarketplace(env, offer);
    assert.equal(refused.code, 1);
    const d = refused.report.diagnostics.find((x) => x.code === 'marketplace-version-not-raised')!;
    assert.match(d.message, /Plan starter: version 1\.2\.0 is not higher than the version live in the marketplace \(1\.2\.0\)/);
    assert.ok(d.line, 'placed at the plan version in offer.yaml');
    assert.equal(env.partnerCenter!.writes().length, writes, 'nothing written');
  });

  itBeforePromotion('certification failure: status reports the findings as diagnostics naming file and rule; go-live refuses', async () => {
    const offer = await offerCopy('mk-cert');
    env.partnerCenter!.certificationFailure = [
      { errorCode: 'Location-Should-Not-Be-Hardcoded', severity: 'Error', message: 'A resource location is hardcoded.', resource: 'mainTemplate.json' },
      { errorCode: 'ListingImage', severity: 'Warning', message: 'The screenshots are missing.' },
    ];
    assert.equal((await publishMarketplace(env, offer, ['--submit'])).code, 0);
    await new Promise((r) => setTimeout(r, 500));
    const status = await marketplaceCommand(env, 'status', offer, ['--json']);
    assert.equal(status.code, 1, 'an error finding fails the status command');
    const s = parseJson<MarketplaceStatusJson>(status.stdout);
    assert.equal(s.current.substate, 'FailedInCertification');
    const first = s.diagnostics.find((d) => d.code === 'certification-location-should-not-be-hardcoded')!;
    assert.deepEqual([first.severity, first.file, first.armTtk], ['error', 'mainTemplate.json', 'Location-Should-Not-Be-Hardcoded']);
    assert.equal(s.diagnostics.find((d) => d.code === 'certification-listingimage')?.severity, 'warning');
    const refused = await marketplaceCommand(env, 'go-live', offer);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /failed certification; it cannot go live/);
  });

  itBeforePromotion('a package Partner Center cannot process is an error with its reasons', async () => {
    const offer = await offerCopy('mk-bad-package');
    env.partnerCenter!.processingFailure = [{ errorCode: 'InvalidTemplate', severity: 'Error', message: 'mainTemplate.json: the template is not valid.', resource: 'mainTemplate.json' }];
    try {
      const r = await publishMarketplace(env, offer, ['--plan', 'starter']);
      assert.equal(r.code, 1);
      const d = r.report.diagnostics.find((x) => x.code === 'publish-failed')!;
      assert.match(d.message, /plan starter: uploading the package failed: Partner Center could not process the package: InvalidTemplate: mainTemplate\.json: the template is not valid\./);
    } finally {
      env.partnerCenter!.processingFailure = undefined;
    }
    const again = await publishMarketplace(env, offer, ['--plan', 'starter']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(again.report.plans[0].package.action, 'uploaded', 'the failed package is replaced');
  });

  itBeforePromotion('a submission carries what Microsoft\'s clients send: Co-sell, the reseller configuration (set first), every plan\'s modules', async () => {
    const offer = await offerCopy('mk-resources');
    await edit(offer, '  leads:\n', '  resellers: PartialOptIn\n  resellerTenants: [0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e]\n  leads:\n');
    // New plans' branches appear only a while after the plans: offerkit waits for them.
    env.partnerCenter!.branchDelayMs = 700;
    let r;
    try {
      r = await publishMarketplace(env, offer, ['--submit']);
    } finally {
      env.partnerCenter!.branchDelayMs = 150;
    }
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const p = env.partnerCenter!.product('mk-resources')!;
    assert.deepEqual(p.reseller, { resourceType: 'ResellerConfiguration', resellerChannelState: 'PartialOptIn', tenantIds: ['0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'] });
    const sub = p.submissions[0];
    const types = (sub.resources as { type: string; value: string }[]).map((x) => x.type).sort();
    assert.deepEqual(types, ['Availability', 'Cosell', 'Listing', 'Property', 'ResellerConfiguration']);
    assert.equal((sub.resources as { type: string; value: string }[]).length, 5);
    assert.deepEqual((sub.variantResources as { resources: { type: string }[] }[]).map((v) => v.resources.map((x) => x.type).sort()), PLANS.map(() => ['Availability', 'Listing', 'Package']));
    const again = await publishMarketplace(env, offer);
    assert.equal(again.report.upToDate, true, 'the reseller configuration as Partner Center stores it (tenants in its own order) is up to date');
  });

  itBeforePromotion('a refusal names the request, its request-id and correlationId; --trace records every exchange without secrets', async () => {
    const offer = await offerCopy('mk-trace');
    const trace = join(await tempDir(), 'pc-trace.jsonl');
    env.partnerCenter!.refuseNext = { method: 'PUT', path: /\/packageconfigurations\//, data: { version: ['The field version is invalid.'] } };
    const r = await runOfferkit(env, marketplaceArgs(env, offer, ['--trace', trace]));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /writing the technical configuration failed: HTTP 400 ICH50400 — Unable to complete request\. Request validation failed\. version: The field version is invalid\. \(PUT \/products\/[^/]+\/packageconfigurations\/[^;]+; request-id [0-9a-f-]{36}, correlationId [0-9a-f-]{36}\)/);
    assert.match(r.stdout + r.stderr, /--trace <file>/);
    const lines = (await readFile(trace, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; status: number; requestId?: string; correlationId?: string; request?: unknown });
    assert.ok(lines.length > 10, `every exchange is traced (${lines.length})`);
    const refused = lines.find((l) => l.status === 400)!;
    assert.equal(refused.method, 'PUT');
    assert.ok(refused.requestId && refused.correlationId, 'the trace keeps the ids support asks for');
    assert.ok(lines.some((l) => l.method === 'POST' && l.path.endsWith("/packages") && l.request), 'request bodies are kept');
    const text = await readFile(trace, 'utf8');
    assert.match(text, /sig=\*\*\*/, 'the upload addresses were traced');
    assert.doesNotMatch(text, /sig=(?!\*\*\*)/, 'SAS signatures are redacted');
    assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\./, 'no token');
    assert.ok(!text.includes(env.principal.clientSecret), 'no client secret');
    const inOffer = await runOfferkit(env, marketplaceArgs(env, offer, ['--trace', join(offer, 'offer.yaml')]));
    assert.equal(inOffer.code, 2, "naming an input is a usage error");
    assert.match(inOffer.stdout + inOffer.stderr, /--trace .* is inside the offer folder/);
  });

  itBeforePromotion('validation errors stop before credentials and any request', async () => {
    const offer = await offerCopy('mk-invalid');
    await edit(offer, 'price: { model: flat, amount: 490, currency: USD, billingTerm: month }', 'price: { model: flat, amount: 490, currency: EUR, billingTerm: month }');
    const requests = env.partnerCenter!.requests.length;
    const r = await publishMarketplace(env, offer);
    assert.equal(r.code, 1);
    assert.match(r.report.diagnostics.find((d) => d.code === 'marketplace-plan')!.message, /prices Azure Application plans in USD/);
    assert.equal(env.partnerCenter!.requests.length, requests, 'no request');
  });

  itBeforePromotion('refused credentials explain the Partner Center account set-up; nothing secret is printed', async () => {
    const offer = await offerCopy('mk-denied');
    const r = await runOfferkit(env, marketplaceArgs(env, offer), undefined);
    assert.equal(r.code, 0);
    const wrong = await runOfferkit({ ...env, env: { ...env.env, AZURE_CLIENT_SECRET: 'wrong-secret-value-123' } }, marketplaceArgs(env, offer));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout + wrong.stderr, /finding the product failed/);
    assert.doesNotMatch(wrong.stdout + wrong.stderr, /wrong-secret-value-123/);
    // A valid token for an application that is not part of the Partner Center account.
    env.partnerCenter!.allowedApps = new Set(['00000000-0000-0000-0000-000000000000']);
    let denied;
    try {
      denied = await runOfferkit(env, marketplaceArgs(env, offer));
    } finally {
      env.partnerCenter!.allowedApps = undefined;
    }
    assert.equal(denied.code, 1);
    assert.match(denied.stdout + denied.stderr, /HTTP 403 Forbidden/);
    assert.match(denied.stdout + denied.stderr, /added to your Partner Center account with the Manager role/);
    for (const out of [r.stdout, r.stderr, wrong.stdout, wrong.stderr, denied.stdout, denied.stderr]) {
      assert.doesNotMatch(out, /sig=[A-Za-z0-9%]{10,}/, 'no SAS signature');
      assert.doesNotMatch(out, /eyJ[A-Za-z0-9_-]{10,}\./, 'no token');
    }
  });

  itBeforePromotion('the listing, the package pipeline and the preview name the same datasets and columns', async () => {
    const offer = await offerCopy('mk-consent');
    assert.equal((await publishMarketplace(env, offer, ['--plan', 'standard'])).code, 0);
    const p = env.partnerCenter!.product('mk-consent')!;
    const listing = [...p.instances.values()].find((i) => i.resourceType === 'AzureListing' && i.title === 'Contoso Mail Insights')!;
    const fromListing = parseListingDataSection(String(listing.description)).map((d) => [d.dataset, d.columns]);
    const pkgId = (p.instances.get(p.branches.find((b) => b.module === 'Package' && b.variantID)!.currentDraftInstanceID)!.packageReferences as { value: string }[])[0].value;
    const zip = await env.partnerCenter!.packageBytes('mk-consent', pkgId);
    const main = parseJson<Record<string, unknown>>(inspectPackageBuffer(zip, 'app.zip').contents.get('mainTemplate.json')!.toString('utf8'));
    const fromPipeline = copyRequests(main).map((c) => [c.dataset, c.columns]);
    const model = await buildPreviewModel(offer, {});
    const fromPreview = model.data!.datasets.map((d) => [d.name, d.columns.map((c) => c.name)]);
    assert.equal(fromListing.length, 2);
    assert.deepEqual(fromListing, fromPipeline, 'listing = what Data Factory copies');
    assert.deepEqual(fromListing, fromPreview, 'listing = what the preview shows');
  });
});
}
