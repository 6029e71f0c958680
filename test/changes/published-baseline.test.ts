// offerkit changes --since service-catalog | marketplace: what is published is the baseline. The definitions
// come from the ARM emulator (the package downloaded from Azurite through its SAS URL), the technical
// configuration from the Partner Center emulator; the real CLI signs in as a service principal.

import assert from 'node:assert/strict';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { editOfferYaml as edit, offerCopy } from '../helpers/offer-copy.js';
import { publishArgs, RG, runOfferkit } from '../publish/helpers.js';
import { publishMarketplace } from '../publish/marketplace-helpers.js';

interface OfferJson {
  baseline: string;
  plans: { plan: string; status: string; before?: string; after?: string; contentChanged?: boolean; notCompared: string[]; changes: { group: string; kind: string; text: string; widens?: string }[]; version: { verdict: string } }[];
}

describe('offerkit changes --since what is published', function () {
  this.timeout(240000);
  let env: PublishEnv;

  before(async () => {
    env = await startPublishEnv({ marketplace: true });
    env.partnerCenter!.processingMs = 100;
    env.partnerCenter!.certificationMs = 200;
  });
  after(() => env?.stop());

  const changes = async (dir: string, args: string[]) => {
    const r = await runOfferkit(env, ['changes', dir, '--format', 'json', ...args]);
    let json: OfferJson;
    try {
      json = (JSON.parse(r.stdout) as { offers: OfferJson[] }).offers[0]!;
    } catch {
      throw new Error(`changes printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    return { ...r, json };
  };

  it('service catalog: the published definitions and their packages', async () => {
    const dir = await offerCopy('chg-sc');
    const scArgs = ['--since', 'service-catalog', ...env.azureArgs, '--resource-group', RG];
    const none = await changes(dir, scArgs);
    assert.equal(none.code, 0, none.stdout + none.stderr);
    assert.deepEqual(none.json.plans.map((p) => p.status), ['new', 'new', 'new'], 'nothing published yet');

    const pub = await runOfferkit(env, publishArgs(env, dir));
    assert.equal(pub.code, 0, pub.stdout + pub.stderr);
    const same = await changes(dir, scArgs);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    for (const p of same.json.plans) {
      assert.equal(p.version.verdict, 'unchanged', `${p.plan}: ${JSON.stringify(p)}`);
      assert.equal(p.contentChanged, false);
      assert.deepEqual(p.notCompared, [], 'the definition and its package (with the README offerkit wrote, which states the price) tell everything');
    }

    await edit(dir, '      - hasAttachments\n', '      - hasAttachments\n      - subject\n');
    await edit(dir, '- principalId: 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', '- principalId: 0a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d');
    await edit(dir, '    version: 1.2.0\n    price: { model: flat', '    version: 1.2.1\n    price: { model: flat');
    const r = await changes(dir, [...scArgs, '--plan', 'starter']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const p = r.json.plans[0];
    const texts = p.changes.map((c) => `${c.group}/${c.kind}: ${c.text}`);
    assert.ok(texts.includes('data/added: BasicDataSet_v0.Message_v1: adds column subject'), texts.join('\n'));
    assert.ok(texts.includes('access/added: Publisher identity and role: adds 0a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d b24988ac-6180-42a0-ab88-20f7382dd24c'), texts.join('\n'));
    assert.ok(texts.includes('access/removed: Publisher identity and role: removes 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d b24988ac-6180-42a0-ab88-20f7382dd24c'), texts.join('\n'));
    assert.equal(p.version.verdict, 'minor-needed');
    assert.doesNotMatch(r.stdout + r.stderr, /sig=|sv=20/, 'the package SAS URL is never printed');
  });

  it('marketplace: the technical configuration in preview, the package by its hash', async () => {
    const dir = await offerCopy('chg-mk');
    const mkArgs = (target: string) => ['--since', target, '--cloud-config', env.cloudConfigFile, '--retry-delay', '50', '--timeout', '5'];
    const pub = await publishMarketplace(env, dir, ['--submit']);
    assert.equal(pub.code, 0, pub.stdout + pub.stderr);

    const live = await changes(dir, mkArgs('marketplace'));
    assert.equal(live.code, 0, live.stdout + live.stderr);
    assert.deepEqual(live.json.plans.map((p) => p.status), ['new', 'new', 'new'], 'nothing is live yet');

    const same = await changes(dir, mkArgs('marketplace:preview'));
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.equal(same.json.baseline, 'the marketplace (preview)');
    for (const p of same.json.plans) {
      assert.equal(p.before, '1.2.0');
      assert.equal(p.contentChanged, false, 'the package file name carries the same SHA-256');
      assert.equal(p.version.verdict, 'unchanged');
      assert.ok(p.notCompared.some((n) => n.startsWith('data requested')), 'Partner Center does not give the package back');
    }

    await edit(dir, '  - minimum-tls\n', '');
    await edit(dir, '    version: 1.2.0\n    price: { model: flat', '    version: 1.2.1\n    price: { model: flat');
    const r = await changes(dir, [...mkArgs('marketplace:preview'), '--plan', 'starter']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const p = r.json.plans[0];
    assert.equal(p.contentChanged, true);
    assert.deepEqual(p.changes.map((c) => [c.group, c.kind, Boolean(c.widens)]), [['policies', 'removed', true]]);
    assert.match(p.changes[0].text, /No longer attaches policy .*fe83a0eb-a853-422d-aac2-1bffd182c5d0/);
    assert.equal(p.version.verdict, 'minor-needed');
  });
});
