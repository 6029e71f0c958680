// offerkit publish --to service-catalog against the ARM emulator and Azurite, through the real CLI.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { BASE_OFFER, writeOffer } from '../helpers/offer-fixture.js';
import { assertConverged, LOCATION, publishArgs, publishJson, RG, runOfferkit } from './helpers.js';
import { parseJson, type PublishJson } from '../helpers/json.js';

const PLANS = ['starter', 'standard', 'enterprise'];
const DEFS = PLANS.map((p) => `contoso-mail-insights-${p}`);

describe('offerkit publish --to service-catalog', function () {
  this.timeout(180000);
  let env: PublishEnv;
  let offer: string;
  let built: string;

  before(async () => {
    env = await startPublishEnv();
    offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    built = await tempDir();
    const b = await runCli(['build', offer, '--out', built]);
    assert.equal(b.code, 0, b.stderr);
  });
  after(() => env?.stop());

  const writes = (kind: 'definition' | 'blob') =>
    kind === 'definition'
      ? env.arm.requests.filter((r) => r.method === 'PUT' && /applicationDefinitions/i.test(r.path)).length
      : env.storage.requests.filter((r) => r.method === 'PUT' && /offerkit-packages\/.+\.zip/.test(r.path)).length;

  it('publishes every plan: resource group, a package per plan, a definition with every setting, read back', async () => {
    const r = await publishJson(env, offer);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.report.resourceGroup?.action, 'created');
    assert.deepEqual(r.report.plans.map((p) => [p.plan, p.action, p.package.uploaded]), PLANS.map((p) => [p, 'created', true]));
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const plan of PLANS) {
      const def = env.arm.definition(env.subscription, RG, `contoso-mail-insights-${plan}`)!;
      assert.ok(def, plan);
      const expected = parseJson<Record<string, unknown>>(await readFile(join(built, 'contoso-mail-insights', plan, 'definition.json'), 'utf8'));
      for (const key of ['displayName', 'description', 'lockLevel', 'authorizations', 'policies', 'deploymentPolicy', 'managementPolicy', 'lockingPolicy', 'notificationPolicy', 'isEnabled']) {
        assert.deepEqual(def.properties[key], expected[key], `${plan}: ${key}`);
      }
      assert.equal(def.location, LOCATION);
      // The package ARM fetched is byte for byte the one `offerkit build` writes.
      const zip = await readFile(join(built, 'contoso-mail-insights', plan, 'app.zip'));
      assert.ok(def.packageBytes?.equals(zip), `${plan}: ARM fetched the built package`);
      assert.equal(def.tags['offerkit-version'], pkg.version);
      const sas = new URL(String(def.properties.packageFileUri)).searchParams;
      assert.equal(sas.get('sp'), 'r', 'read-only');
      assert.equal(sas.get('spr'), 'https', 'https only');
      assert.ok(sas.get('skoid'), 'a user-delegation SAS (Entra credentials, no account key)');
      const expiresIn = Date.parse(sas.get('se')!) - Date.now();
      assert.ok(expiresIn > 0 && expiresIn <= 61 * 60 * 1000, `expires soon after the publish (${expiresIn} ms)`);
    }
    await assertConverged(env, DEFS);
  });

  it('running it again changes nothing: no upload, no definition write', async () => {
    const [defsBefore, blobsBefore] = [writes('definition'), writes('blob')];
    const r = await publishJson(env, offer);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.report.resourceGroup?.action, 'exists');
    assert.deepEqual(r.report.plans.map((p) => p.action), ['unchanged', 'unchanged', 'unchanged']);
    assert.equal(writes('definition'), defsBefore);
    assert.equal(writes('blob'), blobsBefore);
    await assertConverged(env, DEFS);
  });

  it('a changed plan gets a new package and an updated definition; its old package is removed', async () => {
    const yaml = await readFile(join(offer, 'offer.yaml'), 'utf8');
    await writeFile(join(offer, 'offer.yaml'), yaml.replace(/(- id: enterprise[\s\S]*?retentionDays: )\d+/, '$1400'));
    const r = await publishJson(env, offer);
    assert.equal(r.code, 0, r.stderr);
    const byPlan = Object.fromEntries(r.report.plans.map((p) => [p.plan, p]));
    assert.equal(byPlan.starter.action, 'unchanged');
    assert.equal(byPlan.enterprise.action, 'updated');
    assert.deepEqual(byPlan.enterprise.changes.map((c) => c.field).sort(), ['delivery', 'package']);
    assert.equal(byPlan.enterprise.removedBlobs.length, 1);
    await assertConverged(env, DEFS);
  });

  it('--dry-run shows what would change and changes nothing', async () => {
    const yaml = await readFile(join(offer, 'offer.yaml'), 'utf8');
    await writeFile(join(offer, 'offer.yaml'), yaml.replace('lockLevel: ReadOnly', 'lockLevel: CanNotDelete'));
    const [defsBefore, blobsBefore] = [writes('definition'), writes('blob')];
    const r = await publishJson(env, offer, ['--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    for (const p of r.report.plans) {
      assert.equal(p.action, 'would-update');
      assert.ok(p.changes.some((c) => c.field === 'lockLevel'), JSON.stringify(p.changes));
    }
    const fresh = await runOfferkit(env, publishArgs(env, offer, ['--dry-run', '--json'], 'rg-not-yet'));
    const report = parseJson<PublishJson>(fresh.stdout);
    assert.equal(report.resourceGroup.action, 'would-create');
    assert.deepEqual(report.plans.map((p) => p.action), ['would-create', 'would-create', 'would-create']);
    assert.equal(writes('definition'), defsBefore);
    assert.equal(writes('blob'), blobsBefore);
    assert.ok(!env.arm.requests.some((q) => q.method === 'PUT' && q.path.includes('rg-not-yet')));
    const human = await runOfferkit(env, publishArgs(env, offer, ['--dry-run']));
    assert.match(human.stdout, /would-update +starter/);
    assert.match(human.stdout, /lockLevel: "?ReadOnly"? → "?CanNotDelete"?/);
    assert.match(human.stdout, /Dry run: nothing was changed/);
    await writeFile(join(offer, 'offer.yaml'), yaml);
  });

  it('--inline sends the templates in the request body and needs no storage', async () => {
    const args = ['publish', offer, ...env.azureArgs, '--resource-group', 'rg-inline', '--location', LOCATION, '--inline', '--plan', 'starter', '--json'];
    const r = await runOfferkit(env, args);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = parseJson<PublishJson>(r.stdout);
    assert.ok(report.diagnostics.some((d) => d.code === 'publish-inline-drops-files' && d.severity === 'warning'), 'viewDefinition.json cannot travel inline: a warning says so');
    const def = env.arm.definition(env.subscription, 'rg-inline', 'contoso-mail-insights-starter')!;
    assert.equal(def.properties.packageFileUri, undefined);
    assert.equal((def.properties.createUiDefinition as { handler: string }).handler, 'Microsoft.Azure.CreateUIDef');
    assert.ok(Array.isArray((def.properties.mainTemplate as { resources: unknown[] }).resources));
    const again = await runOfferkit(env, args);
    assert.equal(parseJson<PublishJson>(again.stdout).plans[0].action, 'unchanged');
  });

  it('--storage-account-key signs an account-key SAS instead of a user-delegation one', async () => {
    const r = await runOfferkit(env, publishArgs(env, offer, ['--storage-account-key', env.azurite.account.key, '--plan', 'standard', '--json'], 'rg-key'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const sas = new URL(String(env.arm.definition(env.subscription, 'rg-key', 'contoso-mail-insights-standard')!.properties.packageFileUri)).searchParams;
    assert.ok(sas.get('sig'));
    assert.equal(sas.get('skoid'), null);
    assert.equal(sas.get('sp'), 'r');
  });

  it('--package-url publishes a package that is already online', async () => {
    const url = String(env.arm.definition(env.subscription, 'rg-key', 'contoso-mail-insights-standard')!.properties.packageFileUri);
    const argsFor = (plan: string, packageUrl: string) => ['publish', offer, ...env.azureArgs, '--resource-group', 'rg-url', '--location', LOCATION, '--package-url', packageUrl, '--plan', plan, '--json'];
    const args = argsFor('standard', url);
    const r = await runOfferkit(env, args);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const def = env.arm.definition(env.subscription, 'rg-url', 'contoso-mail-insights-standard')!;
    assert.equal(def.properties.packageFileUri, url);
    assert.ok(def.packageBytes?.length);
    // The same URL for another plan: not that plan's package, refused before anything changes.
    const before = env.arm.requests.length;
    const other = await runOfferkit(env, argsFor('enterprise', url));
    assert.equal(other.code, 1, other.stdout + other.stderr);
    const d = parseJson<PublishJson>(other.stdout).diagnostics.find((x) => x.code === 'publish-package-url-mismatch')!;
    assert.match(d.message, /not the package of plan enterprise/);
    assert.equal(env.arm.requests.length, before, 'Azure was not contacted');
    const gone = await runOfferkit(env, argsFor('standard', `${url.split('?')[0]}?sv=2020-01-01&sig=bogus`));
    assert.equal(gone.code, 1, gone.stdout + gone.stderr);
    assert.match(gone.stdout, /publish-package-url-unreadable/);
    assert.doesNotMatch(gone.stdout, /sig=bogus/);
  });

  it('an offer with errors is not published and Azure is not contacted', async () => {
    const broken = await copyExampleOffer(join(await tempDir(), 'broken'));
    const yaml = await readFile(join(broken, 'offer.yaml'), 'utf8');
    const misspelt = yaml.replace('      - receivedDateTime\n', '      - receivedDateTme\n');
    assert.notEqual(misspelt, yaml);
    await writeFile(join(broken, 'offer.yaml'), misspelt);
    const before = env.arm.requests.length;
    const r = await publishJson(env, broken);
    assert.equal(r.code, 1);
    assert.ok(r.report.diagnostics.some((d) => d.code === 'offer-unknown-column'));
    assert.equal(env.arm.requests.length, before, 'no request reached ARM (not even for a token)');
  });

  it('sign-in retries as every other request does: --max-retries bounds the token requests, and the failure says so', async () => {
    const token = /\/oauth2\/v2\.0\/token/i;
    const asked = () => env.arm.requests.filter((q) => q.method === 'POST' && token.test(q.path)).length;
    env.arm.faults.add({ method: 'POST', path: token, times: 100, fault: { kind: 'status', status: 503 } });
    const before = asked();
    try {
      const r = await publishJson(env, offer, ['--max-retries', '2']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.report.diagnostics.find((d) => d.severity === 'error')!.message, /signing in to Microsoft Entra failed/);
      assert.equal(asked() - before, 3, 'one request and two retries');
    } finally {
      env.arm.faults.clear();
    }
  });

  it('settings come from publish.serviceCatalog in the offer; flags win; missing ones are usage errors', async () => {
    const own = await copyExampleOffer(join(await tempDir(), 'own'));
    const yaml = await readFile(join(own, 'offer.yaml'), 'utf8');
    const section = `publish:\n  serviceCatalog:\n    subscription: ${env.subscription}\n    resourceGroup: rg-from-offer\n    location: northeurope\n    storageAccount: ${env.azurite.account.name}\n`;
    const withoutPublish = yaml.replace(/^publish:\n(?:[ #].*\n|\n)*/m, '');
    assert.ok(!/^publish:/m.test(withoutPublish));
    await writeFile(join(own, 'offer.yaml'), withoutPublish + section);
    const base = ['publish', own, '--cloud-config', env.cloudConfigFile, '--retry-delay', '50', '--plan', 'starter', '--json'];
    const r = await runOfferkit(env, base);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(env.arm.definition(env.subscription, 'rg-from-offer', 'contoso-mail-insights-starter')?.location, 'northeurope');
    const flagged = await runOfferkit(env, [...base, '--resource-group', 'rg-from-flag']);
    assert.equal(flagged.code, 0, flagged.stderr);
    assert.ok(env.arm.definition(env.subscription, 'rg-from-flag', 'contoso-mail-insights-starter'));
    const missing = await runOfferkit(env, ['publish', offer, '--cloud-config', env.cloudConfigFile, '--resource-group', RG, '--location', LOCATION, '--inline']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No subscription: pass --subscription/);
    const plain = await writeOffer(BASE_OFFER);
    const noDelivery = await runOfferkit(env, ['publish', plain, ...env.azureArgs, '--resource-group', RG, '--location', LOCATION]);
    assert.equal(noDelivery.code, 2);
    assert.match(noDelivery.stderr, /--storage-account <name>, --package-url <https url> or --inline/);
  });

  it('never prints a SAS signature, account key, client secret or token', async () => {
    const outputs: string[] = [];
    const keep = (r: { stdout: string; stderr: string }) => outputs.push(r.stdout, r.stderr);
    keep(await runOfferkit(env, publishArgs(env, offer, ['--storage-account-key', env.azurite.account.key], 'rg-secrets')));
    keep(await runOfferkit(env, publishArgs(env, offer, ['--json'], 'rg-secrets-2')));
    env.arm.faults.add({ method: 'PUT', path: /applicationDefinitions/i, times: 100, fault: { kind: 'status', status: 500 } });
    const failing = await runOfferkit(env, publishArgs(env, offer, ['--storage-account-key', env.azurite.account.key, '--max-retries', '1'], 'rg-secrets-3'));
    env.arm.faults.clear();
    assert.equal(failing.code, 1);
    keep(failing);
    const show = await runOfferkit(env, ['definitions', 'show', 'contoso-mail-insights-starter', ...env.azureArgs, '--resource-group', 'rg-secrets']);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /sig=\*\*\*/, 'the SAS is shown redacted');
    keep(show);
    const all = outputs.join('\n');
    assert.ok(!all.includes(env.principal.clientSecret), 'client secret');
    assert.ok(!all.includes(env.azurite.account.key), 'account key');
    assert.doesNotMatch(all, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'JWT');
    assert.doesNotMatch(all, /sig=(?!\*\*\*)/, 'SAS signature');
  });
});
