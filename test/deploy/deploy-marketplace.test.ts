// deploy --marketplace installs the plan of a published marketplace offer as a customer buys it: a managed
// application of kind MarketPlace naming its plan {publisher, product, name, version} (as `az managedapp create
// --kind MarketPlace --plan-*` sends it), after the plan's legal terms are accepted in the subscription through
// Microsoft.MarketplaceOrdering — only when asked (--accept-terms), and with the signature of the terms read.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { runOfferkit } from '../publish/helpers.js';
import { startDeployEnv, type DeployEnv } from './deploy-env.js';

describe('offerkit deploy --marketplace', function () {
  this.timeout(240000);
  let t: DeployEnv;
  let env: PublishEnv;
  const plan = { publisher: 'contoso-analytics', product: 'contoso-mail-insights', name: 'standard', version: '1.2.0' };

  before(async () => {
    t = await startDeployEnv();
    env = t.env;
    const dist = join(await tempDir(), 'dist');
    assert.equal((await runOfferkit(env, ['build', t.offer, '--out', dist, '--plan', 'standard'])).code, 0);
    // The plan as Partner Center publishes it: the package, and the plan's lock and policies (its technical configuration).
    const definition = JSON.parse(await readFile(join(dist, 'contoso-mail-insights', 'standard', 'definition.json'), 'utf8')) as { lockLevel: 'ReadOnly'; policies: { name: string; policyDefinitionId: string }[] };
    env.arm.marketplace.addPlan({ ...plan, packageBytes: await readFile(join(dist, 'contoso-mail-insights', 'standard', 'app.zip')), lockLevel: definition.lockLevel, policies: definition.policies });
  });
  after(() => t?.stop());
  const apps = () => [...env.arm.applications.applications.values()];
  const agreementPuts = () => env.arm.marketplace.requests.filter((q) => q.method === 'PUT');

  it('what-if reads the terms and warns that the install would be refused until they are accepted; nothing is accepted or created', async () => {
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--marketplace', '--what-if', '--name', 'mp-whatif']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const w = t.result(r);
    assert.match(w.diagnostics.find((d) => d.code === 'deploy-marketplace-terms')!.message, /are not accepted .* The install would be refused until they are\./);
    assert.ok(w.deploy.notForeseen!.some((n) => n.includes('marketplace plan installs: what-if ran on the local build')));
    assert.equal(agreementPuts().length, 0);
    assert.equal(apps().length, 0);
  });

  it('without --accept-terms, terms not yet accepted stop the install before anything is created, naming the terms', async () => {
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--marketplace', '--name', 'mp-refused']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = t.result(r).diagnostics.find((x) => x.code === 'deploy-marketplace-terms')!;
    assert.match(d.message, /legal terms of plan standard of contoso-analytics\/contoso-mail-insights are not accepted .* Nothing was created\. The terms: https:\/\/mpcprodsa/);
    assert.match(d.hint!, /--accept-terms/);
    assert.equal(agreementPuts().length, 0, 'terms are never accepted unasked');
    assert.equal(apps().length, 0);
  });

  it('with --accept-terms: accepts the terms as read, installs a MarketPlace application with its plan, and reads it back', async () => {
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--marketplace', '--accept-terms', '--name', 'mp-app']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = t.result(r);
    assert.equal(out.deploy.kind, 'MarketPlace');
    assert.deepEqual(out.deploy.plan, plan);
    assert.equal(out.deploy.state, 'Succeeded');
    assert.ok(out.diagnostics.some((d) => d.code === 'deploy-marketplace-terms-accepted'));
    assert.equal(agreementPuts().length, 1);
    assert.ok([...env.arm.marketplace.agreements.values()].every((a) => a.accepted));
    const app = apps().find((a) => a.name === 'mp-app')!;
    assert.equal(app.kind, 'MarketPlace');
    assert.deepEqual(app.plan, plan);
    assert.equal(app.properties.applicationDefinitionId, undefined, 'no service-catalog definition');
    assert.ok(out.deploy.promises!.some((p) => p.policy === 'lock' && p.kept));
    assert.equal((await t.deploy([t.offer, '--delete', '--name', 'mp-app'])).code, 0);
  });

  it("a plan the marketplace does not know is ARM's refusal, said", async () => {
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--marketplace', '--accept-terms', '--plan-version', '9.9.9', '--name', 'mp-unknown']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /ApplicationPlanNotFound/);
    assert.equal(apps().filter((a) => a.name === 'mp-unknown').length, 0);
  });

  it('a package needs the plan named in full', async () => {
    const dist = join(await tempDir(), 'dist');
    assert.equal((await runOfferkit(env, ['build', t.offer, '--out', dist, '--plan', 'standard'])).code, 0);
    const r = await t.deploy([join(dist, 'contoso-mail-insights', 'standard', 'app.zip'), '--parameters', t.params, '--marketplace', '--plan-name', 'standard']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /--marketplace needs the plan as the marketplace lists it: --plan-publisher, --plan-product, --plan-version/);
  });
});
