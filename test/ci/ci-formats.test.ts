// The formats CI systems read: workflow commands (GitHub), logging commands (Azure Pipelines), JUnit, SARIF
// (checked against the OASIS 2.1.0 schema), the Markdown summary, and --max-warnings, --sarif, --junit,
// --summary and --report-root on the command line.

import assert from 'node:assert/strict';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { formatAzurePipelines } from '../../src/format/azure-pipelines.js';
import { formatGithub } from '../../src/format/github.js';
import { formatJunit } from '../../src/format/junit.js';
import { formatStylish } from '../../src/format/stylish.js';
import { formatSummary } from '../../src/format/summary.js';
import { RULES } from '../../src/validate/rules/index.js';
import { copyExampleOffer, EXAMPLE_OFFER, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { parseWorkflowCommands } from './github-runner.js';
import { sarifSchemaErrors } from './sarif-schema.js';

const corpus = findConformanceDir(ROOT);

const hostile: Diagnostic = {
  code: 'some-rule',
  severity: 'error',
  message: 'Line one, with: colon 100% sure\nline two ##vso[task.setvariable variable=PWNED]1 ::set-env name=X::y \u001b[31mred\u001b[0m',
  file: 'offers/a,b:c/mainTemplate.json',
  line: 3,
  column: 7,
  armTtk: 'Some-Rule',
  armTtkLevel: 'warning',
  hint: 'Do <this> & "that".',
};

/** A package with warnings only (unbounded text box regex, unused parameters, no pid- deployment). */
async function warningPackage(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const template = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, name: { type: 'string' } }, resources: [], outputs: {} };
  const ui = {
    $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',
    handler: 'Microsoft.Azure.CreateUIDef',
    version: '0.1.2-preview',
    parameters: { basics: [{ name: 'name', type: 'Microsoft.Common.TextBox', label: 'Name', toolTip: 'The name, lower case.', constraints: { required: true, regex: '^[a-z]+$', validationMessage: 'Lower case letters only.' } }], steps: [], outputs: { location: '[location()]', name: "[basics('name')]" } },
  };
  await writeFile(join(dir, 'mainTemplate.json'), JSON.stringify(template, null, 2));
  await writeFile(join(dir, 'createUiDefinition.json'), JSON.stringify(ui, null, 2));
}

describe('CI formats', function () {
  this.timeout(90000);

  describe('github workflow commands', () => {
    it('one command per finding, properties and message escaped so the runner reads them back exactly', () => {
      const out = formatGithub([hostile, { code: 'n', severity: 'info', message: 'a note', file: 'x.json' }, { code: 'w', severity: 'warning', message: 'no position' }]);
      const lines = out.trimEnd().split('\n');
      assert.equal(lines.length, 4, 'three commands and the count line');
      const [error, note, warning] = parseWorkflowCommands(out).sort((a, b) => a.level.localeCompare(b.level));
      assert.equal(error.level, 'error');
      assert.equal(error.file, 'offers/a,b:c/mainTemplate.json');
      assert.equal(error.line, 3);
      assert.equal(error.col, 7);
      assert.equal(error.title, 'some-rule (Some-Rule)');
      assert.match(error.message, /^Line one, with: colon 100% sure\nline two/);
      assert.match(error.message, /arm-ttk: warning$/);
      assert.ok(!error.message.includes('\u001b'), 'escape sequences are shown, not sent');
      assert.equal(note.level, 'notice');
      assert.equal(warning.level, 'warning');
      assert.equal(warning.file, undefined);
      for (const l of lines.slice(0, 3)) assert.match(l, /^::(error|warning|notice) /);
      assert.equal(lines.filter((l) => l.startsWith('::')).length, 3, 'no message starts a command line of its own');
    });
  });

  describe('azure pipelines logging commands', () => {
    it('logissue per error and warning with source path, line, column and code; no text can start another command', () => {
      const out = formatAzurePipelines([hostile, { code: 'w', severity: 'warning', message: 'semi;colon ]bracket', file: 'p/x.json', line: 1 }, { code: 'n', severity: 'info', message: 'a note ##vso[task.complete result=Failed]', file: 'x.json' }]);
      const lines = out.trimEnd().split('\n');
      assert.equal(lines.length, 4);
      const issues = lines.filter((l) => l.includes('##vso['));
      assert.equal(issues.length, 2, 'only the two issues carry a logging command');
      for (const l of issues) {
        assert.equal(l.indexOf('##vso['), 0);
        assert.equal(l.lastIndexOf('##vso['), 0, `one command per line: ${l}`);
      }
      assert.match(issues[0], /^##vso\[task\.logissue type=error;sourcepath=offers\/a,b:c\/mainTemplate\.json;linenumber=3;columnnumber=7;code=some-rule;\]Line one/);
      assert.match(issues[0], /100%AZP25 sure%0Aline two/);
      assert.match(issues[1], /^##vso\[task\.logissue type=warning;sourcepath=p\/x\.json;linenumber=1;code=w;\]semi;colon \]bracket/);
      assert.match(lines[2], /^note x\.json: a note # #vso\[/);
      assert.ok(!out.includes('\u001b'));
    });
  });

  describe('junit', () => {
    it('a suite per file, a failed case per error, a passing case for clean files; XML-escaped', () => {
      const xml = formatJunit([hostile, { code: 'w', severity: 'warning', message: 'careful', file: 'b.json', line: 2 }], ['a.json', 'b.json', 'offers/a,b:c/mainTemplate.json']);
      assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="offerkit" tests="3" failures="1" errors="0">/);
      assert.match(xml, /<testsuite name="a\.json" tests="1" failures="0"/);
      assert.match(xml, /<testsuite name="b\.json" tests="1" failures="0"[\s\S]*<system-out>warning w b\.json:2: careful<\/system-out>/);
      assert.match(xml, /<failure message="Line one[^"]*" type="Some-Rule">/);
      assert.match(xml, /Do &lt;this&gt; &amp; &quot;that&quot;\./);
      // eslint-disable-next-line no-control-regex -- control characters are what this looks for
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml), 'no characters XML 1.0 forbids');
    });
  });

  describe('terminal output', () => {
    it('stylish shows control characters and bidi overrides as text', () => {
      const out = formatStylish([{ ...hostile, message: 'evil \u001b]0;title\u0007 \u202etxt.exe' }], { color: false });
      // eslint-disable-next-line no-control-regex -- control characters are what this looks for
      assert.ok(!/[\u001b\u0007\u202e]/.test(out));
      assert.match(out, /\\u\{1b\}\]0;title\\u\{7\} \\u\{202e\}txt\.exe/);
    });
  });

  describe('job summary', () => {
    it('per item: findings by severity, packages with size and sha256, first errors listed', () => {
      const md = formatSummary({
        title: 'offerkit build',
        items: [{ name: 'contoso|x', path: 'offers/x', diagnostics: [hostile, { code: 'w', severity: 'warning', message: 'w' }], packages: [{ plan: 'basic', version: '1.0.0', path: 'dist/x/basic/app.zip', size: 12345, sha256: 'ab'.repeat(32) }] }],
      });
      assert.match(md, /^## offerkit build\n\n❌ 1 error, 1 warning in 1 item\./);
      assert.match(md, /\| contoso\\\|x \(`offers\/x`\) \| 1 \| 1 \| 0 \|/);
      assert.match(md, /\| basic \| 1\.0\.0 \| `dist\/x\/basic\/app\.zip` \| 12,345 bytes \| `(ab){32}` \|/);
      assert.match(md, /### Errors\n\n- `offers\/a,b:c\/mainTemplate\.json:3` Line one/);
    });
  });

  describe('SARIF against the SARIF 2.1.0 schema', () => {
    it('the example offer, with the rule catalogue and arm-ttk properties', async () => {
      const r = await runCli(['validate', EXAMPLE_OFFER, '--format', 'sarif', '--verbose']);
      const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; name: string; helpUri: string; defaultConfiguration: { level: string }; properties?: { armTtk?: string } }[] } } }[] };
      assert.deepEqual(sarifSchemaErrors(log), []);
      const rules = log.runs[0].tool.driver.rules;
      const rule = rules.find((x) => x.id === 'textboxes-are-well-formed')!;
      assert.equal(rule.name, 'Textboxes-Are-Well-Formed');
      assert.equal(rule.properties?.armTtk, 'Textboxes-Are-Well-Formed');
      assert.match(rule.helpUri, /^https:\/\/.*rules\.md#textboxes-are-well-formed$/);
      for (const r of RULES) assert.equal(rules.find((x) => x.id === r.id)?.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[r.defaultSeverity], r.id);
      assert.equal(rules.filter((x) => x.properties?.armTtk).length, 49, 'every arm-ttk rule says which one it is');
    });

    it('a published package with many findings: every arm-ttk finding carries armTtkLevel', async function () {
      if (!corpus) {
        console.log('      (../shared/conformance is absent: skipped)');
        this.skip();
      }
      const dir = await tempDir();
      await cp(join(corpus, 'samples', 'Azure-azure-managedapp-samples__201-managed-web-app'), join(dir, 'pkg'), { recursive: true });
      const r = await runCli(['validate', 'pkg', '--format', 'sarif', '--verbose'], { cwd: dir });
      const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; properties?: { armTtk?: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; properties?: { armTtk?: string; armTtkLevel?: string } }[] }[] };
      assert.deepEqual(sarifSchemaErrors(log), []);
      const run = log.runs[0];
      assert.ok(run.results.length > 5);
      const armTtkRules = new Set(run.tool.driver.rules.filter((x) => x.properties?.armTtk).map((x) => x.id));
      const failing = run.results.filter((x) => armTtkRules.has(x.ruleId) && x.properties?.armTtkLevel === 'error');
      assert.ok(failing.length > 0, 'findings arm-ttk fails on say so');
      for (const res of run.results) {
        assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
        if (res.properties?.armTtkLevel) assert.ok(armTtkRules.has(res.ruleId));
      }
      const json = JSON.parse((await runCli(['validate', 'pkg', '--format', 'json'], { cwd: dir })).stdout) as { diagnostics: Diagnostic[] };
      assert.ok(json.diagnostics.some((d) => d.armTtkLevel === 'error' && d.armTtk));
    });

    it('hostile text in findings still makes a valid log', async () => {
      const dir = await tempDir();
      await writeFile(join(dir, 'mainTemplate.json'), '{"$schema": "\u0000\u001b[2J", "resources": [ {"type": "x\u202e", "name": "\\u0000"} ], "resources": 1 ');
      const r = await runCli(['validate', 'mainTemplate.json', '--format', 'sarif'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.deepEqual(sarifSchemaErrors(JSON.parse(r.stdout)), []);
    });
  });

  describe('command line', () => {
    let dir: string;
    before(async () => {
      dir = await tempDir();
      await warningPackage(join(dir, 'repo', 'pkgs', 'warn'));
    });

    it('--max-warnings: more warnings than allowed fail the run (exit 1), said on stderr; stdout stays the format', async () => {
      const cwd = join(dir, 'repo');
      const within = await runCli(['validate', 'pkgs/warn', '--max-warnings', '10'], { cwd });
      assert.equal(within.code, 0, within.stdout);
      const over = await runCli(['validate', 'pkgs/warn', '--max-warnings', '0', '--format', 'json'], { cwd });
      assert.equal(over.code, 1);
      const report = JSON.parse(over.stdout) as { summary: { warning: number } };
      assert.ok(report.summary.warning >= 3);
      assert.match(over.stderr, new RegExp(`${report.summary.warning} warnings, more than --max-warnings 0 allows`));
      const exact = await runCli(['validate', 'pkgs/warn', '--max-warnings', String(report.summary.warning)], { cwd });
      assert.equal(exact.code, 0);
      for (const bad of ['-1', '1.5', 'many']) {
        const r = await runCli(['validate', 'pkgs/warn', '--max-warnings', bad], { cwd });
        assert.equal(r.code, 2, `--max-warnings ${bad}`);
      }
    });

    it('--sarif, --junit and --summary write their files beside the chosen output; --report-root names files from the repository root', async () => {
      const cwd = join(dir, 'repo', 'pkgs');
      await writeFile(join(dir, 'summary.md'), '## an earlier step\n');
      const r = await runCli(['validate', 'warn', '--format', 'github', '--sarif', '../out/r.sarif', '--junit', '../out/r.xml', '--summary', join(dir, 'summary.md'), '--report-root', '..'], { cwd });
      assert.equal(r.code, 0, r.stderr);
      const annotations = parseWorkflowCommands(r.stdout);
      assert.ok(annotations.length >= 3);
      assert.ok(annotations.length > 0 && annotations.every((a) => a.file?.startsWith('pkgs/warn/')), JSON.stringify(annotations.map((a) => a.file)));
      const sarif = JSON.parse(await readFile(join(dir, 'repo', 'out', 'r.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      assert.deepEqual(sarifSchemaErrors(sarif), []);
      assert.ok(sarif.runs[0].results.length > 0 && sarif.runs[0].results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('pkgs/warn/')));
      const junit = await readFile(join(dir, 'repo', 'out', 'r.xml'), 'utf8');
      assert.match(junit, /<testsuite name="pkgs\/warn\/mainTemplate\.json" tests="1" failures="0"/);
      const summary = await readFile(join(dir, 'summary.md'), 'utf8');
      assert.match(summary, /^## an earlier step\n## offerkit validate\n\n✅ 0 errors, \d+ warnings in 1 item\./, 'appended, not replaced');
    });

    it('two reports naming the same file, or a report path that is a folder, are usage errors that write nothing', async () => {
      const cwd = join(dir, 'repo');
      const same = await runCli(['validate', 'pkgs/warn', '--sarif', 'x.out', '--junit', 'x.out'], { cwd });
      assert.equal(same.code, 2);
      assert.match(same.stderr, /--sarif and --junit name the same file/);
      const folder = await runCli(['validate', 'pkgs/warn', '--summary', 'pkgs'], { cwd });
      assert.equal(folder.code, 2);
      assert.match(folder.stderr, /not a regular file/);
    });

    it('a report never replaces an input: not a file given to validate, nothing inside an offer being built', async () => {
      const cwd = join(dir, 'repo');
      const json = join(cwd, 'pkgs', 'warn', 'mainTemplate.json');
      const before = await readFile(json, 'utf8');
      const v = await runCli(['validate', json, '--junit', json], { cwd });
      assert.equal(v.code, 2, v.stdout + v.stderr);
      assert.match(v.stderr, /--junit .*mainTemplate\.json is inside the file given to validate/);
      assert.equal(await readFile(json, 'utf8'), before, 'the input is untouched');
      const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
      const b = await runCli(['build', offer, '--out', join(await tempDir(), 'dist'), '--sarif', join(offer, 'offer.yaml')]);
      assert.equal(b.code, 2, b.stdout + b.stderr);
      assert.match(b.stderr, /--sarif .*offer\.yaml is inside the offer folder/);
      assert.match(await readFile(join(offer, 'offer.yaml'), 'utf8'), /^# yaml-language-server/);
    });

    it('build --format azure-pipelines --junit: issues as logging commands, a JUnit file, packages listed', async () => {
      const out = join(dir, 'dist');
      const r = await runCli(['build', EXAMPLE_OFFER, '--out', out, '--format', 'azure-pipelines', '--junit', join(dir, 'build.xml')]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^offerkit: 0 errors, 0 warnings/m);
      assert.equal((r.stdout.match(/^built contoso-mail-insights\/\w+ v[\d.]+: .*app\.zip \(\d+ bytes, sha256 [0-9a-f]{64}\)$/gm) ?? []).length, 3);
      const junit = await readFile(join(dir, 'build.xml'), 'utf8');
      assert.match(junit, /<testsuite name="offers\/contoso-mail-insights\/offer\.yaml" tests="1" failures="0"/);
    });
  });
});
