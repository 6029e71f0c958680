// The executable runs the bundled shell from V8's code cache and falls back to compiling it; the two lighter
// libraries the shell is bundled with answer as the ones they replace.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { inChild } from '../helpers/in-child.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const CLI_DIR = join(ROOT, 'build', 'src', 'cli');

/** A copy of the built executable and compiled schemas to spoil, beside offerkit's own files (linked). */
async function builtCopy(): Promise<string> {
  const root = await tempDir();
  await cp(join(ROOT, 'build', 'src'), join(root, 'build', 'src'), { recursive: true });
  await cp(join(ROOT, 'build', 'schemas'), join(root, 'build', 'schemas'), { recursive: true });
  await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
  for (const shared of ['node_modules', 'templates', 'policies', 'schemas', 'src']) await symlink(join(ROOT, shared), join(root, shared));
  return root;
}

describe('start-up', () => {
  it('a missing or foreign code cache changes nothing but speed', async () => {
    const expected = await runCli(['--help']);
    assert.equal(expected.code, 0);
    const root = await builtCopy();
    const dir = join(root, 'build', 'src', 'cli');
    await writeFile(join(dir, 'shell.cache'), Buffer.from('not a V8 code cache'));
    const foreign = await run(process.execPath, [join(dir, 'main.cjs'), '--help'], { env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(foreign.stdout, expected.stdout);
    assert.equal(foreign.stderr, '');
    await cp(join(dir, 'shell.cjs'), join(dir, 'shell.cache'));
    const absent = await run(process.execPath, [join(dir, 'main.cjs'), 'build', '--help'], { env: { ...process.env, NO_COLOR: '1' } });
    assert.match(absent.stdout, /offerkit build \[offers\.\.\]/);
  });

  it('a handler or a schema validator with a spoiled or missing code cache gives the same answers', async () => {
    const work = await tempDir();
    const offer = join(work, 'offer');
    await cp(join(ROOT, 'offers', 'contoso-mail-insights'), offer, { recursive: true });
    const args = (out: string) => ['build', offer, '--out', out, '--plan', 'standard', '--json'];
    const expected = await runCli(args(join(work, 'expected')), { cwd: work });
    assert.equal(expected.code, 0, expected.stderr);
    const root = await builtCopy();
    const cli = join(root, 'build', 'src', 'cli');
    await writeFile(join(cli, 'handlers', 'build.cache'), Buffer.from('not a V8 code cache'));
    await rm(join(root, 'build', 'schemas', 'offer.validate.cache'));
    await writeFile(join(root, 'build', 'schemas', 'templateset.validate.cache'), await readFile(join(root, 'build', 'schemas', 'policy.validate.cache')));
    const spoiled = await run(process.execPath, [join(cli, 'main.cjs'), ...args(join(work, 'spoiled'))], { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(spoiled.stderr, '');
    const sha = (out: string) => (JSON.parse(out) as { offers: { plans: { sha256: string }[] }[] }).offers[0].plans.map((p) => p.sha256);
    assert.deepEqual(sha(spoiled.stdout), sha(expected.stdout));
    assert.equal(sha(spoiled.stdout).length, 1);
  });

  it('the build wrote code caches that this Node accepts', async () => {
    // Checked in a plain Node process, as the CLI starts: a cache is tied to V8's flags, and the mocha workers
    // run with a smaller young generation (.mocharc.cjs) than the CLI does.
    const { readdirSync } = await import('node:fs');
    const files = [join(CLI_DIR, 'shell.cjs'), join(CLI_DIR, 'azure-sdk.cjs'), ...readdirSync(join(CLI_DIR, 'handlers')).filter((n) => n.endsWith('.cjs')).map((n) => join(CLI_DIR, 'handlers', n))];
    files.push(...readdirSync(join(ROOT, 'build', 'schemas')).filter((n) => n.endsWith('.validate.cjs') && n !== 'partner-center.validate.cjs').map((n) => join(ROOT, 'build', 'schemas', n)));
    assert.ok(files.length >= 18, files.join(', '));
    const rejected = await inChild<string[]>(
      {},
      `const [vm, fs, mod] = await Promise.all([import('node:vm'), import('node:fs'), import('node:module')]);
      return ${JSON.stringify(files)}.filter((file) => new vm.Script(mod.default.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData: fs.readFileSync(file.replace(/\\.cjs$/, '.cache')) }).cachedDataRejected !== false);`,
    );
    assert.deepEqual(rejected, [], 'caches this Node rejects');
  });

  it('string-width-lite measures as string-width does', () => {
    const lite = require(join(CLI_DIR, 'string-width-lite.cjs')) as (s: string) => number;
    const real = require('string-width') as (s: string) => number;
    const samples = ['', 'offerkit build [offers..]', '  --out  Output folder  [string] [default: "dist"]', 'a — b', 'Größe', '表示名', '\u001b[31mred\u001b[39m', 'tab\there', 'e\u0301', '👍 ok', 'x'.repeat(500)];
    for (let c = 0x20; c < 0x7f; c++) samples.push(`${String.fromCharCode(c)}x`);
    for (const s of samples) assert.equal(lite(s), real(s), JSON.stringify(s));
  });

  it('assert-lite throws where node:assert throws, with the message given', () => {
    const lite = require(join(CLI_DIR, 'assert-lite.cjs')) as { strictEqual: (a: unknown, b: unknown, m?: string) => void; notStrictEqual: (a: unknown, b: unknown, m?: string) => void };
    lite.strictEqual('string', 'string');
    lite.notStrictEqual(undefined, true);
    assert.throws(() => lite.strictEqual(typeof 1, 'string'), { code: 'ERR_ASSERTION' });
    assert.throws(() => lite.notStrictEqual(undefined, undefined, 'frozen state missing'), { message: 'frozen state missing' });
    assert.throws(() => lite.strictEqual(NaN, 0));
    lite.strictEqual(NaN, NaN);
  });
});
