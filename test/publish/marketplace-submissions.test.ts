// Every state a submission can be in when `publish --to marketplace --submit`, `marketplace status` and
// `marketplace go-live` meet it: one Partner Center left in draft (its creation Failed: "Active validation
// errors", navcontainerhelper #3536), one still being created, one that failed certification or automated
// validation, and one in a state nobody has documented. Through the real CLI, against the emulator.

import assert from 'node:assert/strict';
import type { PublishEnv } from '../emulator/publish-env.js';
import { editOfferYaml as edit, offerCopy } from '../helpers/offer-copy.js';
import { parseJson, type MarketplaceStatusJson } from '../helpers/json.js';
import { runOfferkit } from './helpers.js';
import { marketplaceArgs, marketplaceCommand, publishMarketplace, startMarketplaceEnv } from './marketplace-helpers.js';

const STUCK = {
  failureReason: 'Active validation errors',
  validations: [
    { errorCode: 'ListingDescriptionInvalid', severity: 'Error', message: 'The description contains markup that is not allowed.', resource: 'listing' },
    { errorCode: 'PlanSummary', severity: 'Warning', message: 'The plan summary repeats the offer title.' },
  ],
};

describe('publish --to marketplace --submit and the states of a submission', function () {
  this.timeout(180000);
  let env: PublishEnv;

  before(async () => {
    env = await startMarketplaceEnv({ processingMs: 50, certificationMs: 300 });
  });
  after(() => env?.stop());
  afterEach(() => {
    env.partnerCenter!.nextSubmissionStuck = undefined;
    env.partnerCenter!.creationMs = 100;
  });

  it('a submission left in draft: --submit and status report it with its reason and validations, go-live refuses, the next --submit cancels it and says so', async () => {
    const offer = await offerCopy('mk-stuck');
    env.partnerCenter!.nextSubmissionStuck = STUCK;
    const first = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit']);
    assert.equal(first.code, 1, 'a submission left in draft fails the run');
    const stuckId = env.partnerCenter!.product('mk-stuck')!.submissions[0].id;
    assert.deepEqual([first.report.submission?.action, first.report.submission?.id, first.report.submission?.stage, first.report.submission?.reason], ['created', stuckId, 'stuck in draft', 'Active validation errors']);
    const stuck = first.report.diagnostics.find((d) => d.code === 'marketplace-submission-stuck')!;
    assert.equal(stuck.severity, 'error');
    assert.match(stuck.message, new RegExp(`Partner Center left submission ${stuckId} in draft: Active validation errors\\.`));
    assert.match(stuck.hint!, /run the same command again: offerkit cancels this submission and submits the draft again/);
    const listing = first.report.diagnostics.find((d) => d.code === 'validation-listingdescriptioninvalid')!;
    assert.deepEqual([listing.severity, listing.file], ['error', 'listing']);
    assert.match(listing.message, new RegExp(`^Validation of submission ${stuckId}: The description contains markup that is not allowed\\.$`));
    assert.equal(first.report.diagnostics.find((d) => d.code === 'validation-plansummary')?.severity, 'warning');

    const status = await marketplaceCommand(env, 'status', offer, ['--json']);
    assert.equal(status.code, 1, 'status fails while the newest submission is stuck');
    const s = parseJson<MarketplaceStatusJson>(status.stdout);
    assert.deepEqual([s.current.id, s.current.stage, s.current.state, s.current.substate], [stuckId, 'stuck in draft', 'InProgress', 'InDraft']);
    assert.deepEqual(s.current.pendingUpdate, { type: 'Create', status: 'Failed', failureReason: 'Active validation errors' });
    assert.deepEqual(s.current.workflow, [], 'no workflow: it never reached certification');
    assert.deepEqual(s.diagnostics.map((d) => d.code).sort(), ['marketplace-submission-stuck', 'validation-listingdescriptioninvalid', 'validation-plansummary']);
    const plain = await marketplaceCommand(env, 'status', offer);
    assert.match(plain.stdout, new RegExp(`Current submission ${stuckId}: stuck in draft \\(preview — InProgress / InDraft\\): Active validation errors`));
    assert.match(plain.stdout + plain.stderr, /The description contains markup that is not allowed\./);

    const live = await marketplaceCommand(env, 'go-live', offer);
    assert.equal(live.code, 1);
    assert.match(live.stderr, new RegExp(`The newest submission, ${stuckId}, was left in draft by Partner Center \\(Active validation errors\\); nothing new can go live`));

    const writes = env.partnerCenter!.writes().length;
    const dry = await runOfferkit(env, marketplaceArgs(env, offer, ['--plan', 'starter', '--submit', '--dry-run']));
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, new RegExp(`Would cancel submission ${stuckId} \\(stuck in draft: Active validation errors\\)`));
    assert.equal(env.partnerCenter!.writes().length, writes, 'the dry run cancels nothing');

    const again = await runOfferkit(env, marketplaceArgs(env, offer, ['--plan', 'starter', '--submit']));
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, new RegExp(`Cancelled submission ${stuckId} \\(stuck in draft: Active validation errors\\)`));
    assert.match(again.stdout + again.stderr, new RegExp(`Submission ${stuckId} was left in draft by Partner Center \\(Active validation errors\\)\\. offerkit cancelled it`));
    assert.match(again.stdout, /Preview submission: created \([0-9a-f-]{36}, Submitted\)/);
    const subs = env.partnerCenter!.product('mk-stuck')!.submissions;
    assert.equal(subs.length, 1, 'the stuck submission is gone, one new one stands');
    assert.notEqual(subs[0].id, stuckId);
    const cancel = env.partnerCenter!.requests.filter((q) => q.method === 'DELETE' && q.path.endsWith(`/submissions/${stuckId}`));
    assert.deepEqual(cancel.map((q) => q.status), [204], 'cancelled once');
  });

  it('a submission that failed certification is cancelled before the draft goes again; one whose automated validation Failed is gone past, as Microsoft\'s client does', async () => {
    const offer = await offerCopy('mk-refail');
    env.partnerCenter!.certificationFailure = [{ errorCode: 'Location-Should-Not-Be-Hardcoded', severity: 'Error', message: 'A resource location is hardcoded.', resource: 'mainTemplate.json' }];
    assert.equal((await publishMarketplace(env, offer, ['--plan', 'starter', '--submit'])).code, 0);
    const failed = env.partnerCenter!.product('mk-refail')!.submissions[0];
    failed.doneAt = Date.now();
    const again = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit']);
    assert.equal(again.code, 0, JSON.stringify(again.report.diagnostics));
    assert.deepEqual(again.report.submission?.cancelled, [{ id: failed.id, stage: 'failed', reason: 'FailedInCertification' }]);
    const kept = again.report.diagnostics.find((d) => d.code === 'certification-location-should-not-be-hardcoded')!;
    assert.equal(kept.severity, 'warning', 'the old findings are shown, as history');
    assert.match(again.report.diagnostics.find((d) => d.code === 'marketplace-submission-replaced')!.message, /failed certification \(FailedInCertification\)\. offerkit cancelled it/);
    const subs = env.partnerCenter!.product('mk-refail')!.submissions;
    assert.deepEqual(subs.map((x) => x.id === failed.id), [false], 'the failed submission was cancelled');

    // Automated validation Failed (InProgress/Failed, pending update Completed: AL-Go #1073).
    Object.assign(subs[0], { state: 'InProgress', substate: 'Failed', doneAt: Date.now() });
    const past = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit']);
    assert.equal(past.code, 0, JSON.stringify(past.report.diagnostics));
    assert.equal(past.report.submission?.action, 'created');
    assert.equal(past.report.submission?.cancelled, undefined, 'nothing cancelled');
    assert.equal(env.partnerCenter!.product('mk-refail')!.submissions.length, 2, 'the failed one stays, a new one is made past it');
  });

  it('a submission still being created: followed up to the wait limit; holding this draft it is reused, holding an earlier one it is waited for', async () => {
    const offer = await offerCopy('mk-creating');
    env.partnerCenter!.creationMs = 60000;
    const first = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit', '--wait-timeout', '2']);
    assert.equal(first.code, 0, JSON.stringify(first.report.diagnostics));
    assert.deepEqual([first.report.submission?.action, first.report.submission?.stage], ['created', 'being created']);
    assert.match(first.report.diagnostics.find((d) => d.code === 'marketplace-submission-pending')!.message, /Partner Center is still creating submission [0-9a-f-]{36} after 2 s/);
    const same = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit', '--wait-timeout', '2']);
    assert.equal(same.code, 0, JSON.stringify(same.report.diagnostics));
    assert.deepEqual([same.report.submission?.action, same.report.submission?.id], ['up-to-date', first.report.submission?.id], 'the submission being created already holds this draft');
    await edit(offer, 'keywords: [collaboration, Microsoft 365, Data Connect]', 'keywords: [collaboration, Microsoft 365, e-mail analytics]');
    const changed = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit', '--wait-timeout', '2']);
    assert.equal(changed.code, 1);
    assert.match(changed.report.diagnostics.find((d) => d.code === 'publish-failed')!.message, /submission [0-9a-f-]{36} is still being created \(InDraft\) and holds an earlier draft; Partner Center takes one submission at a time/);
    assert.equal(env.partnerCenter!.product('mk-creating')!.submissions.length, 1);
    // Once Partner Center has created it, the changed draft goes to preview after it.
    env.partnerCenter!.product('mk-creating')!.submissions[0].createdUntil = Date.now();
    env.partnerCenter!.product('mk-creating')!.submissions[0].doneAt = Date.now();
    env.partnerCenter!.creationMs = 100;
    const later = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit']);
    assert.equal(later.code, 0, JSON.stringify(later.report.diagnostics));
    assert.equal(later.report.submission?.action, 'created');
  });

  it('a state nobody has documented is reported and left alone', async () => {
    const offer = await offerCopy('mk-unknown');
    assert.equal((await publishMarketplace(env, offer, ['--plan', 'starter', '--submit'])).code, 0);
    const sub = env.partnerCenter!.product('mk-unknown')!.submissions[0];
    Object.assign(sub, { state: 'Archived', substate: 'Archived', doneAt: Date.now(), createdUntil: Date.now() });
    const r = await publishMarketplace(env, offer, ['--plan', 'starter', '--submit']);
    assert.equal(r.code, 1);
    assert.match(r.report.diagnostics.find((d) => d.code === 'publish-failed')!.message, new RegExp(`Partner Center shows submission ${sub.id} as Archived/Archived, a state offerkit does not know; nothing was submitted`));
    const status = parseJson<MarketplaceStatusJson>((await marketplaceCommand(env, 'status', offer, ['--json'])).stdout);
    assert.equal(status.current.stage, 'unknown');
    assert.ok(status.diagnostics.some((d) => d.code === 'marketplace-submission-unknown'));
    assert.equal(env.partnerCenter!.product('mk-unknown')!.submissions.length, 1, 'nothing submitted or cancelled');
  });
});
