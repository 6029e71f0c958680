// Hostile and broken input through `offerkit validate`: always a diagnostic with a position, never a
// crash or a hang.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeRepeated } from '../helpers/large-file.js';
import { makeZip, MINIMAL_PACKAGE } from '../helpers/make-zip.js';
import { cuid, tpl } from './rule-tester.js';

interface Report {
  diagnostics: { code: string; severity: string; message: string; file: string; line?: number; column?: number; pointer?: string }[];
}

/** Files by name: their content, or what writes it (a file too large to hold in the worker). */
async function validate(files: Record<string, string | Buffer | ((path: string) => Promise<void>)>, target = '.') {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    if (typeof content === 'function') await content(join(dir, name));
    else await writeFile(join(dir, name), content);
  }
  const r = await runCli(['validate', target, '--format', 'json'], { cwd: dir });
  assert.notEqual(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/);
  const report = JSON.parse(r.stdout) as Report;
  assert.ok(!report.diagnostics.some((d) => d.code === 'rule-crashed'), JSON.stringify(report.diagnostics.filter((d) => d.code === 'rule-crashed')));
  return { code: r.code, report };
}

const pkg = (main: unknown, ui: unknown = cuid()) => ({ 'mainTemplate.json': typeof main === 'string' ? main : JSON.stringify(main, null, 2), 'createUiDefinition.json': typeof ui === 'string' ? ui : JSON.stringify(ui, null, 2) });

describe('offerkit validate: bad input', function () {
  this.timeout(60000);

  it('truncated JSON: a syntax error at its line and column', async () => {
    const { code, report } = await validate(pkg('{\n  "$schema": "x",\n  "resources": [\n'));
    assert.equal(code, 1);
    const d = report.diagnostics.find((x) => x.code === 'jsonfiles-should-be-valid')!;
    assert.match(d.message, /Unexpected end of file/);
    assert.equal(d.file, 'mainTemplate.json');
    assert.equal(d.line, 4);
  });

  it('a BOM and comments are read as ARM reads them', async () => {
    const text = '\uFEFF' + JSON.stringify(tpl([], { parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } } }), null, 2).replace('"resources"', '// the resources\n  "resources"');
    const { report } = await validate(pkg(text));
    assert.ok(!report.diagnostics.some((d) => d.code === 'jsonfiles-should-be-valid'));
  });

  it('duplicate keys: an error at the second key', async () => {
    const { code, report } = await validate(pkg('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n"contentVersion": "1.0.0.0",\n"resources": [],\n"resources": []}'));
    assert.equal(code, 1);
    const d = report.diagnostics.find((x) => x.code === 'json-duplicate-keys')!;
    assert.deepEqual([d.line, d.column], [4, 1]);
  });

  it('10,000 levels of nesting: a diagnostic, no stack overflow', async () => {
    const { code, report } = await validate(pkg(`{"a": ${'['.repeat(10000)}${']'.repeat(10000)}}`));
    assert.equal(code, 1);
    assert.ok(report.diagnostics.some((d) => d.code === 'jsonfiles-should-be-valid' && d.message.includes('Nesting deeper') && d.line === 1));
  });

  it('a 50 MB template is refused by its size, unread, saying why; one just past ARM\'s 4 MB is read and measured', async () => {
    const resource = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[concat('sa', copyIndex())]", location: "[parameters('location')]", properties: { note: 'x'.repeat(2000) } };
    const template = (mb: number) => JSON.stringify(tpl(new Array(Math.ceil((mb * 1024 * 1024) / JSON.stringify(resource).length)).fill(resource), { parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } } }));
    // 50 MB written in pieces, never held whole in the worker.
    const [before, after] = template(0.001).replace(/\[\{.*\}\]/, '[\0]').split('\0');
    const big = async (path: string) => assert.ok((await writeRepeated(path, { before, unit: JSON.stringify(resource), times: 25_000, separator: ',', after })) > 50 * 1024 * 1024);
    const refused = await validate({ ...pkg('{}'), 'mainTemplate.json': big });
    assert.equal(refused.code, 1);
    const d = refused.report.diagnostics.find((x) => x.code === 'file-too-large')!;
    assert.equal(d.file, 'mainTemplate.json');
    assert.match(d.message, /is \d+ bytes; the limit is 8388608/);
    assert.match((d as { hint?: string }).hint ?? '', /ARM refuses a template over 4 MB/);
    assert.ok(!refused.report.diagnostics.some((x) => x.code === 'managedapp-package-layout'), 'the template is there, only too large');
    const over = await validate(pkg(template(5)));
    assert.equal(over.code, 1);
    assert.ok(over.report.diagnostics.some((x) => x.code === 'arm-template-limits' && x.message.includes('4 MB')), 'read, and over the limit ARM keeps');
  });

  it('wrong types everywhere: findings, no crash', async () => {
    const wrong = { $schema: 5, contentVersion: [], parameters: ['x'], variables: 'v', resources: 'none', outputs: 3 };
    const ui = { handler: 1, version: {}, parameters: { basics: 'b', steps: [1, 'two', null], outputs: [] } };
    const { code, report } = await validate(pkg(wrong, ui));
    assert.equal(code, 1);
    assert.ok(report.diagnostics.some((d) => d.code === 'deploymenttemplate-language'));
    assert.ok(report.diagnostics.some((d) => d.code === 'createuidefinition-schema' && d.line));
  });

  it('a zip with ../ entries and a zip bomb: refused with diagnostics, nothing extracted', async () => {
    const zip = makeZip([...MINIMAL_PACKAGE, { name: '../../escape.txt', data: 'x' }, { name: 'bomb.bin', data: Buffer.alloc(30 * 1024 * 1024) }]);
    const { code, report } = await validate({ 'app.zip': zip }, 'app.zip');
    assert.equal(code, 1);
    assert.ok(report.diagnostics.some((d) => d.code === 'package-unsafe-path' && d.file === 'app.zip'));
    assert.ok(report.diagnostics.some((d) => d.code === 'package-zip-bomb'));
  });

  it('a path that does not exist is a usage error (exit 2)', async () => {
    const r = await runCli(['validate', 'no/such/path'], { cwd: await tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does not exist/);
  });
});
