// Every recording of Partner Center under test/recordings/partner-center/ is replayed against offerkit's client
// (partner-center-recordings.ts says what that proves); `npm run record:partner-center` makes a `--trace` file
// into such a recording in one step, secrets removed; and the checks catch what the issue was about — a
// feature availability written without $expand, an answer a re-run would write again, a submission state
// offerkit does not model.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packagePath } from '../../src/paths.js';
import { recordingFromTrace, secretsLeft, type PartnerCenterRecording } from '../../scripts/partner-center-recording.js';
import { makeTestCertificate } from '../emulator/certificate.js';
import { PartnerCenterReplay } from '../emulator/partner-center-replay.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { tempDir } from '../helpers/cli.js';
import { offerCopy } from '../helpers/offer-copy.js';
import { runOfferkit } from './helpers.js';
import { marketplaceArgs, startMarketplaceEnv } from './marketplace-helpers.js';
import { loadRecordings, recordingProblems, replayClient, replayProblems } from './partner-center-recordings.js';

const run = promisify(execFile);
const SCRIPT = packagePath('build', 'scripts', 'record-partner-center.js');

async function replayed(rec: PartnerCenterRecording): Promise<string[]> {
  const replay = new PartnerCenterReplay(await makeTestCertificate(await tempDir()));
  const endpoint = await replay.start();
  try {
    return await replayProblems(rec, replay, await replayClient(endpoint));
  } finally {
    await replay.stop();
  }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('Partner Center recordings, replayed against offerkit\'s client', function () {
  this.timeout(120000);
  const recordings = loadRecordings();

  it('test/recordings/partner-center holds recordings, each one a recording', () => {
    assert.ok(recordings.length >= 1, 'at least the emulator-made one');
    for (const { name, recording } of recordings) assert.ok(recording.exchanges.length > 0 && recording.source, `${name} says where it comes from and holds exchanges`);
  });

  for (const { name, recording } of recordings) {
    it(`${name}: offerkit's requests fit the contract and Partner Center's answers read as offerkit expects (${recording.source})`, async () => {
      assert.deepEqual(await recordingProblems(recording), []);
    });
    it(`${name}: replayed through the client, each request goes out as recorded and each answer reads as recorded`, async () => {
      assert.deepEqual(await replayed(recording), []);
    });
    it(`${name}: holds no secret`, async () => {
      assert.deepEqual(secretsLeft(await readFile(packagePath('test', 'recordings', 'partner-center', name), 'utf8')), []);
    });
  }

  describe('what the checks catch', () => {
    const base = recordings.find((r) => r.recording.exchanges.some((x) => x.method === 'PUT' && x.path.includes('featureavailabilities/')))!.recording;
    const faPut = (rec: PartnerCenterRecording) => rec.exchanges.find((x) => x.method === 'PUT' && x.path.includes('featureavailabilities/'))!;

    it('a feature availability written without $expand', async () => {
      const rec = clone(base);
      faPut(rec).path = faPut(rec).path.split('?')[0];
      const problems = await recordingProblems(rec);
      assert.ok(problems.some((p) => p.includes('a feature availability written without $expand naming MarketStates, PriceSchedules, Trial')), problems.join('\n'));
    });

    it('an answer that does not keep what was written (a re-run would write it again)', async () => {
      const rec = clone(base);
      const response = faPut(rec).response as { marketStates: { state: string }[] };
      for (const m of response.marketStates) m.state = 'Disabled';
      const problems = await recordingProblems(rec);
      assert.ok(problems.some((p) => p.includes('answered the write with marketStates other than written — a re-run would write it again')), problems.join('\n'));
    });

    it('a submission in a state offerkit does not model, and a refusal in a shape it does not read', async () => {
      const rec = clone(base);
      const submission = rec.exchanges.find((x) => x.method === 'POST' && x.path.endsWith("/submissions"))!;
      (submission.response as { substate: string }).substate = 'Archived';
      rec.exchanges.push({ method: 'GET', path: '/products/x', status: 500, response: { oops: true } });
      const problems = await recordingProblems(rec);
      assert.ok(problems.some((p) => p.includes('is InProgress/Archived, a state offerkit does not model')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('is in a shape offerkit does not read')), problems.join('\n'));
    });

    it('a recorded request the client would no longer send, and a refusal replayed as a refusal', async () => {
      const rec = clone(base);
      const put = clone(faPut(rec));
      (put.request as Record<string, unknown>).somethingNew = 1;
      const refused = { method: 'GET', path: '/products/missing', status: 404, response: { error: { code: 'NotFound', message: 'Product missing was not found.', details: [] } } };
      const problems = await replayed({ ...rec, exchanges: [put, refused] });
      assert.ok(problems.some((p) => p.includes('the client sent nothing')) && problems.some((p) => p.includes('does not follow the API contract')), problems.join('\n'));
      assert.equal(problems.filter((p) => p.includes('/products/missing')).length, 0, 'the 404 reaches the caller as Partner Center\'s refusal');
    });
  });

  describe('npm run record:partner-center', () => {
    let env: PublishEnv;
    before(async () => {
      env = await startMarketplaceEnv({ processingMs: 50, certificationMs: 200 });
    });
    after(() => env?.stop());

    it('makes a traced publish into a recording in one step, secrets removed, and that recording replays', async () => {
      const offer = await offerCopy('mk-recorded');
      const dir = await tempDir();
      const trace = join(dir, 'trace.jsonl');
      const traced = await runOfferkit(env, marketplaceArgs(env, offer, ['--plan', 'starter', '--submit', '--trace', trace]));
      assert.equal(traced.code, 0, traced.stdout + traced.stderr);
      const lines = (await readFile(trace, 'utf8')).trim().split('\n');
      const made = await run(process.execPath, [SCRIPT, trace, 'first-publish', '--note', 'publish --submit of one plan', '--out', dir]);
      assert.match(made.stdout, new RegExp(`first-publish\\.json: ${lines.length} exchanges recorded, secrets removed`));
      const text = await readFile(join(dir, 'first-publish.json'), 'utf8');
      assert.deepEqual(secretsLeft(text), []);
      assert.match(text, /sig=\*\*\*/, 'the upload addresses are kept, their signatures removed');
      const rec = JSON.parse(text) as PartnerCenterRecording;
      assert.deepEqual([rec.recording, rec.note, rec.exchanges.length], ['partner-center-v1', 'publish --submit of one plan', lines.length]);
      assert.ok(rec.exchanges.every((x) => !('time' in x) && !('ms' in x) && !('requestId' in x)), 'times and ids dropped');
      assert.deepEqual(await recordingProblems(rec), []);
      assert.deepEqual(await replayed(rec), []);
      const again = await run(process.execPath, [SCRIPT, trace, 'first-publish', '--out', dir]).catch((e: { code: number; stderr: string }) => e);
      assert.equal((again as { code: number }).code, 2, 'an existing recording is not replaced');
      assert.match((again as { stderr: string }).stderr, /exists; a recording is evidence/);
    });

    it('removes secrets wherever a trace holds them', () => {
      const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJlLXZhbHVl';
      const lines = [
        { method: 'POST', path: '/products/p/leadconfiguration', status: 200, request: { resourceType: 'AzureTableLeadConfiguration', contactEmail: 'a@b.c', connectionString: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0a2V5;EndpointSuffix=core.windows.net' }, response: { password: 'hunter2-long', note: `token ${jwt}` } },
        { method: 'GET', path: '/products/p/packages/k', status: 200, response: { fileSasUri: 'https://x.blob.core.windows.net/c/b?sv=2020&sp=r&sig=AbCdEf%2B123' } },
      ].map((l) => JSON.stringify(l));
      const rec = recordingFromTrace(lines.join('\n'), { source: 'test' });
      const text = JSON.stringify(rec);
      assert.deepEqual(secretsLeft(text), []);
      for (const secret of ['c2VjcmV0a2V5', 'hunter2-long', jwt, 'AbCdEf']) assert.ok(!text.includes(secret), `${secret} removed`);
      assert.match(text, /"contactEmail":"a@b.c"/, 'what is not secret stays');
      assert.deepEqual(secretsLeft(`x ${jwt}`), ['a JSON web token'], 'the last check knows a token when it sees one');
    });

    it('refuses a file that is not a trace, naming the line', async () => {
      const dir = await tempDir();
      const bad = join(dir, 'bad.jsonl');
      await writeFile(bad, '{"method":"GET","path":"/products","status":200}\nnot json\n');
      const r = await run(process.execPath, [SCRIPT, bad, 'bad', '--out', dir]).catch((e: { code: number; stderr: string }) => e);
      assert.equal((r as { code: number }).code, 1);
      assert.match((r as { stderr: string }).stderr, /line 2 is not JSON/);
    });
  });
});
