// What deploy touches and what it checks: the application's resource group is created only when it does not
// exist (an existing one keeps its tags and its region; what-if and a failed preflight leave no group behind),
// the managed resource group must be the install's own, and the preflight checks the package the definition will
// install — the local build when it is the same, the definition's own template when it differs (said), a refusal
// when it differs and cannot be read, and a missing definition before anything is created.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { runOfferkit } from '../publish/helpers.js';
import { RG, SECRET, startDeployEnv, type DeployEnv } from './deploy-env.js';

describe('offerkit deploy: what it touches, what it installs', function () {
  this.timeout(240000);
  let t: DeployEnv;
  let env: PublishEnv;
  let definitionId: string;

  before(async () => {
    t = await startDeployEnv();
    env = t.env;
    definitionId = `/subscriptions/${env.subscription}/resourceGroups/${RG}/providers/Microsoft.Solutions/applicationDefinitions/contoso-mail-insights-standard`;
  });
  after(() => t?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
    env.arm.artifactsReadable = true;
  });
  const group = (name: string) => env.arm.resourceGroups.get(`${env.subscription}/${name.toLowerCase()}`);
  const groupWrites = (name: string, from: number) => env.arm.requests.slice(from).filter((q) => (q.method === 'PUT' || q.method === 'PATCH') && new RegExp(`/resourcegroups/${name}\\?`, 'i').test(q.path));

  it("an existing resource group is never written: its tags survive an install", async () => {
    group(RG)!.tags = { costCenter: '4711', owner: 'platform-team' };
    const from = env.arm.requests.length;
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-tags']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(t.result(r).deploy.resourceGroupAction, 'exists');
    assert.deepEqual(group(RG)!.tags, { costCenter: '4711', owner: 'platform-team' });
    assert.deepEqual(groupWrites(RG, from), [], 'no PUT or PATCH of the group');
    await t.deploy([t.offer, '--delete', '--name', 'cmi-tags']);
  });

  it('an existing resource group in another region is fine: the application goes where --location says', async () => {
    env.arm.resourceGroups.set(`${env.subscription}/rg-north`, { subscription: env.subscription, name: 'rg-north', location: 'northeurope', tags: { keep: 'me' } });
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-north', '--definition', definitionId], undefined, 'rg-north');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(t.result(r).deploy.state, 'Succeeded');
    assert.equal(group('rg-north')!.location, 'northeurope');
    assert.deepEqual(group('rg-north')!.tags, { keep: 'me' });
    assert.equal([...env.arm.applications.applications.values()].find((a) => a.name === 'cmi-north')!.location, 'westeurope');
    assert.equal((await t.deploy([t.offer, '--delete', '--name', 'cmi-north'], undefined, 'rg-north')).code, 0);
  });

  it('--inline into a group that does not exist: what-if and a refused preflight leave no group; an install creates it', async () => {
    const whatIf = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--inline', '--what-if', '--name', 'fresh'], undefined, 'rg-fresh');
    assert.equal(whatIf.code, 0, whatIf.stdout + whatIf.stderr);
    const w = t.result(whatIf).deploy;
    assert.equal(w.resourceGroupAction, 'would-create');
    assert.ok(w.changes!.some((c) => c.resourceId === `/subscriptions/${env.subscription}/resourceGroups/rg-fresh/providers/Microsoft.Storage/storageAccounts/m365data${t.unique('rg-fresh')}`), JSON.stringify(w.changes));
    assert.equal(group('rg-fresh'), undefined, 'what-if created nothing');

    env.arm.deployments.failures.push({ resourceType: 'Microsoft.DataFactory/factories', phase: 'validate', code: 'RequestDisallowedByPolicy', message: 'posted body' });
    const denied = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--inline', '--name', 'fresh'], undefined, 'rg-fresh');
    assert.equal(denied.code, 1, denied.stdout + denied.stderr);
    assert.equal(t.result(denied).deploy.state, 'PreflightFailed');
    assert.match(t.result(denied).diagnostics.find((d) => d.code === 'deploy-preflight')!.message, new RegExp(`factories adf-${t.unique('rg-fresh')}`));
    assert.equal(group('rg-fresh'), undefined, 'a failed preflight created nothing');
    env.arm.deployments.failures.length = 0;

    const ok = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--inline', '--name', 'fresh'], undefined, 'rg-fresh');
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(t.result(ok).deploy.resourceGroupAction, 'created');
    assert.equal(group('rg-fresh')!.location, 'westeurope');
  });

  it('a managed resource group that already exists is refused before anything is created', async () => {
    env.arm.resourceGroups.set(`${env.subscription}/mrg-taken`, { subscription: env.subscription, name: 'mrg-taken', location: 'westeurope', tags: {} });
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-taken', '--managed-resource-group', 'mrg-taken']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(t.result(r).diagnostics.find((d) => d.code === 'deploy-exists')!.message, /mrg-taken already exists.*Nothing was created/);
    assert.ok(![...env.arm.applications.applications.values()].some((a) => a.name === 'cmi-taken'));
  });

  it('a missing definition is found before anything is created', async () => {
    const from = env.arm.requests.length;
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-nodef'], undefined, 'rg-nodef');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /There is no application definition contoso-mail-insights-standard in resource group rg-nodef; nothing was created/);
    assert.equal(group('rg-nodef'), undefined);
    assert.deepEqual(env.arm.requests.slice(from).filter((q) => q.method === 'PUT'), []);
  });

  describe('when the local build is not what the definition installs', () => {
    let changed: string;
    before(async () => {
      changed = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
      const yaml = join(changed, 'offer.yaml');
      await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('logRetentionDays: 90', 'logRetentionDays: 30'));
    });

    it("preflights the definition's own template (read where ARM keeps it), says so, and places findings on it", async () => {
      env.arm.deployments.failures.push({ resourceType: 'Microsoft.OperationalInsights/workspaces', phase: 'validate', code: 'RequestDisallowedByPolicy', message: 'posted body' });
      const r = await t.deploy([changed, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-differs']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const out = t.result(r);
      assert.equal(out.deploy.definition!.package, 'differs');
      assert.match(out.deploy.definition!.evidence, /ApplicationResourceTemplate artifact differs from the local build/);
      assert.match(out.diagnostics.find((d) => d.code === 'deploy-definition-differs')!.message, /installs another mainTemplate\.json than .*standard\/app\.zip\/mainTemplate\.json/);
      const denied = out.diagnostics.find((d) => d.code === 'deploy-preflight')!;
      assert.equal(denied.file, 'definition contoso-mail-insights-standard/mainTemplate.json');
      assert.ok(denied.line && denied.line > 1, 'a line in the definition\'s template');
    });

    it('refuses, before anything is created, when they differ by hash and the definition\'s template cannot be read', async () => {
      env.arm.artifactsReadable = false;
      const stored = env.arm.definition(env.subscription, RG, 'contoso-mail-insights-standard')!;
      const uri = stored.properties.packageFileUri;
      stored.properties.packageFileUri = 'https://127.0.0.1:9/expired.zip';
      try {
        const r = await t.deploy([changed, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-unread']);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout + r.stderr, /holds another package \(sha256 \w{12}…\) than the local build \(sha256 \w{12}…\), and its template cannot be read.*Nothing was created/s);
        assert.ok(![...env.arm.applications.applications.values()].some((a) => a.name === 'cmi-unread'));
      } finally {
        stored.properties.packageFileUri = uri;
      }
    });

    it('installs the same build when the hash matches, without reading the package', async () => {
      const from = env.arm.requests.length;
      const r = await runOfferkit({ ...env, env: { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: SECRET } }, ['deploy', t.offer, '--plan', 'standard', '--parameters', t.params, '--what-if', '--name', 'cmi-same', ...env.azureArgs, '--resource-group', RG, '--location', 'westeurope', '--json']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(t.result(r).deploy.definition!.evidence, /package hash \(sha256 \w{12}…\) is the local build's/);
      assert.ok(!env.arm.requests.slice(from).some((q) => q.path.startsWith('/artifacts/')), 'no artifact read');
    });
  });
});
