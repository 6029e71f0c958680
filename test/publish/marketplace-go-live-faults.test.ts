// Going live under faults, in both shapes a promotion takes in Partner Center (a separate live submission, or
// the promoted submission itself reaching InStore): the promote answered with a 503, a dropped connection, or
// an answer lost after it took effect. go-live --wait still reaches live, exactly once, and running it again
// promotes nothing more. The wait for live is event-driven (polling the emulator's state); its limit is only a
// last guard, generous for a busy machine.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { goLive } from '../../src/publish/marketplace/lifecycle.js';
import { isLive } from '../../src/publish/marketplace/product.js';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { editOfferYaml as edit } from '../helpers/offer-copy.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { startMarketplaceEnv } from './marketplace-helpers.js';
import { drop, lost, t503 } from './marketplace-fault-matrix.js';
import { marketplaceInProcess, partnerCenterClientFor, renderedFor } from './in-process.js';

for (const shape of ['separate', 'in-place'] as const) {
  describe(`marketplace go-live under faults (promotion: ${shape})`, function () {
    this.timeout(300000);
    let env: PublishEnv;

    before(async () => {
      env = await startMarketplaceEnv({ promoteShape: shape });
    });
    after(() => env?.stop());

    for (const [label, fault] of [['503', t503], ['dropped connection', drop], ['answer lost after it took effect', lost]] as const) {
      it(`promote: ${label} → live once`, async () => {
        const id = `golive-${shape}-${label.split(' ')[0]}`;
        const offer = await copyExampleOffer(join(await tempDir(), id));
        await edit(offer, 'id: contoso-mail-insights', `id: ${id}`);
        const published = await marketplaceInProcess(env, await renderedFor(offer, ['starter'], 'marketplace'), { submit: true });
        assert.ok(published.ok, published.ok ? '' : published.message);
        for (const s of env.partnerCenter!.product(id)!.submissions) s.doneAt = Date.now();
        const client = await partnerCenterClientFor(env);
        const { offer: model } = (await renderedFor(offer, ['starter'], 'marketplace'));
        env.partnerCenter!.faults.add({ method: 'POST', path: /\/promote$/, times: 1, fault });
        const r = await goLive(client, model!, { wait: true, pollIntervalMs: 30, waitTimeoutMs: 120000 });
        assert.ok(env.partnerCenter!.faults.hits.length > 0, 'the fault was injected');
        env.partnerCenter!.faults.clear();
        env.partnerCenter!.faults.hits.length = 0;
        assert.equal(r.live?.substate, 'InStore');
        const subs = env.partnerCenter!.product(id)!.submissions;
        assert.equal(subs.filter((s) => isLive(s as never)).length, 1, 'exactly one submission is live');
        assert.equal(subs.length, shape === 'separate' ? 2 : 1, shape === 'separate' ? 'the preview and one live submission' : 'one submission, promoted in place');
        const promotes = () => env.partnerCenter!.requests.filter((q) => q.method === 'POST' && q.path.endsWith("/promote") && q.path.includes(env.partnerCenter!.product(id)!.id)).length;
        const before = promotes();
        const again = await goLive(client, model!, { wait: true, pollIntervalMs: 30, waitTimeoutMs: 120000 });
        assert.equal(again.live?.id, r.live?.id, 'the same live submission');
        assert.equal(promotes(), before, 'nothing promoted again');
      });
    }
  });
}
