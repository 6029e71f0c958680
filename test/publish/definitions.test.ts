// offerkit definitions list|show|diff|delete, and offerkit cache update, against the emulated cloud.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, EXAMPLE_OFFER, runCli, tempDir } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { LOCATION, publishArgs, runOfferkit } from './helpers.js';
import { parseJson, type PublishJson } from '../helpers/json.js';

describe('offerkit definitions and cache update', function () {
  this.timeout(180000);
  let env: PublishEnv;
  let offer: string;
  const RG = 'rg-defs';

  before(async () => {
    env = await startPublishEnv({
      pageSize: 2,
      providers: [
        { namespace: 'Microsoft.Storage', resourceTypes: [{ resourceType: 'storageAccounts', locations: ['West Europe'], apiVersions: ['2025-01-01', '2023-05-01', '2019-06-01'] }] },
        { namespace: 'Microsoft.DataFactory', resourceTypes: [{ resourceType: 'factories', locations: ['West Europe'], apiVersions: ['2018-06-01'] }] },
      ],
    });
    offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    const r = await runOfferkit(env, publishArgs(env, offer, [], RG));
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
  after(() => env?.stop());

  const defs = (args: string[]) => runOfferkit(env, ['definitions', ...args, ...env.azureArgs]);

  it('list: every definition of the resource group (following pages), with its offer, plan and package', async () => {
    const r = await defs(['list', '--resource-group', RG, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const list = parseJson<{ definitions: unknown }>(r.stdout).definitions as { name: string; plan: string; packageSha256: string; lockLevel: string }[];
    assert.deepEqual(list.map((d) => d.name), ['contoso-mail-insights-enterprise', 'contoso-mail-insights-standard', 'contoso-mail-insights-starter']);
    assert.ok(list.length > 0 && list.every((d) => /^[0-9a-f]{64}$/.test(d.packageSha256) && d.lockLevel === 'ReadOnly'));
    const human = await defs(['list']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^NAME +RESOURCE GROUP +LOCATION/m);
    assert.match(human.stdout, /contoso-mail-insights-starter +rg-defs +westeurope +ReadOnly +enabled +contoso-mail-insights\/starter v1\.2\.0/);
  });

  it('init --from service-catalog: a definition becomes an offer that builds it back, with no change for the customer', async () => {
    const dir = join(await tempDir(), 'contoso-mail-insights');
    const r = await runOfferkit(env, ['init', dir, '--from', 'service-catalog', '--resource-group', RG, '--name', 'contoso-mail-insights-standard', ...env.azureArgs, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /sig=|se=|sv=/, 'the package URL (and its SAS) is never shown');
    const yaml = await readFile(join(dir, 'offer.yaml'), 'utf8');
    assert.doesNotMatch(yaml, /blob\.core|sig=|127\.0\.0\.1/, 'nor written');
    assert.match(yaml, /^ {2}- id: standard$/m, 'the plan id from the definition\'s tags');
    assert.match(yaml, /version: 1\.2\.0/);
    const changes = await runOfferkit(env, ['changes', dir, '--since', 'service-catalog', '--resource-group', RG, ...env.azureArgs, '--format', 'json']);
    assert.equal(changes.code, 0, changes.stdout + changes.stderr);
    const plans = parseJson<{ offers: { plans: { plan: string; changes: { group: string; text: string }[] }[] }[] }>(changes.stdout).offers[0].plans;
    assert.deepEqual(plans.map((p) => p.plan), ['standard']);
    assert.deepEqual(plans[0].changes.map((c) => c.text), []);
    // offerkit's README in the package gave back what a definition does not hold (terms, support, purposes,
    // schedule, storage, just-in-time access): the definition publishes unchanged, package bytes included.
    const dry = await runOfferkit(env, publishArgs(env, dir, ['--dry-run', '--json'], RG));
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    const planned = parseJson<{ plans: { plan: string; action: string; changes?: unknown[] }[] }>(dry.stdout).plans;
    assert.deepEqual(planned.map((p) => [p.plan, p.action, p.changes ?? []]), [['standard', 'no-change', []]], dry.stdout);
    const missing = await runOfferkit(env, ['init', join(await tempDir(), 'x'), '--from', 'service-catalog', '--resource-group', RG, '--name', 'nope', ...env.azureArgs]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr + missing.stdout, /There is no definition nope \(resource group rg-defs\)/);
  });

  it('show: one definition; a missing one is an error', async () => {
    const r = await defs(['show', 'contoso-mail-insights-standard', '--resource-group', RG, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const shown = parseJson<{ summary: { plan: string }; definition: { lockLevel: string } }>(r.stdout);
    assert.equal(shown.summary.plan, 'standard');
    assert.equal(shown.definition.lockLevel, 'ReadOnly');
    const missing = await defs(['show', 'no-such-definition', '--resource-group', RG]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No application definition no-such-definition in resource group rg-defs/);
  });

  it('diff: up to date after a publish; names the fields a publish would change', async () => {
    const base = ['diff', offer, '--resource-group', RG, '--location', LOCATION, '--storage-account', env.azurite.account.name];
    const same = await defs(base);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout.match(/up to date/g)?.length, 3, same.stdout);
    const yaml = await readFile(join(offer, 'offer.yaml'), 'utf8');
    await writeFile(join(offer, 'offer.yaml'), yaml.replace('displayName: Contoso Mail Insights', 'displayName: Contoso Mail Insights Pro'));
    const changed = await defs([...base, '--json']);
    const plans = parseJson<{ plans: unknown }>(changed.stdout).plans as { action: string; changes: { field: string; from: unknown; to: unknown }[] }[];
    for (const p of plans) {
      assert.equal(p.action, 'would-update');
      const dn = p.changes.find((c) => c.field === 'displayName');
      assert.ok(dn && String(dn.to).startsWith('Contoso Mail Insights Pro'), JSON.stringify(p.changes));
    }
    await writeFile(join(offer, 'offer.yaml'), yaml);
    const other = await defs(['diff', offer, '--resource-group', 'rg-elsewhere', '--location', LOCATION, '--inline']);
    assert.match(other.stdout, /not in Azure yet/);
  });

  it('delete: refuses without --yes when not interactive; removes the definition, then its packages', async () => {
    const refused = await defs(['delete', 'contoso-mail-insights-starter', '--resource-group', RG]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /pass --yes/);
    assert.ok(env.arm.definition(env.subscription, RG, 'contoso-mail-insights-starter'));
    const before = (await env.blobs()).filter((b) => b.name.includes('/contoso-mail-insights-starter/'));
    assert.equal(before.length, 1);
    const r = await defs(['delete', 'contoso-mail-insights-starter', '--resource-group', RG, '--storage-account', env.azurite.account.name, '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseJson<PublishJson>(r.stdout).removedBlobs, [before[0].name]);
    assert.equal(env.arm.definition(env.subscription, RG, 'contoso-mail-insights-starter'), undefined);
    assert.equal((await env.blobs()).filter((b) => b.name.includes('/contoso-mail-insights-starter/')).length, 0);
    assert.ok(env.arm.definition(env.subscription, RG, 'contoso-mail-insights-standard'), 'other definitions stay');
    const again = await defs(['delete', 'contoso-mail-insights-starter', '--resource-group', RG, '--yes']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /did not exist/);
  });

  it('cache update writes the provider list the apiVersions rules read', async () => {
    const out = join(await tempDir(), 'providers.json');
    const r = await runOfferkit(env, ['cache', 'update', '--out', out, ...env.azureArgs]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 providers, 2 resource types, 4 API versions/);
    const cache = parseJson<{ value: { namespace: string }[] }>(await readFile(out, 'utf8'));
    assert.deepEqual(cache.value.map((p) => p.namespace), ['Microsoft.DataFactory', 'Microsoft.Storage']);
    const v = await runCli(['validate', EXAMPLE_OFFER, '--provider-cache', out, '--today', '2026-11-25', '--json']);
    const apiRule = parseJson<PublishJson>(v.stdout).diagnostics.filter((d) => d.armTtk === 'apiVersions-Should-Be-Recent');
    assert.ok(apiRule.length > 0, 'the rule ran on the cache (it reports resource types the cache lacks or old versions)');
    assert.ok(!apiRule.some((d) => d.message.includes('not checked')));
  });

  it('cache update without a valid sign-in keeps the previous cache and says what to do', async () => {
    const out = join(await tempDir(), 'providers.json');
    assert.equal((await runOfferkit(env, ['cache', 'update', '--out', out, ...env.azureArgs])).code, 0, 'an earlier cache, written by offerkit');
    const previous = await readFile(out, 'utf8');
    const bad = await runOfferkitWith(env, { AZURE_CLIENT_SECRET: 'wrong-secret-value' }, ['cache', 'update', '--out', out, ...env.azureArgs, '--max-retries', '0']);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /Reading the provider list .* failed/);
    assert.match(bad.stderr, /Sign in/);
    assert.ok(!(bad.stdout + bad.stderr).includes('wrong-secret-value'), 'the secret is not echoed');
    assert.equal(await readFile(out, 'utf8'), previous, 'the previous cache is kept');
  });

  it('cache update never replaces a file offerkit did not write: refused before Azure is asked', async () => {
    const out = join(await tempDir(), 'providers.json');
    await writeFile(out, '{"value":[], "mine": true}');
    const r = await runOfferkit(env, ['cache', 'update', '--out', out, ...env.azureArgs]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /--out .*providers\.json already exists and offerkit cannot tell that it wrote it/);
    assert.equal(await readFile(out, 'utf8'), '{"value":[], "mine": true}');
  });
});

function runOfferkitWith(env: PublishEnv, extraEnv: Record<string, string>, args: string[]) {
  return runOfferkit({ ...env, env: { ...env.env, ...extraEnv } }, args);
}
