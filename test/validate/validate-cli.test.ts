import assert from 'node:assert/strict';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { EXAMPLE_OFFER, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { parseJson } from '../helpers/json.js';

const corpus = findConformanceDir(ROOT);
const SAMPLE = 'samples/Azure-azure-managedapp-samples__201-managed-web-app';

interface Diag {
  code: string;
  severity: string;
  message: string;
  file: string;
  pointer?: string;
  line?: number;
  column?: number;
  armTtk?: string;
  docs?: string;
}

describe('offerkit validate', function () {
  this.timeout(60000);

  it('the example offer validates clean (exit 0) in every plan', async () => {
    const r = await runCli(['validate', EXAMPLE_OFFER, '--format', 'json']);
    assert.equal(r.code, 0, r.stdout);
    const report = JSON.parse(r.stdout) as { files: string[]; diagnostics: Diag[] };
    assert.ok(report.files.some((f) => f.endsWith('offer.yaml')));
    assert.equal(report.files.filter((f) => f.endsWith('mainTemplate.json')).length, 3);
    assert.deepEqual(report.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  describe('on a published package from the corpus', function () {
    let dir: string;
    before(async function () {
      if (!corpus) this.skip();
      dir = await tempDir();
      await cp(join(corpus, SAMPLE), join(dir, 'pkg'), { recursive: true });
    });

    it('json: every diagnostic carries code, arm-ttk name, severity, file, pointer, line, column and docs', async () => {
      const r = await runCli(['validate', 'pkg', '--format', 'json'], { cwd: dir });
      assert.equal(r.code, 1);
      const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Diag[] };
      const d = diagnostics.find((x) => x.armTtk === 'HideExisting-Must-Be-Correctly-Handled')!;
      assert.equal(d.code, 'hideexisting-must-be-correctly-handled');
      assert.equal(d.severity, 'error');
      assert.equal(d.file, 'pkg/createUiDefinition.json');
      assert.equal(typeof d.pointer, 'string');
      assert.ok(d.line! > 1 && d.column! > 1);
      assert.match(d.docs!, /rules\.md#hideexisting-must-be-correctly-handled$/);
      assert.ok(diagnostics.some((x) => x.file === 'pkg/nestedtemplates/managedVm.json'), 'nested templates are validated');
    });

    it('stylish: grouped by file with a passed/failed summary', async () => {
      const r = await runCli(['validate', 'pkg'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^pkg\/createUiDefinition\.json$/m);
      assert.match(r.stdout, /\d+ errors?, \d+ warnings? — \d+ files? passed, \d+ failed/);
    });

    it('sarif: a 2.1.0 log with the rule catalogue and located results', async () => {
      const r = await runCli(['validate', 'pkg', '--format', 'sarif'], { cwd: dir });
      const sarif = parseJson<{
        version: string;
        runs: { tool: { driver: { name: string; rules: { id: string; name: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
      }>(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'offerkit');
      assert.ok(run.tool.driver.rules.some((x) => x.name === 'Tooltips-Should-Be-Present'));
      const res = run.results.find((x) => x.ruleId === 'hideexisting-must-be-correctly-handled')!;
      assert.equal(res.level, 'error');
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'pkg/createUiDefinition.json');
      assert.ok(res.locations[0].physicalLocation.region.startLine > 1);
    });

    it('offerkit.config.json turns a rule off and changes another\'s level', async () => {
      await writeFile(join(dir, 'offerkit.config.json'), JSON.stringify({ rules: { 'HideExisting-Must-Be-Correctly-Handled': 'off', 'deploymenttemplate-must-not-contain-hardcoded-uri': 'warning' } }));
      try {
        const r = await runCli(['validate', 'pkg', '--format', 'json'], { cwd: dir });
        const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Diag[] };
        assert.ok(!diagnostics.some((d) => d.code === 'hideexisting-must-be-correctly-handled'));
        const hardcoded = diagnostics.filter((d) => d.code === 'deploymenttemplate-must-not-contain-hardcoded-uri');
        assert.ok(hardcoded.length > 0 && hardcoded.every((d) => d.severity === 'warning'));
        assert.equal(r.code, 0, 'no errors left');
      } finally {
        await writeFile(join(dir, 'offerkit.config.json'), '{}');
      }
    });

    it('an invalid configuration is a usage error with its position', async () => {
      await writeFile(join(dir, 'bad.yaml'), 'rules:\n  Tooltips-Should-Be-Present: loud\n');
      const r = await runCli(['validate', 'pkg', '--config', 'bad.yaml'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.yaml\n\s+2:\d+\s+error\s+The level of Tooltips-Should-Be-Present must be one of/);
    });

    it('single files are classified by $schema', async () => {
      const r = await runCli(['validate', 'pkg/createUiDefinition.json', '--format', 'json'], { cwd: dir });
      const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Diag[] };
      assert.ok(diagnostics.some((d) => d.code === 'hideexisting-must-be-correctly-handled'));
      assert.ok(!diagnostics.some((d) => d.code === 'outputs-must-be-present-in-template-parameters'), 'rules needing the main template are skipped');
    });
  });

  it('--provider-cache and --today drive the apiVersions rules', async function () {
    if (!corpus) this.skip();
    const dir = await tempDir();
    await writeFile(join(dir, 'mainTemplate.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2015-06-15', name: 'ip', location: 'global' }] }));
    const cache = join(corpus, 'cache', 'AllAzureResources.cache.json');
    const without = JSON.parse((await runCli(['validate', 'mainTemplate.json', '--format', 'json'], { cwd: dir })).stdout) as { diagnostics: Diag[] };
    assert.ok(without.diagnostics.some((d) => d.code === 'apiversions-should-be-recent' && d.severity === 'info' && d.message.includes('not checked')));
    const withCache = JSON.parse((await runCli(['validate', 'mainTemplate.json', '--format', 'json', '--provider-cache', cache, '--today', '2019-08-31'], { cwd: dir })).stdout) as { diagnostics: Diag[] };
    assert.ok(withCache.diagnostics.some((d) => d.code === 'apiversions-should-be-recent' && d.message.includes('days old')));
    const bad = await runCli(['validate', 'mainTemplate.json', '--today', 'yesterday'], { cwd: dir });
    assert.equal(bad.code, 2);
  });
});
