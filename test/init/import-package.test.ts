// offerkit init --from <package>: the new offer builds back what the package holds. Its JSON templates render
// to the same JSON, every other file is byte for byte the same, and what no package holds is a marked
// placeholder that validate --target marketplace reports.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { handlebarsSafeJson, importPackage } from '../../src/import/import-package.js';
import { runOfferPipeline } from '../../src/pipeline/offer-pipeline.js';
import { inspectPackageBuffer } from '../../src/package/inspect-package.js';
import { parseJsonSource } from '../../src/util/json-source.js';
import { priceFromText, priceText } from '../../src/package-model/schedule-text.js';
import { writeDeterministicZip } from '../../src/package/zip-write.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { parseJson, type BuildJson } from '../helpers/json.js';

const jsonOf = (bytes: Buffer) => parseJsonSource(bytes.toString('utf8').replace(/^\uFEFF+/, '')).value;

/** Imports `source` and renders the new offer; returns the rendered package files and the source's. */
async function roundTrip(source: Map<string, Buffer>, from: string) {
  const dir = join(await tempDir(), 'imported');
  const imported = await importPackage(dir, from, { id: 'imported-offer' });
  const r = await runOfferPipeline(dir);
  const plan = r.rendered[0];
  assert.ok(plan, `${from}: the imported offer renders (${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))})`);
  for (const [name, bytes] of source) {
    if (name.toLowerCase() === 'readme.md') continue;
    const canonical = ['maintemplate.json', 'createuidefinition.json'].includes(name.toLowerCase()) ? (name.toLowerCase() === 'maintemplate.json' ? 'mainTemplate.json' : 'createUiDefinition.json') : name;
    const built = plan.files.get(canonical);
    assert.ok(built, `${from}: ${name} is in the built package`);
    if (canonical === 'mainTemplate.json' || canonical === 'createUiDefinition.json') assert.deepEqual(jsonOf(built), jsonOf(bytes), `${from}: ${name} renders to the same JSON`);
    else assert.ok(built.equals(bytes), `${from}: ${name} is byte for byte the same`);
  }
  return { dir, imported, rendered: r };
}

describe('offerkit init --from a package', function () {
  this.timeout(120000);

  it('JSON text keeps its value and has nothing handlebars would read (test/hostile/import-round-trip.test.ts has the rest)', () => {
    const text = '{ "a": "x {{y}} \\\\{{z}} {{{w}}}", "b": [{ "c": "{" }] /* {{ */ }';
    const safe = handlebarsSafeJson(text);
    assert.deepEqual(Handlebars.parse(safe).body.filter((s) => s.type !== 'ContentStatement'), [], 'text only');
    assert.deepEqual(parseJsonSource(Handlebars.compile(safe)({})).value, parseJsonSource(text).value);
  });

  it('the example\'s own app.zip: builds back, README becomes the description, placeholders are reported for the marketplace', async () => {
    const out = join(await tempDir(), 'dist');
    assert.equal((await runCli(['build', join(ROOT, 'offers', 'contoso-mail-insights'), '--out', out, '--plan', 'standard'])).code, 0);
    const zipPath = join(out, 'contoso-mail-insights', 'standard', 'app.zip');
    const pkg = inspectPackageBuffer(await readFile(zipPath), 'app.zip');
    const { dir, imported } = await roundTrip(pkg.contents, zipPath);
    assert.ok(imported.notes.some((n) => n.includes('README.md becomes the offer\'s description.md')));
    assert.equal(await readFile(join(dir, 'description.md'), 'utf8'), pkg.contents.get('README.md')!.toString('utf8'));
    const v = await runCli(['validate', dir, '--target', 'marketplace', '--format', 'json']);
    const placeholders = parseJson<BuildJson>(v.stdout).diagnostics.filter((d) => d.code === 'marketplace-listing' && d.message.includes('TODO(offerkit)'));
    // offerkit's README gives support, privacy address and purposes back; what no package holds stays a placeholder.
    for (const where of ['plans.0.description']) assert.ok(placeholders.some((d) => d.message.startsWith(where)), `${where} is reported (${placeholders.map((d) => d.message).join(' | ')})`);
    const b = await runCli(['build', dir, '--out', join(await tempDir(), 'again'), '--json']);
    assert.equal(b.code, 0, b.stdout + b.stderr);
    // What the copy activities request became requiredData, so the consent views and rules work at once;
    // the plan keeps its version; compared with the source, the data asked of the customer does not change.
    const offer = parseYaml(await readFile(join(dir, 'offer.yaml'), 'utf8')) as { requiredData: { dataset: string; columns: string[] }[]; plans: { version: string }[] };
    const example = parseYaml(await readFile(join(ROOT, 'offers', 'contoso-mail-insights', 'offer.yaml'), 'utf8')) as { requiredData: { dataset: string; columns: string[] }[] };
    assert.deepEqual(offer.requiredData.map((d) => [d.dataset, d.columns]), example.requiredData.map((d) => [d.dataset, d.columns]));
    assert.equal(offer.plans[0].version, '1.2.0');
    const changes = await runCli(['changes', dir, '--since', zipPath, '--format', 'json']);
    const plans = parseJson<{ offers: { plans: { plan: string; changes: { group: string }[]; reapproval: boolean }[] }[] }>(changes.stdout).offers[0].plans;
    assert.ok(plans.length > 0, changes.stdout);
    for (const p of plans) {
      assert.deepEqual(p.changes, [], `${p.plan}: no change for the customer (data, policies, publisher access, price)`);
      assert.equal(p.reapproval, false);
    }
    // The definition beside the zip and offerkit's README line carried the rest.
    const yaml = parseYaml(await readFile(join(dir, 'offer.yaml'), 'utf8')) as { displayName: string; publisher: { name: string }; management: { lockLevel: string }; policies: unknown[]; regions: { allowed: string[] }; plans: { displayName: string; price: unknown }[] };
    assert.equal(yaml.displayName, 'Contoso Mail Insights');
    assert.equal(yaml.publisher.name, 'Contoso Analytics Ltd.');
    assert.equal(yaml.plans[0].displayName, 'Standard');
    assert.deepEqual(yaml.plans[0].price, { model: 'perUser', amount: 3, currency: 'USD', billingTerm: 'month' });
    assert.equal(yaml.management.lockLevel, 'ReadOnly');
    assert.deepEqual(yaml.regions.allowed, ['westeurope', 'northeurope', 'uksouth']);
    assert.equal(yaml.policies.length, 6);
    // offerkit's README holds what no definition does: the terms as written, the install time, schedule and storage.
    assert.equal(await readFile(join(dir, 'terms.md'), 'utf8'), (await readFile(join(ROOT, 'offers', 'contoso-mail-insights', 'terms.md'), 'utf8')).trim() + '\n');
    const back = yaml as unknown as { schedule: unknown; sink: unknown; plans: { inputs?: unknown }[] };
    const source = example as unknown as { schedule: unknown; sink: { kind: string; format: string; container: string } };
    assert.deepEqual(back.schedule, source.schedule);
    assert.deepEqual(back.sink, { kind: source.sink.kind, format: source.sink.format, container: source.sink.container });
    assert.deepEqual(back.plans[0].inputs, { retentionDays: 90 });
    assert.match(await readFile(join(dir, 'template', 'templateset.yaml'), 'utf8'), /^installMinutes: 15$/m);
    const full = parseYaml(await readFile(join(dir, 'offer.yaml'), 'utf8')) as { support: unknown; privacyUrl: string; requiredData: { purpose: string }[]; management: { jitAccess: unknown } };
    const original = example as unknown as { support: unknown; privacyUrl: string; requiredData: { purpose: string }[]; management: { jitAccess: unknown } };
    assert.deepEqual(full.support, original.support);
    assert.equal(full.privacyUrl, original.privacyUrl);
    assert.deepEqual(full.requiredData.map((d) => d.purpose.trim()), original.requiredData.map((d) => d.purpose.trim()));
    assert.deepEqual(full.management.jitAccess, original.management.jitAccess);
  });

  it('prices read back from their text, every model, term and currency offerkit writes', () => {
    const prices = [
      { model: 'flat', amount: 490, currency: 'USD', billingTerm: 'month' },
      { model: 'perUser', amount: 1.5, currency: 'EUR', billingTerm: 'month' },
      { model: 'flat', amount: 300, currency: 'JPY', billingTerm: 'year' },
      { model: 'perUser', amount: 2.4, currency: 'GBP', billingTerm: 'year' },
      { model: 'flat', amount: 1200, currency: 'CHF', billingTerm: 'month' },
    ] as const;
    for (const p of prices) assert.deepEqual(priceFromText(priceText(p)), p, priceText(p));
    assert.equal(priceFromText('Free')?.model, 'free');
    assert.equal(priceFromText('about three dollars'), undefined);
  });

  it('a zip from another tool: folder entries, a BOM, CRLF scripts kept byte for byte', async () => {
    const files = new Map<string, Buffer>([
      ['mainTemplate.json', Buffer.from('\uFEFF{\r\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\r\n  "contentVersion": "2.3.4.0",\r\n  "parameters": { "location": { "type": "string", "defaultValue": "[resourceGroup().location]" } },\r\n  "resources": [],\r\n  "outputs": { "note": { "type": "string", "value": "{{not handlebars}}" } }\r\n}\r\n')],
      ['createUiDefinition.json', Buffer.from(JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps: [], outputs: { location: '[location()]' } } }))],
      ['scripts/setup.sh', Buffer.from('#!/bin/sh\r\necho "{{ not a template }}"\r\n')],
      ['nestedtemplates/storage.json', Buffer.from('{\r\n  "resources": []\r\n}\r\n')],
    ]);
    const zip = join(await tempDir(), 'other-tool.zip');
    await (await import('node:fs/promises')).writeFile(zip, await writeDeterministicZip(files));
    const { rendered } = await roundTrip(files, zip);
    assert.equal(rendered.rendered[0].plan.version, '2.3.4', 'the plan version comes from contentVersion');
  });

  it('a package folder with definition.json: its properties carried, a secret in an endpoint left out, an unknown policy named', async () => {
    const folder = join(await tempDir(), 'pkg');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'mainTemplate.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: {}, resources: [] }));
    await writeFile(join(folder, 'createUiDefinition.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps: [], outputs: {} } }));
    await writeFile(join(folder, 'definition.json'), JSON.stringify({
      displayName: 'Fabrikam Backup (Premium)', description: 'Backups in your subscription.', lockLevel: 'CanNotDelete',
      authorizations: [{ principalId: '11111111-2222-4333-8444-555555555555', roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }],
      policies: [
        { name: 'tls', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/fe83a0eb-a853-422d-aac2-1bffd182c5d0', parameters: '{"effect":{"value":"Deny"},"minimumTlsVersion":{"value":"TLS1_2"}}' },
        { name: 'custom', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/00000000-aaaa-4bbb-8ccc-000000000000', parameters: '{}' },
      ],
      notificationPolicy: { notificationEndpoints: [{ uri: 'https://hooks.fabrikam.example/managedapp?sig=SECRETSIGNATURE&sv=2024' }] },
    }));
    const dir = join(await tempDir(), 'fabrikam');
    const r = await importPackage(dir, folder, { id: 'fabrikam-backup' });
    const text = await readFile(join(dir, 'offer.yaml'), 'utf8');
    assert.doesNotMatch(text, /SECRETSIGNATURE|sig=/, 'no secret reaches offer.yaml');
    const yaml = parseYaml(text) as { displayName: string; summary: string; management: { lockLevel: string; notificationEndpoints: string[] }; policies: unknown[]; plans: { displayName: string }[] };
    assert.deepEqual([yaml.displayName, yaml.plans[0].displayName, yaml.summary, yaml.management.lockLevel], ['Fabrikam Backup', 'Premium', 'Backups in your subscription.', 'CanNotDelete']);
    assert.deepEqual(yaml.management.notificationEndpoints, ['https://hooks.fabrikam.example/managedapp']);
    assert.deepEqual(yaml.policies, ['minimum-tls']);
    assert.ok(r.notes.some((n) => n.includes('00000000-aaaa-4bbb-8ccc-000000000000) is not in offerkit\'s policy library')), r.notes.join('\n'));
    assert.ok(r.notes.some((n) => n.includes('had a query (it may hold a secret)')));
    assert.doesNotMatch(JSON.stringify(r), /SECRETSIGNATURE/);
    await assert.rejects(readFile(join(dir, 'template', 'static', 'definition.json')), 'definition.json is not a package file');
  });

  it('--template with --from is a usage error, not a silent choice', async () => {
    const r = await runCli(['init', join(await tempDir(), 'x'), '--from', join(ROOT, 'offers', 'contoso-mail-insights'), '--template', 'minimal']);
    assert.equal(r.code, 2);
    assert.match(r.stderr + r.stdout, /--template and --from exclude each other/);
  });

  it('a folder that is not a package is refused, naming what is missing', async () => {
    const r = await runCli(['init', join(await tempDir(), 'x'), '--from', join(ROOT, 'offers', 'contoso-mail-insights'), '--json']);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /is not a managed application package: mainTemplate\.json and createUiDefinition\.json are not at its root/);
  });

  const corpus = findConformanceDir(ROOT);
  it('every real package of the conformance corpus builds back: same JSON, same bytes', async function () {
    if (!corpus) {
      console.log('      (skipped: the conformance corpus ../shared/conformance is not present)');
      this.skip();
    }
    const samples = join(corpus, 'samples');
    const names = readdirSync(samples).sort();
    assert.equal(names.length, 32);
    for (const name of names) {
      const folder = join(samples, name);
      const files = new Map<string, Buffer>();
      const walk = async (rel: string) => {
        for (const e of readdirSync(join(folder, rel), { withFileTypes: true })) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.name.startsWith('.')) continue;
          if (e.isDirectory()) await walk(r);
          else files.set(r, await readFile(join(folder, r)));
        }
      };
      await walk('');
      await roundTrip(files, folder);
    }
  });
});
