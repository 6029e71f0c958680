// offerkit deploy against the emulated cloud (ARM with Microsoft.Resources/deployments and Microsoft.Solutions/
// applications answering in ARM's posted shapes, Entra, Azurite): the example's standard plan, published to the
// service catalog, installed from the form's parameters as a customer would. The parameters are checked before
// anything is created; the preflight and what-if run where the install deploys (the new managed resource group,
// names as it gives them); a failure is said on the resource in mainTemplate.json; the promises are read back
// saying what was read; re-runs, --delete, and ARM misbehaving at each step (the fault matrix).

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { runOfferkit } from '../publish/helpers.js';
import { parseJsonSource } from '../../src/util/json-source.js';
import { LOCATION, RG, SECRET, startDeployEnv, type DeployEnv } from './deploy-env.js';

describe('offerkit deploy', function () {
  this.timeout(240000);
  let t: DeployEnv;
  let env: PublishEnv;

  before(async () => {
    t = await startDeployEnv();
    env = t.env;
  });
  after(() => t?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
  });
  const apps = () => [...env.arm.applications.applications.values()];

  it('checks the parameters before anything is created, each finding at its parameter, the hint saying what to type where', async () => {
    const bad = join(await tempDir(), 'bad.json');
    await writeFile(bad, JSON.stringify({ parameters: { location: { value: 42 }, nosuch: { value: 'x' } } }, null, 2));
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', bad], {});
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = t.result(r).diagnostics;
    const byCode = (c: string) => d.filter((x) => x.code === c);
    assert.equal(byCode('deploy-parameter-type')[0].file, bad);
    assert.equal(byCode('deploy-parameter-type')[0].line, 4, "the line of location's value in the file");
    assert.match(byCode('deploy-parameter-unknown')[0].message, /nosuch/);
    const missing = byCode('deploy-parameter-missing');
    assert.deepEqual(missing.map((m) => /Parameter (\w+)/.exec(m.message)![1]).sort(), ['servicePrincipalId', 'servicePrincipalKey', 'servicePrincipalObjectId', 'storageAccountPrefix']);
    assert.ok(missing.every((m) => m.file?.endsWith('standard/app.zip/mainTemplate.json') && m.line && m.column), JSON.stringify(missing));
    assert.match(missing.find((m) => m.message.includes('servicePrincipalKey'))!.hint!, /OFFERKIT_PARAM_SERVICEPRINCIPALKEY/);
    assert.match(missing.find((m) => m.message.includes('servicePrincipalId'))!.hint!, new RegExp(`Type the customer's own value into ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: "servicePrincipalId"`), 'the hint says to type it into the file, not to run the preview again');
    assert.equal(apps().length, 0, 'nothing was created');
  });

  it('what-if predicts in the new managed resource group, names as it will give them, says what it cannot foresee, and creates nothing', async () => {
    const before = env.arm.requests.length;
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--what-if', '--name', 'cmi-whatif']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const w = t.result(r).deploy;
    assert.equal(w.mode, 'what-if');
    assert.match(w.whatIfScope!, /managed resource group mrg-cmi-whatif/);
    const storage = `/subscriptions/${env.subscription}/resourceGroups/mrg-cmi-whatif/providers/Microsoft.Storage/storageAccounts/m365data${t.unique('mrg-cmi-whatif')}`;
    assert.ok(w.changes!.some((c) => c.changeType === 'Create' && c.resourceId === storage), `the storage account as the managed resource group names it: ${JSON.stringify(w.changes)}`);
    assert.ok(w.changes!.some((c) => c.changeType === 'Create' && c.resourceId === `/subscriptions/${env.subscription}/resourceGroups/mrg-cmi-whatif`), 'the managed resource group itself');
    assert.ok(!w.changes!.some((c) => c.resourceId.includes(`/resourceGroups/${RG}/providers/Microsoft.Storage`)), 'nothing predicted in the application\'s own group');
    assert.ok(w.notForeseen!.some((n) => n.includes('deployment script')) && w.notForeseen!.some((n) => n.includes('policy assignments of the definition and its lock')), JSON.stringify(w.notForeseen));
    assert.equal(t.result(r).deploy.definition?.package, 'same', 'the definition installs the local build');
    assert.equal(apps().length, 0);
    assert.ok(![...env.arm.resourceGroups.values()].some((g) => g.name === 'mrg-cmi-whatif'));
    const writes = env.arm.requests.slice(before).filter((q) => q.method === 'PUT' || q.method === 'PATCH' || q.method === 'DELETE');
    assert.deepEqual(writes, [], 'what-if writes nothing');
  });

  it("a policy denial in ARM's preflight is said on each storage account it names, found by evaluated name", async () => {
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', phase: 'validate', code: 'RequestDisallowedByPolicy', message: 'posted body' });
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-denied']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = t.result(r).diagnostics.filter((x) => x.code === 'deploy-preflight');
    assert.equal(d.length, 2, JSON.stringify(d));
    const data = d.find((x) => x.message.includes(`m365data${t.unique('mrg-cmi-denied')}`))!;
    const script = d.find((x) => x.message.includes(`script${t.unique('mrg-cmi-denied')}`))!;
    assert.match(data.message, /RequestDisallowedByPolicy for Microsoft\.Storage\/storageAccounts m365data\w{13}: Resource 'm365data\w{13}' was disallowed by policy/);
    assert.equal(data.line, await t.templateLine((x, i) => x.type === 'Microsoft.Storage/storageAccounts' && i === 0));
    assert.equal(script.line, await t.templateLine((x, i) => x.type === 'Microsoft.Storage/storageAccounts' && i > 0));
    assert.notEqual(data.line, script.line);
    assert.equal(t.result(r).deploy.state, 'PreflightFailed');
    assert.equal(apps().length, 0);
    assert.ok(![...env.arm.resourceGroups.values()].some((g) => g.name === 'mrg-cmi-denied'), 'no managed resource group left behind');
  });

  it('installs the managed application, reads back what it deployed and each promise saying what was read, never the secret; --delete removes it', async () => {
    const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-test']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'the secure value is never printed');
    const ok = t.result(r).deploy;
    assert.equal(ok.mode, 'managed-application');
    assert.equal(ok.kind, 'ServiceCatalog');
    assert.equal(ok.state, 'Succeeded');
    assert.equal(ok.resourceGroupAction, 'exists');
    assert.equal(ok.managedResourceGroup, 'mrg-cmi-test');
    assert.deepEqual(Object.keys(ok.outputs!).sort(), ['container', 'dataFactoryName', 'storageAccountName']);
    assert.equal(ok.outputs!.storageAccountName, `m365data${t.unique('mrg-cmi-test')}`);
    // What ARM lists: tracked resources only, not the extension ones (diagnostic settings, role assignments) nor children.
    const types = new Set(ok.resources!.map((x) => x.type));
    assert.ok(types.has('Microsoft.DataFactory/factories') && types.has('Microsoft.Storage/storageAccounts'), JSON.stringify([...types]));
    assert.ok(![...types].some((x) => /diagnosticSettings|roleAssignments|blobServices|factories\//i.test(x)), JSON.stringify([...types]));
    assert.match(ok.portalUrl!, /^https:\/\/portal\.test\.example\/.*\/providers\/Microsoft\.Solutions\/applications\/cmi-test$/);
    const promises = ok.promises!;
    assert.ok(promises.every((x) => x.status === 'kept' && x.kept), JSON.stringify(promises.filter((x) => x.status !== 'kept')));
    for (const policy of ['secure-transfer', 'minimum-tls', 'no-public-blob-access', 'infrastructure-encryption', 'allowed-locations']) assert.ok(promises.some((x) => x.policy === policy && x.evidence !== 'assignment'), `${policy} read on the resources`);
    assert.ok(promises.some((x) => x.policy === 'lock' && x.evidence === 'lock' && x.detail.includes('locked ReadOnly')), 'the lock, as its deny assignment');
    assert.equal(promises.filter((x) => x.evidence === 'assignment').length, 6, 'every attached policy is assigned to the managed resource group');
    // Diagnostic settings read where they live: on the factory and on each storage account's blob service.
    const diag = promises.filter((x) => x.policy === 'diagnostic-settings' && x.evidence === 'diagnostic-settings');
    assert.deepEqual(diag.map((x) => x.resource.split(' ')[0]).sort(), ['Microsoft.DataFactory/factories', 'Microsoft.Storage/storageAccounts/blobServices', 'Microsoft.Storage/storageAccounts/blobServices']);
    assert.ok(diag.every((x) => /diagnostic settings found on the resource: .*to-log-analytics/.test(x.detail)), JSON.stringify(diag));
    const app = apps().find((a) => a.name === 'cmi-test')!;
    assert.match(String(app.properties.applicationDefinitionId), /applicationDefinitions\/contoso-mail-insights-standard$/);
    assert.equal((app.properties.parameters as Record<string, { value: string }>).servicePrincipalKey.value, SECRET, 'the secure value reached ARM');

    // The text output says what was read, per policy.
    const text = await runOfferkit({ ...env, env: { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: SECRET } }, ['deploy', t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-test', ...env.azureArgs, '--resource-group', RG, '--location', LOCATION]);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /kept +diagnostic-settings: assigned to the managed resource group; diagnostic settings found on 3 resources/);
    assert.match(text.stdout, /kept +secure-transfer: assigned to the managed resource group; setting read on 2 resources/);

    // The same command again reports what is installed; the same name with another managed resource group is refused.
    const again = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-test']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.ok(t.result(again).diagnostics.some((d) => d.code === 'deploy-already-installed'));
    // What-if of the installed application compares with what its managed resource group holds.
    const whatIf = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-test', '--what-if']);
    assert.equal(whatIf.code, 0, whatIf.stdout + whatIf.stderr);
    assert.equal(t.result(whatIf).deploy.whatIfScope, 'managed resource group mrg-cmi-test');
    assert.ok(t.result(whatIf).deploy.changes!.some((c) => c.changeType === 'NoChange' && c.resourceId.endsWith(`/storageAccounts/m365data${t.unique('mrg-cmi-test')}`)), JSON.stringify(t.result(whatIf).deploy.changes));
    const other = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-test', '--managed-resource-group', 'mrg-other']);
    assert.equal(other.code, 1);
    assert.match(other.stdout + other.stderr, /already exists.*--delete --name cmi-test/s);
    assert.equal(apps().filter((a) => a.name === 'cmi-test').length, 1);

    const del = await t.deploy([t.offer, '--delete', '--name', 'cmi-test']);
    assert.equal(del.code, 0, del.stdout + del.stderr);
    assert.equal(t.result(del).deploy.state, 'Deleted');
    assert.equal(apps().filter((a) => a.name === 'cmi-test').length, 0);
    assert.ok(![...env.arm.resourceGroups.values()].some((g) => g.name === 'mrg-cmi-test'), 'the managed resource group is gone');
  });

  it('a failure at run time is said once, from ARM\'s answer, on the resource that failed', async () => {
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.DataFactory/factories', phase: 'deploy', code: 'SkuNotAvailable', message: 'posted body' });
    try {
      const failed = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-fail']);
      assert.equal(failed.code, 1, failed.stdout + failed.stderr);
      const f = t.result(failed).diagnostics.filter((x) => x.code === 'deploy-failed');
      assert.equal(f.length, 1, JSON.stringify(t.result(failed).diagnostics));
      assert.match(f[0].message, /SkuNotAvailable for Microsoft\.DataFactory\/factories adf-\w{13}: The requested size for resource '\/subscriptions\/.*\/factories\/adf-\w{13}' is currently not available in location 'westeurope'/);
      assert.equal(f[0].line, await t.templateLine((x) => x.type === 'Microsoft.DataFactory/factories'));
      assert.equal(t.result(failed).deploy.state, 'Failed');
    } finally {
      await t.deploy([t.offer, '--delete', '--name', 'cmi-fail']);
    }
  });

  it('a promise Azure does not keep is an error naming the policy, the resource and what was read', async () => {
    env.arm.deployments.propertyOverrides.push({ resourceType: 'Microsoft.Storage/storageAccounts', properties: { supportsHttpsTrafficOnly: false } });
    try {
      const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-broken']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const broken = t.result(r).diagnostics.filter((d) => d.code === 'deploy-promise-broken');
      // The override reaches every storage account: the copied data's and the deployment script's.
      assert.equal(broken.length, 2, JSON.stringify(t.result(r).diagnostics));
      for (const b of broken) assert.match(b.message, /Policy "secure-transfer".*Microsoft\.Storage\/storageAccounts .*supportsHttpsTrafficOnly = false/);
      assert.ok(t.result(r).deploy.promises!.some((x) => x.policy === 'minimum-tls' && x.kept));
    } finally {
      env.arm.deployments.propertyOverrides.length = 0;
      await t.deploy([t.offer, '--delete', '--name', 'cmi-broken']);
    }
    env.arm.applications.skipPolicyAssignments = true;
    try {
      const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-unassigned']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const broken = t.result(r).diagnostics.filter((d) => d.code === 'deploy-promise-broken');
      assert.equal(broken.length, 6, JSON.stringify(broken));
      assert.ok(broken.every((d) => d.message.includes('is not assigned to the managed resource group mrg-cmi-unassigned')));
    } finally {
      env.arm.applications.skipPolicyAssignments = false;
      await t.deploy([t.offer, '--delete', '--name', 'cmi-unassigned']);
    }
  });

  it('a run killed while ARM installs: the same command again waits for the install and reports it', async () => {
    const args = ['deploy', t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-killed', '--poll-interval', '0.05', ...env.azureArgs, '--resource-group', RG, '--location', LOCATION, '--json'];
    const withSecret = { ...env, env: { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: SECRET } };
    let killed = false;
    const first = await runOfferkit(withSecret, args, (child) => {
      env.arm.onRequest = ({ method, path }) => {
        if (method === 'GET' && /asyncoperations/i.test(path)) {
          killed = child.kill('SIGKILL');
          return 'hold';
        }
        return undefined;
      };
    });
    env.arm.onRequest = undefined;
    assert.ok(killed && first.signal === 'SIGKILL', 'killed while the install was polled');
    const again = await runOfferkit(withSecret, args);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const r = t.result(again);
    assert.equal(r.deploy.state, 'Succeeded');
    assert.ok(r.diagnostics.some((d) => d.code === 'deploy-already-installed'));
    assert.equal(apps().filter((a) => a.name === 'cmi-killed').length, 1, 'one application, not two');
    assert.equal((await t.deploy([t.offer, '--delete', '--name', 'cmi-killed'])).code, 0);
  });

  // ARM misbehaving at each step: throttled, unavailable, a dropped connection, an answer slower than the
  // per-attempt limit, an install that takes many polls. The SDK pipeline retries; the install completes once.
  // Only the slow answer tests the per-attempt limit, so only its row lowers the limit (to 1 s, below the 2.5 s
  // answer); the others keep the generous one a busy machine needs.
  const FAULTS: { name: string; rule: Parameters<PublishEnv['arm']['faults']['add']>[0]; slowPolls?: number; attemptSeconds?: string }[] = [
    { name: 'throttled-put', rule: { method: 'PUT', path: /Microsoft\.Solutions\/applications\//i, times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } } },
    { name: 'unavailable-poll', rule: { method: 'GET', path: /asyncoperations/i, times: 2, fault: { kind: 'status', status: 503 } } },
    { name: 'dropped-validate', rule: { method: 'POST', path: /\/validate\?/i, times: 1, fault: { kind: 'drop' } } },
    { name: 'throttled-definition-read', rule: { method: 'GET', path: /applicationDefinitions\//i, times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } } },
    { name: 'slow-read', rule: { method: 'GET', path: /\/resources\?/i, times: 1, fault: { kind: 'slow', delayMs: 2500 } }, attemptSeconds: '1' },
    // The SDK polls every 2 s when Azure's Retry-After is 0 (core-lro ignores a zero interval): three polls still wait, and cost 4 s, not 10.
    { name: 'long-install', rule: { path: /^$/, times: 0, fault: { kind: 'drop' } }, slowPolls: 3 },
  ];
  for (const row of FAULTS) {
    it(`recovers from ${row.name}`, async () => {
      env.arm.faults.add(row.rule);
      const polls = env.arm.deployments.pollsBeforeDone;
      if (row.slowPolls) env.arm.deployments.pollsBeforeDone = row.slowPolls;
      const name = `fault-${row.name}`;
      const limit = env.azureArgs.indexOf('--timeout') + 1;
      const generous = env.azureArgs[limit];
      if (row.attemptSeconds) env.azureArgs[limit] = row.attemptSeconds;
      try {
        const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', name]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal(t.result(r).deploy.state, 'Succeeded');
        if (row.rule.times) assert.ok(env.arm.faults.hits.some((h) => row.rule.path.test(h.path)), 'the fault was hit');
        assert.equal(apps().filter((x) => x.name === name).length, 1);
      } finally {
        env.azureArgs[limit] = generous;
        env.arm.faults.clear();
        env.arm.deployments.pollsBeforeDone = polls;
        await t.deploy([t.offer, '--delete', '--name', name]);
      }
    });
  }

  it('a resource failing inside a nested deployment is followed down, placed on the inner resource and said once', async () => {
    const folder = join(await tempDir(), 'nested-package');
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'inner',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              contentVersion: '1.0.0.0',
              resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[concat('stinner', uniqueString(resourceGroup().id))]", location: '[resourceGroup().location]', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }],
            },
          },
        },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'mainTemplate.json'), text);
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', phase: 'deploy', code: 'StorageAccountAlreadyTaken', message: 'The storage account named stinner is already taken.' });
    const r = await t.deploy([folder, '--inline', '--name', 'nested-test'], {});
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const f = t.result(r).diagnostics.filter((d) => d.code === 'deploy-failed');
    assert.equal(f.length, 1, JSON.stringify(t.result(r).diagnostics));
    assert.match(f[0].message, new RegExp(`StorageAccountAlreadyTaken for Microsoft\\.Storage/storageAccounts stinner${t.unique(RG)}`));
    assert.equal(f[0].line, parseJsonSource(text).locate('/resources/0/properties/template/resources/0')!.line, "the inner resource's line");
  });

  it("--inline deploys a package's template itself into the resource group; a package needs --definition, --marketplace or --inline", async () => {
    const dist = join(await tempDir(), 'dist');
    assert.equal((await runOfferkit(env, ['build', t.offer, '--out', dist, '--plan', 'standard'])).code, 0);
    const zip = join(dist, 'contoso-mail-insights', 'standard', 'app.zip');
    const r = await t.deploy([zip, '--parameters', t.params, '--inline', '--name', 'inline-test']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(t.result(r).deploy.mode, 'inline');
    assert.ok(env.arm.deployments.resourcesIn(env.subscription, RG).some((x) => x.type === 'Microsoft.Storage/storageAccounts' && x.name === `m365data${t.unique(RG)}`), 'named in the resource group it was deployed to');
    const none = await t.deploy([zip, '--parameters', t.params]);
    assert.equal(none.code, 2, none.stdout + none.stderr);
    assert.match(none.stdout + none.stderr, /--definition <resource id>.*--marketplace.*--inline/s);
  });
});
