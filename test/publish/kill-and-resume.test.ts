// Publishing killed mid-way (between the package upload and the definition write): the same command run
// again reuses the uploaded package and finishes, with no second package or definition.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { assertConverged, publishArgs, runOfferkit } from './helpers.js';
import { parseJson, type PublishJson } from '../helpers/json.js';

describe('publish killed mid-way', function () {
  this.timeout(180000);
  let env: PublishEnv;
  let offer: string;

  before(async () => {
    env = await startPublishEnv();
    offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
  });
  after(() => env?.stop());

  it('a process killed between upload and definition creation: the re-run reuses the package and finishes', async () => {
    const rg = 'rg-killed';
    let killed = false;
    const args = publishArgs(env, offer, ['--plan', 'starter', '--json'], rg);
    const first = await runOfferkit(env, args, (child) => {
      env.arm.onRequest = ({ method, path }) => {
        if (method === 'PUT' && /applicationDefinitions/i.test(path) && path.includes(rg)) {
          killed = child.kill('SIGKILL');
          return 'hold';
        }
        return undefined;
      };
    });
    env.arm.onRequest = undefined;
    assert.ok(killed && first.signal === 'SIGKILL', 'the process was killed at the definition write');
    const uploaded = (await env.blobs()).filter((b) => b.name.includes(`/${rg}/`));
    assert.equal(uploaded.length, 1, 'the package was uploaded before the kill');
    assert.equal(env.arm.definition(env.subscription, rg, 'contoso-mail-insights-starter'), undefined, 'no definition yet');
    const uploadsBefore = env.storage.requests.filter((r) => r.method === 'PUT' && r.path.includes(`/${rg}/`)).length;
    const again = await runOfferkit(env, args);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const report = parseJson<PublishJson>(again.stdout);
    assert.equal(report.plans[0].action, 'created');
    assert.equal(report.plans[0].package.uploaded, false, 'the package found by its hash is not uploaded again');
    assert.equal(env.storage.requests.filter((r) => r.method === 'PUT' && r.path.includes(`/${rg}/`)).length, uploadsBefore);
    await assertConverged(env, ['contoso-mail-insights-starter'], rg);
  });
});
