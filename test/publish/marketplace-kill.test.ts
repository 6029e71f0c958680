// Publishing to the marketplace killed at any step: the same command run again finishes the job, with no
// second product, plan, package or submission.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { assertMarketplaceConverged, marketplaceArgs, marketplaceCommandArgs, startMarketplaceEnv } from './marketplace-helpers.js';
import { runOfferkit } from './helpers.js';

const points: { at: string; method: string; path: RegExp }[] = [
  { at: 'the product is created (before its listing is written)', method: 'PUT', path: /\/listings\/[^/]+$/ },
  { at: 'the package is uploaded (before it is marked uploaded)', method: 'PUT', path: /\/packages\/[^/]+$/ },
  { at: 'the package is processed (before the technical configuration points at it)', method: 'PUT', path: /\/packageconfigurations\// },
  { at: 'the draft is complete (during the submission to preview)', method: 'POST', path: /\/submissions$/ },
];

/** The example offer under its own id (each case its own product). */
async function offerWithId(id: string): Promise<string> {
  const offer = await copyExampleOffer(join(await tempDir(), id));
  await writeFile(join(offer, 'offer.yaml'), (await readFile(join(offer, 'offer.yaml'), 'utf8')).replace('id: contoso-mail-insights', `id: ${id}`));
  return offer;
}

/** Runs offerkit and kills it (SIGKILL) the moment it sends the first request that matches; that request is never answered. */
async function runKilledAt(env: PublishEnv, args: string[], method: string, path: RegExp): Promise<boolean> {
  let killed = false;
  const first = await runOfferkit(env, args, (child) => {
    env.partnerCenter!.onRequest = (r) => {
      if (!killed && r.method === method && path.test(r.path)) {
        killed = child.kill('SIGKILL');
        return 'hold';
      }
      return undefined;
    };
  });
  env.partnerCenter!.onRequest = undefined;
  return killed && first.signal === 'SIGKILL';
}

describe('publish --to marketplace killed mid-way', function () {
  this.timeout(180000);
  let env: PublishEnv;

  before(async () => {
    env = await startPublishEnv({ marketplace: true });
    env.partnerCenter!.processingMs = 50;
    env.partnerCenter!.certificationMs = 100;
  });
  after(() => env?.stop());

  points.forEach((point, i) => {
    it(`killed after ${point.at}: the re-run finishes without doing anything twice`, async () => {
      const id = `mk-kill-${i}`;
      const offer = await offerWithId(id);
      const args = marketplaceArgs(env, offer, ['--plan', 'starter', '--submit', '--json']);
      assert.ok(await runKilledAt(env, args, point.method, point.path), 'the process was killed at that step');
      const again = await runOfferkit(env, args);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      const report = JSON.parse(again.stdout) as { plans: { package: { sha256: string } }[]; submission?: { action: string } };
      assertMarketplaceConverged(env, id, [{ plan: 'starter', sha256: report.plans[0].package.sha256, version: '1.2.0' }]);
      assert.equal(env.partnerCenter!.product(id)!.submissions.length, 1, 'one submission');
      assert.equal(env.partnerCenter!.product(id)!.images.size, 1, 'one logo');
    });
  });
});

// Killed while promoting, in both shapes a promotion takes: `marketplace go-live --wait` run again reaches live once.
for (const shape of ['separate', 'in-place'] as const) {
  describe(`marketplace go-live killed while promoting (promotion: ${shape})`, function () {
    this.timeout(180000);
    let env: PublishEnv;

    before(async () => {
      env = await startMarketplaceEnv({ promoteShape: shape });
    });
    after(() => env?.stop());

    it('the re-run promotes once and follows it into the store', async () => {
      const id = `mk-kill-live-${shape}`;
      const offer = await offerWithId(id);
      const published = await runOfferkit(env, marketplaceArgs(env, offer, ['--plan', 'starter', '--submit']));
      assert.equal(published.code, 0, published.stdout + published.stderr);
      for (const s of env.partnerCenter!.product(id)!.submissions) s.doneAt = Date.now();
      const args = marketplaceCommandArgs(env, 'go-live', offer, ['--wait', '--poll-interval', '0.05']);
      assert.ok(await runKilledAt(env, args, 'POST', /\/promote$/), 'killed while promoting');
      const again = await runOfferkit(env, args);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /Live: submission .* \(InStore\)/);
      const subs = env.partnerCenter!.product(id)!.submissions;
      assert.equal(subs.filter((s) => s.substate === 'InStore').length, 1, 'live once');
    });
  });
}
