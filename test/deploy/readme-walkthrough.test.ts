// README's "Trying a plan before customers do" runs as written on the example, against the emulated cloud: its
// commands, from a folder holding offers/contoso-mail-insights, with the value the README says to type typed
// into params.json; and its sample outputs are the real ones — every line of each sample (… standing for what
// differs between runs: ids, hashes of ids) is a line the command prints, in that order.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, copyExampleOffer, ROOT, tempDir, type CliResult } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';

/** The CLI run as a user runs it, from a folder of theirs (the README's paths are relative to it). */
function runIn(cwd: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The fenced blocks of the section, in order. */
function blocks(section: string): string[] {
  return [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Each sample line must be a printed line, in order; … matches anything. */
function assertPrinted(sample: string, printed: string): void {
  const lines = printed.split('\n');
  let at = 0;
  for (const want of sample.split('\n').filter((l) => l.trim())) {
    const re = new RegExp(`^${want.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`);
    const found = lines.findIndex((l, i) => i >= at && re.test(l));
    assert.ok(found >= 0, `README line not printed (in order):\n${want}\n--- printed:\n${printed}`);
    at = found + 1;
  }
}

describe('README: trying a plan before customers do', function () {
  this.timeout(240000);
  let env: PublishEnv;
  before(async () => {
    env = await startPublishEnv();
  });
  after(() => env?.stop());

  it('runs as written, and prints what the README shows', async () => {
    const text = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = text.slice(text.indexOf('## Trying a plan before customers do'), text.indexOf('## Adopting an existing package or offer'));
    const [walkthrough, success, failure] = blocks(section);
    const commands = walkthrough.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(commands.map((c) => c.split(' ').slice(0, 2).join(' ')), ['offerkit publish', 'offerkit preview', 'export OFFERKIT_PARAM_SERVICEPRINCIPALKEY=…', 'offerkit deploy']);
    // What the README says to type into params.json, with a real value for its placeholder.
    const typed = [...walkthrough.matchAll(/#\s+("\w+": \{ "value": "<[^>]+>" \})/g)].map((m) => m[1]);
    assert.deepEqual(typed.map((t) => /"(\w+)"/.exec(t)![1]), ['servicePrincipalId', 'servicePrincipalObjectId'], 'the README shows what to type');
    const guids = ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e'];
    const fragment = JSON.parse(`{${typed.map((t, i) => t.replace(/<[^>]+>/, guids[i])).join(',')}}`) as Record<string, unknown>;

    const cwd = await tempDir();
    await copyExampleOffer(join(cwd, 'offers', 'contoso-mail-insights'));
    const cliEnv = { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: 'the-client-secret-of-the-app' };
    // The emulated cloud's flags, and its one storage account in place of the offer's own (contosoappdefs).
    const run = (command: string, extra: string[] = []) => runIn(cwd, [...command.split(' ').slice(1), ...(command.startsWith('offerkit preview') ? [] : env.azureArgs), ...extra], cliEnv);

    const published = await run(commands[0], ['--storage-account', env.azurite.account.name]);
    assert.equal(published.code, 0, published.stdout + published.stderr);
    const preview = await run(commands[1]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    const params = join(cwd, 'params.json');
    const before = await run(commands[3]);
    assert.equal(before.code, 1, 'without the typed value the deploy stops');
    assert.match(before.stdout + before.stderr, /Type the customer's own value into params\.json: "servicePrincipalId"/, 'and its hint says to type it in');
    const doc = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, unknown> };
    await writeFile(params, JSON.stringify({ ...doc, parameters: { ...doc.parameters, ...fragment } }, null, 2));

    const deployed = await run(commands[3]);
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assertPrinted(success, deployed.stdout);

    env.arm.deployments.failures.push({ resourceType: 'Microsoft.DataFactory/factories', phase: 'deploy', code: 'SkuNotAvailable', message: 'posted body' });
    const failed = await run(commands[3], ['--name', 'cmi-fail']);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assertPrinted(failure, failed.stdout);
  });
});
