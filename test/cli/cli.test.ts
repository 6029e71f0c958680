import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { runCli, tempDir } from '../helpers/cli.js';
import { parseJson, type BuildJson } from '../helpers/json.js';

describe('offerkit CLI basics', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['init', 'build', 'inspect']) assert.match(r.stdout, new RegExp(`offerkit ${c}`));
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = parseJson<{ version: string }>(await readFile(join(process.cwd(), 'package.json'), 'utf8'));
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('an unknown command or option is a usage error (exit 2) with a suggestion', async () => {
    const r = await runCli(['biuld']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Did you mean build\?/);
    const o = await runCli(['build', '--no-such-option']);
    assert.equal(o.code, 2);
  });

  const missing: [string, string[]][] = [
    ['out', ['build', 'offers/contoso-mail-insights', '--dry-run', '--out']],
    ['format', ['validate', 'offers/contoso-mail-insights', '--format']],
    ['format', ['validate', 'offers/contoso-mail-insights', '--format', '--json']],
    ['max-warnings', ['validate', 'offers/contoso-mail-insights', '--max-warnings']],
    ['plan', ['build', 'offers/contoso-mail-insights', '--dry-run', '--plan']],
    ['sarif', ['validate', 'offers/contoso-mail-insights', '--sarif', '--verbose']],
  ];
  for (const [option, args] of missing) {
    it(`an option without its value is a usage error naming it: ${args.slice(2).join(' ')}`, async () => {
      const dir = await tempDir();
      const r = await runCli(args.map((a) => (a.startsWith('offers/') ? join(process.cwd(), a) : a)), { cwd: dir });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, new RegExp(`--${option} needs a value`));
      assert.equal(r.stdout, '', 'nothing ran');
    });
  }

  it('a flag without a value and an option with one still work', async () => {
    const r = await runCli(['validate', join(process.cwd(), 'offers', 'contoso-mail-insights'), '--verbose', '--format', 'json'], { cwd: await tempDir() });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout));
  });

  it('build with no offers folder is a usage error', async () => {
    const r = await runCli(['build'], { cwd: await tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No offer folders given/);
  });
});

describe('offerkit init', () => {
  for (const template of ['mgdc-adf', 'minimal']) {
    it(`creates a ${template} offer that builds as it is`, async () => {
      const work = await tempDir();
      const init = await runCli(['init', 'offers/new-offer', '--template', template], { cwd: work });
      assert.equal(init.code, 0, init.stderr);
      const yaml = await readFile(join(work, 'offers', 'new-offer', 'offer.yaml'), 'utf8');
      assert.match(yaml, /^# yaml-language-server: \$schema=.*schemas\/offer\.schema\.json/);
      const build = await runCli(['build', '--json'], { cwd: work });
      assert.equal(build.code, 0, build.stdout + build.stderr);
      const report = parseJson<BuildJson>(build.stdout);
      assert.equal(report.offers[0].offer, 'new-offer');
      assert.equal(report.offers[0].plans.length, 1);
    });
  }

  it('never overwrites an existing folder', async () => {
    const work = await tempDir();
    assert.equal((await runCli(['init', 'x-offer'], { cwd: work })).code, 0);
    const again = await runCli(['init', 'x-offer'], { cwd: work });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
  });

  it('refuses an unknown template set with a suggestion', async () => {
    const r = await runCli(['init', 'y-offer', '--template', 'minimall'], { cwd: await tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Did you mean "minimal"\?/);
  });
});
