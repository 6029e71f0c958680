// Build step, run by bundle-cli.ts in a process of its own: runs the bundled shell once as `offerkit --help`,
// compiled exactly as src/cli/main.cts compiles it (node:vm, the CommonJS wrapper), and writes V8's code cache
// of everything that ran. Usage: write-shell-cache.js <shell.cjs> <shell.cache>

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const [shell, out] = process.argv.slice(2) as [string, string];
const script = new Script(nodeModule.wrap(readFileSync(shell, 'utf8')), { filename: shell });
process.on('exit', () => {
  writeFileSync(`${out}.tmp`, script.createCachedData());
  renameSync(`${out}.tmp`, out);
});
process.argv = [process.argv[0], join(dirname(shell), 'main.cjs'), '--help'];
const shellModule = { exports: {}, filename: shell, id: shell, loaded: false };
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
run.call(shellModule.exports, shellModule.exports, nodeModule.createRequire(shell), shellModule, shell, dirname(shell));
