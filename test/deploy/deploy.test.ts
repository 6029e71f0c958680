// offerkit deploy against the emulated cloud (ARM with Microsoft.Resources/deployments and Microsoft.Solutions/
// applications, Entra, Azurite): the example's standard plan, published to the service catalog, installed from
// the form's parameters as a customer would; parameters checked before anything is created; ARM's preflight and
// a run-time failure each said on the resource in mainTemplate.json; what-if; --inline; --delete.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { parseJson } from '../helpers/json.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { LOCATION, publishArgs, runOfferkit } from '../publish/helpers.js';
import { parseJsonSource } from '../../src/util/json-source.js';

interface DeployJson {
  deploy: { mode: string; name: string; state: string; managedResourceGroup?: string; outputs?: Record<string, unknown>; resources?: { type: string; name: string }[]; promises?: { policy: string; resource: string; kept: boolean; detail: string }[]; changes?: { changeType: string; resourceId: string }[]; portalUrl?: string };
  diagnostics: { code: string; severity: string; message: string; file?: string; line?: number; column?: number; pointer?: string; hint?: string }[];
}

const SECRET = 'sp-secret-value-7f3a9c';

describe('offerkit deploy', function () {
  this.timeout(180000);
  let env: PublishEnv;
  let offer: string;
  let params: string;
  const RG = 'rg-deploy';

  before(async () => {
    env = await startPublishEnv();
    offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    const published = await runOfferkit(env, publishArgs(env, offer, ['--plan', 'standard'], RG));
    assert.equal(published.code, 0, published.stdout + published.stderr);
    // The form's answers, as the preview writes them, plus the ones a customer types (the Entra application).
    params = join(await tempDir(), 'params.json');
    const p = await runOfferkit(env, ['preview', offer, '--plan', 'standard', '--parameters-out', params]);
    assert.equal(p.code, 0, p.stdout + p.stderr);
    const doc = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, { value: unknown }> };
    doc.parameters.servicePrincipalId = { value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
    doc.parameters.servicePrincipalObjectId = { value: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' };
    await writeFile(params, JSON.stringify(doc, null, 2));
  });
  after(() => env?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
  });

  const deploy = (args: string[], extraEnv: Record<string, string> = { OFFERKIT_PARAM_SERVICEPRINCIPALKEY: SECRET }) =>
    runOfferkit({ ...env, env: { ...env.env, ...extraEnv } }, ['deploy', ...args, ...env.azureArgs, '--resource-group', RG, '--location', LOCATION, '--json']);
  const result = (r: { stdout: string }) => parseJson<DeployJson>(r.stdout);
  const templateLine = async (predicate: (t: { type: string }) => boolean) => {
    // Where the resource sits in the rendered mainTemplate.json of the built package.
    const dist = join(await tempDir(), 'dist');
    const b = await runOfferkit(env, ['build', offer, '--out', dist, '--plan', 'standard']);
    assert.equal(b.code, 0, b.stderr);
    const { inspectPackageFile } = await import('../../src/package/inspect-package.js');
    const pkg = await inspectPackageFile(join(dist, 'contoso-mail-insights', 'standard', 'app.zip'));
    const source = parseJsonSource(pkg.contents.get('mainTemplate.json')!.toString('utf8'));
    const i = (source.value as { resources: { type: string }[] }).resources.findIndex(predicate);
    return source.locate(`/resources/${i}`)!.line;
  };

  it('checks the parameters before anything is created, each finding at its parameter', async () => {
    const bad = join(await tempDir(), 'bad.json');
    await writeFile(bad, JSON.stringify({ parameters: { location: { value: 42 }, nosuch: { value: 'x' } } }, null, 2));
    const r = await deploy([offer, '--plan', 'standard', '--parameters', bad], {});
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = result(r).diagnostics;
    const byCode = (c: string) => d.filter((x) => x.code === c);
    assert.equal(byCode('deploy-parameter-type')[0].file, bad);
    assert.equal(byCode('deploy-parameter-type')[0].line, 4, 'the line of location\'s value in the file');
    assert.match(byCode('deploy-parameter-unknown')[0].message, /nosuch/);
    const missing = byCode('deploy-parameter-missing');
    assert.deepEqual(missing.map((m) => /Parameter (\w+)/.exec(m.message)![1]).sort(), ['servicePrincipalId', 'servicePrincipalKey', 'servicePrincipalObjectId', 'storageAccountPrefix']);
    assert.ok(missing.every((m) => m.file?.endsWith('standard/app.zip/mainTemplate.json') && m.line && m.column), JSON.stringify(missing));
    assert.match(missing.find((m) => m.message.includes('servicePrincipalKey'))!.hint!, /OFFERKIT_PARAM_SERVICEPRINCIPALKEY/);
    assert.equal(env.arm.deployments.applications.size, 0, 'nothing was created');
  });

  it('what-if lists what would be created and creates nothing', async () => {
    const r = await deploy([offer, '--plan', 'standard', '--parameters', params, '--what-if']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const w = result(r).deploy;
    assert.equal(w.mode, 'what-if');
    assert.ok(w.changes!.some((c) => c.changeType === 'Create' && c.resourceId.includes('Microsoft.DataFactory/factories/')), JSON.stringify(w.changes));
    assert.equal(env.arm.deployments.applications.size, 0);
  });

  it('a policy denial in ARM\'s preflight is said on the storage account in mainTemplate.json', async () => {
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', phase: 'validate', code: 'RequestDisallowedByPolicy', message: "Resource 'st' was disallowed by policy. Policy identifiers: '[{\"policyAssignment\":{\"name\":\"Deny public storage\"}}]'." });
    const r = await deploy([offer, '--plan', 'standard', '--parameters', params]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = result(r).diagnostics.filter((x) => x.code === 'deploy-preflight');
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.match(d[0].message, /RequestDisallowedByPolicy for Microsoft\.Storage\/storageAccounts .*Deny public storage/);
    assert.equal(d[0].line, await templateLine((t) => t.type === 'Microsoft.Storage/storageAccounts'));
    assert.equal(result(r).deploy.state, 'PreflightFailed');
    assert.equal(env.arm.deployments.applications.size, 0);
  });

  it('installs the managed application, shows outputs and resources, never the secret; a failure is placed on its resource; --delete removes it', async () => {
    const r = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-test']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'the secure value is never printed');
    const ok = result(r).deploy;
    assert.equal(ok.mode, 'managed-application');
    assert.equal(ok.state, 'Succeeded');
    assert.equal(ok.managedResourceGroup, 'mrg-cmi-test');
    assert.deepEqual(Object.keys(ok.outputs!).sort(), ['container', 'dataFactoryName', 'storageAccountName']);
    assert.ok(ok.resources!.some((x) => x.type === 'Microsoft.DataFactory/factories'), JSON.stringify(ok.resources));
    assert.match(ok.portalUrl!, /^https:\/\/portal\.test\.example\/.*\/providers\/Microsoft\.Solutions\/applications\/cmi-test$/);
    // The offer's promises, read back from the resources as Azure holds them.
    const promises = ok.promises!;
    assert.ok(promises.length >= 5 && promises.every((x) => x.kept), JSON.stringify(promises));
    for (const policy of ['secure-transfer', 'minimum-tls', 'no-public-blob-access', 'infrastructure-encryption', 'allowed-locations']) assert.ok(promises.some((x) => x.policy === policy), policy);
    assert.ok(promises.some((x) => x.policy === 'lock' && x.kept && x.detail.includes('locked ReadOnly')), 'the lock, as its deny assignment');
    assert.equal(promises.filter((x) => x.detail === 'is assigned').length, 6, 'every attached policy is assigned to the managed resource group');
    const app = [...env.arm.deployments.applications.values()][0];
    assert.match(String(app.properties.applicationDefinitionId), /applicationDefinitions\/contoso-mail-insights-standard$/);
    assert.equal((app.properties.parameters as Record<string, { value: string }>).servicePrincipalKey.value, SECRET, 'the secure value reached ARM');

    // The same command again reports what is installed; the same name with another managed resource group is refused.
    const again = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-test']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.ok(result(again).diagnostics.some((d) => d.code === 'deploy-already-installed'));
    const other = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-test', '--managed-resource-group', 'mrg-other']);
    assert.equal(other.code, 1);
    assert.match(other.stdout + other.stderr, /already exists.*--delete --name cmi-test/s);
    assert.equal(env.arm.deployments.applications.size, 1);

    const del = await deploy([offer, '--delete', '--name', 'cmi-test']);
    assert.equal(del.code, 0, del.stdout + del.stderr);
    assert.equal(result(del).deploy.state, 'Deleted');
    assert.equal(env.arm.deployments.applications.size, 0);
    assert.ok(![...env.arm.resourceGroups.values()].some((g) => g.name === 'mrg-cmi-test'), 'the managed resource group is gone');

    // At run time the Data Factory fails: the failed operation is read back and placed on the factory.
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.DataFactory/factories', phase: 'deploy', code: 'SkuNotAvailable', message: "The requested tier for 'Microsoft.DataFactory/factories' is not available in location 'westeurope'." });
    const failed = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-fail']);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    const f = result(failed).diagnostics.filter((x) => x.code === 'deploy-failed');
    assert.equal(f.length, 1, JSON.stringify(result(failed).diagnostics));
    assert.match(f[0].message, /SkuNotAvailable for Microsoft\.DataFactory\/factories/);
    assert.equal(f[0].line, await templateLine((t) => t.type === 'Microsoft.DataFactory/factories'));
    assert.equal(result(failed).deploy.state, 'Failed');
  });

  it('a promise Azure does not keep is an error naming the policy and the resource (a property, an assignment)', async () => {
    env.arm.deployments.propertyOverrides.push({ resourceType: 'Microsoft.Storage/storageAccounts', properties: { supportsHttpsTrafficOnly: false } });
    try {
      const r = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-broken']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const broken = result(r).diagnostics.filter((d) => d.code === 'deploy-promise-broken');
      // The override reaches every storage account: the copied data's and the deployment script's.
      assert.equal(broken.length, 2, JSON.stringify(result(r).diagnostics));
      for (const b of broken) assert.match(b.message, /Policy "secure-transfer".*Microsoft\.Storage\/storageAccounts .*supportsHttpsTrafficOnly = false/);
      assert.ok(result(r).deploy.promises!.some((x) => x.policy === 'minimum-tls' && x.kept));
    } finally {
      env.arm.deployments.propertyOverrides.length = 0;
      await deploy([offer, '--delete', '--name', 'cmi-broken']);
    }
    env.arm.deployments.skipPolicyAssignments = true;
    try {
      const r = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-unassigned']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const broken = result(r).diagnostics.filter((d) => d.code === 'deploy-promise-broken');
      assert.equal(broken.length, 6, JSON.stringify(broken));
      assert.ok(broken.every((d) => d.message.includes('is not assigned to the managed resource group mrg-cmi-unassigned')));
    } finally {
      env.arm.deployments.skipPolicyAssignments = false;
      await deploy([offer, '--delete', '--name', 'cmi-unassigned']);
    }
  });

  it('a run killed while ARM installs: the same command again waits for the install and reports it', async () => {
    const args = ['deploy', offer, '--plan', 'standard', '--parameters', params, '--name', 'cmi-killed', '--poll-interval', '0.05', ...env.azureArgs, '--resource-group', RG, '--location', LOCATION, '--json'];
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
    const r = result(again);
    assert.equal(r.deploy.state, 'Succeeded');
    assert.ok(r.diagnostics.some((d) => d.code === 'deploy-already-installed'));
    assert.equal([...env.arm.deployments.applications.values()].filter((a) => a.name === 'cmi-killed').length, 1, 'one application, not two');
    assert.equal((await deploy([offer, '--delete', '--name', 'cmi-killed'])).code, 0);
  });

  // ARM misbehaving at each step: throttled, unavailable, a dropped connection, an answer slower than the
  // per-attempt limit, an install that takes many polls. The SDK pipeline retries; the install completes once.
  const FAULTS: { name: string; rule: Parameters<PublishEnv['arm']['faults']['add']>[0]; slowPolls?: number }[] = [
    { name: 'throttled-put', rule: { method: 'PUT', path: /Microsoft\.Solutions\/applications\//i, times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } } },
    { name: 'unavailable-poll', rule: { method: 'GET', path: /asyncoperations/i, times: 2, fault: { kind: 'status', status: 503 } } },
    { name: 'dropped-validate', rule: { method: 'POST', path: /\/validate\?/i, times: 1, fault: { kind: 'drop' } } },
    { name: 'slow-read', rule: { method: 'GET', path: /\/resources\?/i, times: 1, fault: { kind: 'slow', delayMs: 7000 } } },
    { name: 'long-install', rule: { path: /^$/, times: 0, fault: { kind: 'drop' } }, slowPolls: 6 },
  ];
  for (const row of FAULTS) {
    it(`recovers from ${row.name}`, async () => {
      env.arm.faults.add(row.rule);
      if (row.slowPolls) env.arm.deployments.pollsBeforeDone = row.slowPolls;
      const name = `fault-${row.name}`;
      try {
        const r = await deploy([offer, '--plan', 'standard', '--parameters', params, '--name', name]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal(result(r).deploy.state, 'Succeeded');
        if (row.rule.times) assert.ok(env.arm.faults.hits.some((h) => row.rule.path.test(h.path)), 'the fault was hit');
        assert.equal([...env.arm.deployments.applications.values()].filter((x) => x.name === name).length, 1);
      } finally {
        env.arm.faults.clear();
        env.arm.deployments.pollsBeforeDone = 1;
        await deploy([offer, '--delete', '--name', name]);
      }
    });
  }

  it('a resource failing inside a nested deployment is followed down and placed on the inner resource', async () => {
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
              resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stinner', location: '[resourceGroup().location]', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }],
            },
          },
        },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'mainTemplate.json'), text);
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', phase: 'deploy', code: 'StorageAccountAlreadyTaken', message: "The storage account named stinner is already taken." });
    const r = await deploy([folder, '--inline', '--name', 'nested-test'], {});
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const f = result(r).diagnostics.filter((d) => d.code === 'deploy-failed');
    assert.equal(f.length, 1, JSON.stringify(result(r).diagnostics));
    assert.match(f[0].message, /StorageAccountAlreadyTaken for Microsoft\.Storage\/storageAccounts stinner/);
    assert.equal(f[0].line, parseJsonSource(text).locate('/resources/0/properties/template/resources/0')!.line, 'the inner resource\'s line');
  });

  it('--inline deploys a package\'s template itself into the resource group; a package needs --definition or --inline', async () => {
    const dist = join(await tempDir(), 'dist');
    assert.equal((await runOfferkit(env, ['build', offer, '--out', dist, '--plan', 'standard'])).code, 0);
    const zip = join(dist, 'contoso-mail-insights', 'standard', 'app.zip');
    const r = await deploy([zip, '--parameters', params, '--inline', '--name', 'inline-test']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(result(r).deploy.mode, 'inline');
    assert.ok(env.arm.deployments.resourcesIn(env.subscription, RG).some((x) => x.type === 'Microsoft.Storage/storageAccounts'));
    const none = await deploy([zip, '--parameters', params]);
    assert.equal(none.code, 2, none.stdout + none.stderr);
    assert.match(none.stdout + none.stderr, /--definition <resource id>.*--inline/s);
  });
});
