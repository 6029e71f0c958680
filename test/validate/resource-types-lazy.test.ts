// What Azure's resource types cost a command: nothing for --help, a template without resources or a
// configuration that turns the rules off; for a template, the index and the namespaces it names, nothing else.
// Observed from outside: a preload records every file of schemas/arm-types/ the real CLI reads.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const storage = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'contosodata01', location: '[resourceGroup().location]', sku: { name: 'Standard_LRS' }, kind: 'StorageV2', properties: {} };
const RULES = ['resource-type-defined', 'resource-property-known', 'resource-property-required', 'resource-property-type', 'resource-property-allowed-value', 'resource-property-read-only', 'resource-name-format'];

/** Runs the CLI with a preload that logs each catalogue file read; the names read, in order. */
async function catalogueReads(args: string[], cwd: string): Promise<string[]> {
  const log = join(cwd, 'reads.log');
  const preload = join(cwd, 'watch-reads.cjs');
  await writeFile(
    preload,
    `const fs = require('fs'); const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (String(p).includes('arm-types')) fs.appendFileSync(${JSON.stringify(log)}, require('path').basename(String(p)) + '\\n'); return read.call(this, p, ...rest); };\n`,
  );
  await writeFile(log, '');
  const r = await runCli(args, { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
  assert.ok(r.code === 0 || r.code === 1, r.stdout + r.stderr);
  return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
}

async function pkg(dir: string, resources: unknown[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'mainTemplate.json'), JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2));
  return dir;
}

describe("Azure's resource types: read only when a check needs them", function () {
  this.timeout(60000);

  it('offerkit --help reads none', async () => {
    const dir = await tempDir();
    assert.deepEqual(await catalogueReads(['--help'], dir), []);
  });

  it('a template without resources reads none', async () => {
    const dir = await tempDir();
    assert.deepEqual(await catalogueReads(['validate', await pkg(join(dir, 'p'), []), '--format', 'json'], dir), []);
  });

  it('a configuration that turns the rules off reads none', async () => {
    const dir = await tempDir();
    const p = await pkg(join(dir, 'p'), [storage]);
    await writeFile(join(p, 'offerkit.config.json'), JSON.stringify({ rules: Object.fromEntries(RULES.map((r) => [r, 'off'])) }));
    assert.deepEqual(await catalogueReads(['validate', p, '--format', 'json'], dir), []);
  });

  it('a storage account reads the index and Microsoft.Storage, once', async () => {
    const dir = await tempDir();
    const p = await pkg(join(dir, 'p'), [storage, { ...storage, name: 'contosodata02' }]);
    assert.deepEqual(await catalogueReads(['validate', p, '--format', 'json'], dir), ['index.json', 'microsoft.storage.jsonl.gz']);
  });
});
