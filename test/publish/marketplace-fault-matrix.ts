// The fault matrix of marketplace publishing: at every step of `publish --to marketplace --submit`, Partner
// Center (or the storage behind its upload addresses, or Entra) answers with throttling and Retry-After, a 5xx,
// a dropped connection, an answer slower than the timeout, an answer lost after the request took effect, or
// an etag conflict. Each run either recovers through the SDK pipeline's retries (and offerkit's look-before-
// create) or fails with a message naming the step; either way the same command run again converges: one
// product, one plan, one processed package of the right hash, a preview submission, nothing twice. The
// publishes run in-process (see in-process.ts); the CLI's handling of failures is tested in marketplace.test.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import type { Fault } from '../emulator/faults.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { assertMarketplaceConverged } from './marketplace-helpers.js';
import { marketplaceInProcess, renderedFor } from './in-process.js';

export interface MarketplaceRow {
  step: string;
  server: 'partner-center' | 'storage' | 'entra';
  method: string;
  path: string;
  fault: Fault | { kind: 'etag-conflict' };
  times?: number;
  outcome: 'recovers' | 'fails';
  says?: RegExp;
}

export const t429: Fault = { kind: 'status', status: 429, retryAfterSeconds: 1 };
export const t500: Fault = { kind: 'status', status: 500 };
export const t503: Fault = { kind: 'status', status: 503 };
export const drop: Fault = { kind: 'drop' };
export const slow: Fault = { kind: 'slow', delayMs: 2500 };
export const lost: Fault = { kind: 'lose-answer' };
export const conflict = { kind: 'etag-conflict' } as const;

const label = (f: MarketplaceRow['fault']) =>
  f.kind === 'status' ? `${f.status}${f.retryAfterSeconds !== undefined ? ' + Retry-After' : ''}` : f.kind === 'drop' ? 'dropped connection' : f.kind === 'slow' ? 'answer slower than the timeout' : f.kind === 'lose-answer' ? 'answer lost after it took effect' : 'etag conflict';

/** One mocha suite over `rows`, each row on an offer of its own in one emulated Partner Center. */
export function marketplaceFaultSuite(title: string, rows: MarketplaceRow[], prefix: string): void {
  describe(title, function () {
    this.timeout(180000);
    let env: PublishEnv;
    let template: string;

    before(async () => {
      env = await startPublishEnv({ marketplace: true });
      // The faults, not the waits, are what these rows test: a package processes and a plan's branches appear in
      // 10 ms. A submission still takes 200 ms to be created and certified, as the original 100 + 100: a retried
      // submission (an answer lost) must find the first one still in progress. Done in 20 ms, the retry made a
      // second submission; that a real submission is never certified within a retry's milliseconds is inferred
      // (no Microsoft source found gives certification's duration).
      Object.assign(env.partnerCenter!, { processingMs: 10, branchDelayMs: 10, creationMs: 100, certificationMs: 100 });
      template = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    });
    after(() => env?.stop());
    afterEach(() => {
      env.partnerCenter!.faults.clear();
      env.storage.faults.clear();
      env.arm.faults.clear();
      env.partnerCenter!.onRequest = undefined;
    });

    rows.forEach((row, i) => {
      it(`${row.step}: ${label(row.fault)} → ${row.outcome === 'recovers' ? 'recovers' : 'fails clearly'}`, async () => {
        const id = `${prefix}-${i}`;
        const offer = join(await tempDir(), id);
        await copyExampleOffer(offer);
        await writeFile(join(offer, 'offer.yaml'), (await readFile(join(template, 'offer.yaml'), 'utf8')).replace('id: contoso-mail-insights', `id: ${id}`));
        const path = new RegExp(row.path, 'i');
        let hits = 0;
        if (row.fault.kind === 'etag-conflict') {
          // Someone edits the resource in Partner Center between offerkit's read and its write.
          let left = row.times ?? 1;
          env.partnerCenter!.onRequest = ({ method, path: p }) => {
            // Only this row's product: a request of an earlier row still in flight (an attempt abandoned by a
            // 1 s timeout arrives late on a busy machine) must not use up the conflicts meant for this one.
            const product = env.partnerCenter!.product(id);
            if (!product || !p.includes(`/products/${encodeURIComponent(product.id)}/`)) return;
            if (method === row.method && path.test(p) && left > 0) {
              left--;
              hits++;
              env.partnerCenter!.touch(id, (r) => p.endsWith(String(r.id)));
            }
          };
        } else {
          const plan = row.server === 'storage' ? env.storage.faults : row.server === 'entra' ? env.arm.faults : env.partnerCenter!.faults;
          plan.add({ method: row.method, path, times: row.times ?? 1, fault: row.fault });
        }
        const rendered = await renderedFor(offer, ['starter'], 'marketplace');
        // Only the slow-answer rows test the attempt timeout; elsewhere a generous one keeps a busy machine from
        // adding retries of its own (a timed-out write retried would use up an injected conflict).
        const first = await marketplaceInProcess(env, rendered, { submit: true, timeoutSeconds: row.fault.kind === 'slow' ? 1 : 60 });
        const injected = hits + env.partnerCenter!.faults.hits.length + env.storage.faults.hits.length + env.arm.faults.hits.length;
        assert.ok(injected > 0, `the fault was injected (${first.ok ? 'publish ok' : first.message})`);
        if (row.outcome === 'recovers') {
          assert.ok(first.ok, `expected a recovery: ${first.ok ? '' : first.message}`);
        } else {
          assert.ok(!first.ok, 'the publish stops');
          assert.match(first.message, row.says!);
        }
        env.partnerCenter!.faults.clear();
        env.storage.faults.clear();
        env.arm.faults.clear();
        env.partnerCenter!.onRequest = undefined;
        env.partnerCenter!.faults.hits.length = 0;
        env.storage.faults.hits.length = 0;
        env.arm.faults.hits.length = 0;
        const again = await marketplaceInProcess(env, rendered, { submit: true });
        assert.ok(again.ok, again.ok ? '' : again.message);
        const sha = again.result.plans[0].package.sha256;
        assertMarketplaceConverged(env, id, [{ plan: 'starter', sha256: sha, version: '1.2.0' }]);
        const subs = env.partnerCenter!.product(id)!.submissions;
        assert.equal(subs.length, 1, 'one preview submission');
      });
    });
  });
}
