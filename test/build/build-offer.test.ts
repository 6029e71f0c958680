import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderAndValidateOffer as renderOffer } from '../../src/pipeline/offer-pipeline.js';
import { inspectPackageBuffer } from '../../src/package/inspect-package.js';
import { readCentralDirectory } from '../../src/package/zip-read.js';
import { copyExampleOffer, EXAMPLE_OFFER, runCli, tempDir } from '../helpers/cli.js';
import { BASE_OFFER, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';
import { parseJson, type BuildJson } from '../helpers/json.js';

/** Every file under a folder, relative path → bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.set(p.slice(dir.length + 1), await readFile(p));
  }
  return out;
}

/** All string values in a JSON document. */
function strings(value: unknown, acc: string[] = []): string[] {
  if (typeof value === 'string') acc.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, acc);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, acc);
  return acc;
}

describe('offerkit build', function () {
  this.timeout(60000);

  it('builds every plan of the example offer: app.zip, definition.json and README.md', async () => {
    const out = await tempDir();
    const r = await runCli(['build', EXAMPLE_OFFER, '--out', out, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = parseJson<BuildJson>(r.stdout);
    const plans = report.offers[0].plans.map((p) => p.plan);
    assert.deepEqual(plans, ['starter', 'standard', 'enterprise']);
    for (const p of report.offers[0].plans) {
      const dir = join(out, 'contoso-mail-insights', p.plan);
      assert.deepEqual((await readdir(dir)).sort(), ['.offerkit-manifest.json', 'README.md', 'app.zip', 'definition.json']);
      const zip = await readFile(join(dir, 'app.zip'));
      assert.equal(zip.length, p.size);
      const pkg = inspectPackageBuffer(zip, 'app.zip');
      assert.deepEqual(pkg.diagnostics, []);
      assert.equal(pkg.sha256, p.sha256);
      assert.deepEqual(pkg.entries.map((e) => e.name), ['README.md', 'createUiDefinition.json', 'mainTemplate.json', 'viewDefinition.json']);
      const def = parseJson<{ policies: unknown[] }>(await readFile(join(dir, 'definition.json'), 'utf8'));
      for (const key of ['displayName', 'description', 'lockLevel', 'authorizations', 'policies', 'deploymentPolicy', 'managementPolicy', 'isEnabled']) assert.ok(key in def, key);
      assert.ok(def.policies.length >= 2);
      const readme = await readFile(join(dir, 'README.md'), 'utf8');
      assert.match(readme, /## Data requested/);
      assert.equal(readme, pkg.contents.get('README.md')!.toString('utf8'));
    }
  });

  it('is byte-for-byte reproducible across runs and time zones', async () => {
    const a = await tempDir();
    const b = await tempDir();
    const ra = await runCli(['build', EXAMPLE_OFFER, '--out', a], { env: { TZ: 'UTC' } });
    const rb = await runCli(['build', EXAMPLE_OFFER, '--out', b], { env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8' } });
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    const sa = await snapshot(a);
    const sb = await snapshot(b);
    assert.equal(sa.size, 12, 'three plans × app.zip, definition.json, README.md and the manifest of what offerkit wrote');
    assert.deepEqual([...sa.keys()].sort(), [...sb.keys()].sort());
    for (const [name, bytes] of sa) assert.ok(bytes.equals(sb.get(name)!), `${name} differs between the two builds`);
    // What makes it so: sorted names, one fixed DOS timestamp (1980-01-01 00:00), mode 0644, LF only.
    const zip = sa.get(join('contoso-mail-insights', 'starter', 'app.zip'))!;
    const entries = readCentralDirectory(zip);
    assert.deepEqual(entries.map((e) => e.name), [...entries.map((e) => e.name)].sort());
    for (const e of entries) {
      assert.equal(zip.readUInt16LE(e.localHeaderOffset + 10), 0, 'DOS time 00:00:00');
      assert.equal(zip.readUInt16LE(e.localHeaderOffset + 12), (0 << 9) | (1 << 5) | 1, 'DOS date 1980-01-01');
      assert.equal(e.unixMode! & 0o777, 0o644);
    }
    const pkg = inspectPackageBuffer(zip, 'app.zip');
    for (const [name, bytes] of pkg.contents) assert.ok(!bytes.includes('\r'), `${name} has a CR`);
  });

  it('--dry-run renders and checks every plan but writes nothing', async () => {
    const out = join(await tempDir(), 'dist');
    const r = await runCli(['build', EXAMPLE_OFFER, '--out', out, '--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseJson<BuildJson>(r.stdout).offers[0].written, false);
    await assert.rejects(stat(out), { code: 'ENOENT' });
  });

  it('--plan builds only the named plans; an unknown one is an error naming the nearest', async () => {
    const out = await tempDir();
    const ok = await runCli(['build', EXAMPLE_OFFER, '--out', out, '--plan', 'standard']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(await readdir(join(out, 'contoso-mail-insights')), ['standard']);
    const bad = await runCli(['build', EXAMPLE_OFFER, '--out', out, '--plan', 'standrd', '--json']);
    assert.equal(bad.code, 1);
    const d = parseJson<BuildJson>(bad.stdout).diagnostics.find((x) => x.code === 'build-unknown-plan')!;
    assert.match(d.message, /Did you mean "standard"\?/);
    assert.ok(d.line! > 0 && d.column! > 0);
  });

  it('an error in any plan writes nothing and leaves the previous good build as it was', async () => {
    const work = await tempDir();
    const offer = await copyExampleOffer(join(work, 'offer'));
    const out = join(work, 'dist');
    assert.equal((await runCli(['build', offer, '--out', out])).code, 0);
    const before = await snapshot(out);
    const yaml = await readFile(join(offer, 'offer.yaml'), 'utf8');
    // The enterprise plan's retention becomes out of range: the other two plans are fine.
    const broken = yaml.replace(/(- id: enterprise[\s\S]*?retentionDays: )\d+/, '$199999');
    assert.notEqual(broken, yaml);
    await writeFile(join(offer, 'offer.yaml'), broken);
    const r = await runCli(['build', offer, '--out', out, '--json']);
    assert.equal(r.code, 1);
    const report = parseJson<BuildJson>(r.stdout);
    assert.equal(report.offers[0].written, false);
    const d = report.diagnostics.find((x) => x.severity === 'error')!;
    assert.ok(d.file!.endsWith('offer.yaml') && d.line! > 0, JSON.stringify(d));
    const after = await snapshot(out);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no temp files, nothing added or removed');
    for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${name} changed`);
  });

  it('a template that renders something other than JSON is reported at the rendered line', async () => {
    const dir = await writeOffer(replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'path: ./set'), {
      'set/templateset.yaml': 'name: broken\ndescription: renders bad JSON\nfiles:\n  mainTemplate.json: main.hbs\n  createUiDefinition.json: ui.hbs\ninstallMinutes: 1\ninputs: {}\n',
      'set/main.hbs': '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [ {{json offer.id}} {{json offer.displayName}} ]\n}\n',
      'set/ui.hbs': '{ "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#", "handler": "Microsoft.Azure.CreateUIDef", "version": "0.1.2-preview", "parameters": { "basics": [], "steps": [], "outputs": {} } }\n',
    });
    const out = join(await tempDir(), 'dist');
    const r = await runCli(['build', dir, '--out', out, '--json']);
    assert.equal(r.code, 1, r.stdout);
    const d = parseJson<BuildJson>(r.stdout).diagnostics.find((x) => x.code === 'render-invalid-json')!;
    assert.ok(d, r.stdout);
    assert.equal(d.line, 4);
    assert.match(d.message, /rendered line/);
    await assert.rejects(stat(out), { code: 'ENOENT' });
  });

  it('offer text with quotes, backslashes, braces, brackets and newlines comes out as the same strings', async () => {
    const name = 'Fixture "Offer" \\ {{x}} </script>';
    const purpose = 'Line one: "quoted" {{#each}}\nLine two [not an expression] \u2028 end';
    const yaml = replaceOnce(replaceOnce(BASE_OFFER, 'displayName: Fixture Offer', `displayName: ${JSON.stringify(name)}`), 'purpose: To count messages per sender.', `purpose: ${JSON.stringify(purpose)}`);
    const dir = await writeOffer(yaml);
    const r = await renderOffer(dir, ['basic']);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const plan = r.rendered[0];
    const ui = strings(plan.parsed.get('createUiDefinition.json')!.value);
    assert.ok(ui.includes(`Purpose: ${purpose}`), 'the purpose reaches the Data requested step unchanged');
    const view = strings(plan.parsed.get('viewDefinition.json')!.value);
    assert.ok(view.includes(name), 'the display name reaches the view definition unchanged');
    assert.ok(plan.readme!.includes(name));
  });

  it('builds every offer under offers/ when given no folder, and says when there is none', async () => {
    const work = await tempDir();
    await mkdir(join(work, 'offers'));
    await copyExampleOffer(join(work, 'offers', 'contoso-mail-insights'));
    await writeOffer(BASE_OFFER, {}, join(work, 'offers', 'fixture-offer'));
    const r = await runCli(['build', '--json'], { cwd: work });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(parseJson<BuildJson>(r.stdout).offers.map((o) => o.offer), ['contoso-mail-insights', 'fixture-offer']);
    assert.deepEqual((await readdir(join(work, 'dist'))).sort(), ['contoso-mail-insights', 'fixture-offer']);
    const empty = await tempDir();
    await mkdir(join(empty, 'offers'));
    const none = await runCli(['build'], { cwd: empty });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No offers to build/);
  });
});
