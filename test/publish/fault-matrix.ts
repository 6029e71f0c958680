// The fault matrix of service-catalog publishing: throttling with Retry-After, server errors, dropped
// connections and answers slower than the timeout, from ARM, Entra and storage. Each either recovers through
// the SDK's retry policy or fails with a message naming the step; either way, running the same command again
// converges: one definition, one package blob per hash, none orphaned, none missing. The rows are split over
// a few test files (ARM, storage) so that they run side by side, and call the publish code in-process (the
// CLI's own handling of a failure — message, hint, exit code — is tested in publish-cli and kill-and-resume).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import type { Fault } from '../emulator/faults.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import type { RenderedOffer } from '../../src/render/render-offer.js';
import { assertConverged } from './helpers.js';
import { renderedFor, serviceCatalogInProcess } from './in-process.js';

export interface Row {
  step: string;
  server: 'arm' | 'storage';
  method: string;
  /** Path pattern; `{rg}` stands for the row's resource group. */
  path: string;
  fault: Fault;
  times?: number;
  /** What the publish does on its first run. */
  outcome: 'recovers' | 'fails';
  /** For failures: the step named in the message. */
  says?: RegExp;
}

const t429: Fault = { kind: 'status', status: 429, retryAfterSeconds: 1 };
const t500: Fault = { kind: 'status', status: 500 };
const t503: Fault = { kind: 'status', status: 503 };
const drop: Fault = { kind: 'drop' };
const slow: Fault = { kind: 'slow', delayMs: 2500 };

const RG_HEAD = '/resourcegroups/{rg}\\?';
const DEF = '/applicationDefinitions/contoso-mail-insights-starter\\?';
const BLOB = '/offerkit-packages/.+\\.zip';

export const ARM_ROWS: Row[] = [
  ...[t429, t500, t503, drop, slow].map((fault): Row => ({ step: 'resource group check', server: 'arm', method: 'HEAD', path: RG_HEAD, fault, outcome: 'recovers' })),
  ...[t429, t503, drop].map((fault): Row => ({ step: 'resource group create', server: 'arm', method: 'PUT', path: RG_HEAD, fault, outcome: 'recovers' })),
  ...[t429, t500, t503, drop, slow].map((fault): Row => ({ step: 'definition write', server: 'arm', method: 'PUT', path: DEF, fault, outcome: 'recovers' })),
  ...[t500, drop].map((fault): Row => ({ step: 'definition read-back', server: 'arm', method: 'GET', path: DEF, fault, outcome: 'recovers' })),
  { step: 'definition write, failing every retry', server: 'arm', method: 'PUT', path: DEF, fault: t503, times: 100, outcome: 'fails', says: /plan starter: writing the definition failed: HTTP 503/ },
  { step: 'Entra token', server: 'arm', method: 'POST', path: '/oauth2/v2.0/token', fault: t503, times: 100, outcome: 'fails', says: /checking the resource group failed: signing in to Microsoft Entra failed/ },
];

export const STORAGE_ROWS: Row[] = [
  ...[t500, t503, drop, slow].map((fault): Row => ({ step: 'container create', server: 'storage', method: 'PUT', path: 'restype=container', fault, outcome: 'recovers' })),
  ...[t500, t503, drop, slow].map((fault): Row => ({ step: 'package upload', server: 'storage', method: 'PUT', path: BLOB, fault, outcome: 'recovers' })),
  // Azure Storage throttles with 503, never 429, and its retry policy does not treat 429 as retryable.
  { step: 'package upload (429)', server: 'storage', method: 'PUT', path: BLOB, fault: t429, outcome: 'fails', says: /plan starter: uploading the package failed: HTTP 429/ },
  { step: 'package upload, failing every retry', server: 'storage', method: 'PUT', path: BLOB, fault: t500, times: 100, outcome: 'fails', says: /plan starter: uploading the package failed: HTTP 500/ },
  ...[t503, drop].map((fault): Row => ({ step: 'user delegation key', server: 'storage', method: 'POST', path: 'comp=userdelegationkey', fault, outcome: 'recovers' })),
  // ARM fetching the package through its SAS: ARM reports the failure, offerkit names the step.
  { step: 'package download by ARM', server: 'storage', method: 'GET', path: BLOB, fault: t503, outcome: 'fails', says: /plan starter: writing the definition failed: HTTP 400 — PackageDownloadFailed/ },
];

const label = (f: Fault) => (f.kind === 'status' ? `${f.status}${f.retryAfterSeconds !== undefined ? ' + Retry-After' : ''}` : f.kind === 'drop' ? 'dropped connection' : 'answer slower than the timeout');

/** Defines one mocha suite over `rows`, with its own emulated cloud. */
export function faultSuite(title: string, rows: Row[], prefix: string): void {
  describe(title, function () {
    this.timeout(180000);
    let env: PublishEnv;
    let rendered: RenderedOffer;

    before(async () => {
      env = await startPublishEnv();
      const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
      rendered = await renderedFor(offer, ['starter'], 'service-catalog');
    });
    after(() => env?.stop());
    afterEach(() => {
      env.arm.faults.clear();
      env.storage.faults.clear();
      env.arm.onRequest = undefined;
    });

  rows.forEach((row, i) => {
      it(`${row.step}: ${label(row.fault)} → ${row.outcome === 'recovers' ? 'recovers' : 'fails clearly'}`, async () => {
        const rg = `rg-${prefix}-${i}`;
        const plan = env[row.server === 'arm' ? 'arm' : 'storage'].faults;
        plan.add({ method: row.method, path: new RegExp(row.path.replace('{rg}', rg), 'i'), times: row.times ?? 1, fault: row.fault });
        // Only the slow-answer rows test the attempt timeout; elsewhere a generous one keeps a busy machine from
        // adding retries of its own.
        const timeoutSeconds = row.fault.kind === 'slow' ? 1 : 60;
        const first = await serviceCatalogInProcess(env, rendered, { resourceGroup: rg, timeoutSeconds });
        assert.ok(plan.hits.length > 0, 'the fault was injected');
        if (row.outcome === 'recovers') {
          assert.ok(first.ok, `expected the SDK to retry through it: ${first.ok ? '' : first.message}`);
          assert.deepEqual(first.result.diagnostics.filter((d) => d.severity === 'error'), []);
        } else {
          assert.ok(!first.ok, 'the publish stops');
          assert.match(first.message, row.says!);
        }
        plan.clear();
        const again = await serviceCatalogInProcess(env, rendered, { resourceGroup: rg });
        assert.ok(again.ok, again.ok ? '' : again.message);
        await assertConverged(env, ['contoso-mail-insights-starter'], rg);
        plan.hits.length = 0;
      });
    });

  });
}
