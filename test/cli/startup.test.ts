// The executable runs the bundled shell from V8's code cache and falls back to compiling it; the two lighter
// libraries the shell is bundled with answer as the ones they replace.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const CLI_DIR = join(ROOT, 'build', 'src', 'cli');

describe('start-up', () => {
  it('a missing or foreign code cache changes nothing but speed', async () => {
    const expected = await runCli(['--help']);
    assert.equal(expected.code, 0);
    const dir = join(await tempDir(), 'cli');
    await cp(CLI_DIR, dir, { recursive: true });
    await writeFile(join(dir, 'shell.cache'), Buffer.from('not a V8 code cache'));
    const foreign = await run(process.execPath, [join(dir, 'main.cjs'), '--help'], { env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(foreign.stdout, expected.stdout);
    assert.equal(foreign.stderr, '');
    await cp(join(dir, 'shell.cjs'), join(dir, 'shell.cache'));
    const absent = await run(process.execPath, [join(dir, 'main.cjs'), 'build', '--help'], { env: { ...process.env, NO_COLOR: '1' } });
    assert.match(absent.stdout, /offerkit build \[offers\.\.\]/);
  });

  it('the build wrote a code cache that this Node accepts', async () => {
    const { Script } = await import('node:vm');
    const { readFileSync } = await import('node:fs');
    const nodeModule = (await import('node:module')).default;
    const shell = join(CLI_DIR, 'shell.cjs');
    const script = new Script(nodeModule.wrap(readFileSync(shell, 'utf8')), { filename: shell, cachedData: readFileSync(join(CLI_DIR, 'shell.cache')) });
    assert.equal(script.cachedDataRejected, false);
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
