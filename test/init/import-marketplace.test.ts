// offerkit init --from marketplace against the emulated Partner Center: the example offer, published with its
// three plans, comes back as an offer folder that builds the same packages and that a dry-run publish finds
// up to date; a solution-template plan is named and left out; a plan whose package cannot be downloaded
// takes --package, and without it the import stops naming the plan.

import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { parseJson } from '../helpers/json.js';
import { inspectPackageFile } from '../../src/package/inspect-package.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { runOfferkit } from '../publish/helpers.js';
import { publishMarketplace, startMarketplaceEnv } from '../publish/marketplace-helpers.js';

interface ImportJson { dir: string; id: string; files: string[]; notes: string[] }

describe('offerkit init --from marketplace', function () {
  this.timeout(240000);
  let env: PublishEnv;
  let original: string;
  let originalDist: string;

  before(async () => {
    env = await startMarketplaceEnv();
    original = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    const published = await publishMarketplace(env, original);
    assert.equal(published.code, 0, published.stdout + published.stderr);
    originalDist = join(await tempDir(), 'dist');
    const built = await runOfferkit(env, ['build', original, '--out', originalDist]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
  });
  after(() => env?.stop());

  const init = (dir: string, extra: string[]) => runOfferkit(env, ['init', dir, '--from', 'marketplace', '--cloud-config', env.cloudConfigFile, '--retry-delay', '50', '--timeout', '5', ...extra]);

  it('every plan comes back: the same packages, and publish --dry-run finds the offer up to date', async () => {
    const dir = join(await tempDir(), 'imported');
    const r = await init(dir, ['--offer-id', 'contoso-mail-insights', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /sig=|se=|sv=/, 'the download address (a SAS) is never shown');
    const result = parseJson<ImportJson>(r.stdout);
    assert.equal(result.id, 'contoso-mail-insights', 'the offer id is Partner Center\'s');
    assert.ok(result.notes.some((n) => n.includes('3 plans with 3 distinct packages')), result.notes.join('\n'));
    const yaml = await readFile(join(dir, 'offer.yaml'), 'utf8');
    assert.doesNotMatch(yaml, /sig=|127\.0\.0\.1|blob\.core|\/file\//, `nor written:\n${yaml}`);
    assert.doesNotMatch(yaml, /TODO\(offerkit\)/, `the listing (with its data section), prices and plans leave nothing to fill in:\n${yaml}`);
    for (const plan of ['starter', 'standard', 'enterprise']) assert.match(yaml, new RegExp(`- id: ${plan}$`, 'm'));

    // Partner Center holds no notification endpoint: the import names it, and the user adds it back.
    assert.ok(result.notes.some((n) => n.includes('add management.notificationEndpoints')), result.notes.join('\n'));
    await writeFile(join(dir, 'offer.yaml'), yaml.replace(/^management:\n/m, 'management:\n  notificationEndpoints:\n    - https://contoso-analytics.example.com/api/managedapp-events\n'));

    // Built again, each plan's package is the same: JSON equal as JSON, the rest byte for byte.
    const dist = join(await tempDir(), 'dist');
    const built = await runOfferkit(env, ['build', dir, '--out', dist]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    for (const plan of await readdir(join(originalDist, 'contoso-mail-insights'))) {
      const a = await inspectPackageFile(join(originalDist, 'contoso-mail-insights', plan, 'app.zip'), 'original');
      const b = await inspectPackageFile(join(dist, 'contoso-mail-insights', plan, 'app.zip'), 'imported');
      assert.deepEqual([...b.contents.keys()].sort(), [...a.contents.keys()].sort(), plan);
      for (const [name, bytes] of a.contents) {
        const other = b.contents.get(name)!;
        if (name.endsWith('.json')) assert.deepEqual(JSON.parse(other.toString('utf8')), JSON.parse(bytes.toString('utf8')), `${plan}/${name}`);
        else assert.equal(other.toString('utf8'), bytes.toString('utf8'), `${plan}/${name}`);
      }
    }

    // What Partner Center holds is what the imported offer would publish.
    const dry = await publishMarketplace(env, dir, ['--dry-run']);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.deepEqual(dry.report.changes, [], JSON.stringify(dry.report.changes, null, 1));
    assert.equal(dry.report.upToDate, true);
  });

  it('a solution-template plan is named and left out; a plan without a downloadable package needs --package', async () => {
    const pc = env.partnerCenter!;
    const product = [...pc.products.values()].find((p) => p.offerId === 'contoso-mail-insights')!;
    product.variants.push({ resourceType: 'AzureSkuVariant', id: 'st-plan-id', externalID: 'vm-template', friendlyName: 'VM template', subType: 'solution-template' });
    pc.offerDownloads = false;
    try {
      const refused = await init(join(await tempDir(), 'no-package'), ['--offer-id', 'contoso-mail-insights']);
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /Partner Center offers no download of plan (starter|standard|enterprise)'s package/);
      assert.match(refused.stderr, /--package (starter|standard|enterprise)=<app\.zip>/);
    } finally {
      pc.offerDownloads = true;
    }
    const dir = join(await tempDir(), 'with-package');
    const given = join(originalDist, 'contoso-mail-insights', 'standard', 'app.zip');
    const r = await init(dir, ['--offer-id', 'contoso-mail-insights', '--package', `standard=${given}`, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const notes = parseJson<ImportJson>(r.stdout).notes;
    assert.ok(notes.some((n) => n.includes('Plan vm-template is a solution-template plan')), notes.join('\n'));
    assert.doesNotMatch(await readFile(join(dir, 'offer.yaml'), 'utf8'), /vm-template/);
    product.variants.pop();
  });

  it('an offer Partner Center does not have, and marketplace options without --from marketplace, are refused', async () => {
    const missing = await init(join(await tempDir(), 'x'), ['--offer-id', 'no-such-offer']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Partner Center has no offer no-such-offer/);
    const usage = await runOfferkit(env, ['init', join(await tempDir(), 'y'), '--from', original, '--offer-id', 'x']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--offer-id goes with --from marketplace/);
  });
});
