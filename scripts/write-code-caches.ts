// Build step, run by bundle-cli.ts in a process of its own: compiles one bundled file (the shell, or a command
// handler) exactly as the executable does (util/code-cache.cts), optionally runs offerkit with the given arguments
// so the functions a real run needs get compiled, and writes V8's code cache of everything that ran beside the
// file, and beside each schema validator (and the Azure SDK bundle) the run used.
// Usage: write-code-caches.js <cli dir> <shell|handler name> [-- <offerkit arguments>]

import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [cliDir, what, dashes, ...args] = process.argv.slice(2) as [string, string, string | undefined, ...string[]];
const require = createRequire(import.meta.url);
const codeCache = require(join(cliDir, '..', 'util', 'code-cache.cjs')) as typeof import('../src/util/code-cache.cjs');
const target = what === 'shell' ? join(cliDir, 'shell.cjs') : join(cliDir, 'handlers', `${what}.cjs`);

/** The file asked for, and every schema validator and Azure SDK bundle the run compiled. */
process.on('exit', () => {
  if (!codeCache.compiledScripts.has(target)) {
    process.stderr.write(`${target} did not run\n`);
    process.exitCode = 3;
    return;
  }
  for (const [file, script] of codeCache.compiledScripts) {
    if (file !== target && !file.endsWith('.validate.cjs') && !file.endsWith('azure-sdk.cjs')) continue;
    const out = codeCache.cacheFileOf(file);
    writeFileSync(`${out}.tmp`, script.createCachedData());
    renameSync(`${out}.tmp`, out);
  }
});

if (dashes === '--') {
  process.argv = [process.argv[0], join(cliDir, 'main.cjs'), ...args];
  codeCache.requireCached(join(cliDir, 'shell.cjs'));
} else {
  codeCache.requireCached(target);
}
