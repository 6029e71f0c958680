// Runs offerkit's bundled CommonJS files (the shell, the command handlers, the compiled schema validators) from
// V8's code cache, which the build writes beside each of them (<name>.cache, scripts/write-code-caches.ts).
// Compiling is a large part of a short command: the cache holds the bytecode of every function a representative
// run used, so those are not parsed or compiled again. V8 checks a cache against the source, its own version and its flags; a cache that
// does not fit, or none at all, only means the file is compiled as usual.

import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import nodeModule = require('node:module');

/** Every file run through here, with its compiled script (the cache writer asks them for their caches). */
export const compiledScripts = new Map<string, vm.Script>();
const loaded = new Map<string, unknown>();

export function cacheFileOf(file: string): string {
  return file.replace(/\.c?js$/, '.cache');
}

/** require() of a CommonJS file, compiled with its code cache when one fits. Loaded once per process. */
export function requireCached(file: string): unknown {
  if (loaded.has(file)) return loaded.get(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFileOf(file));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(nodeModule.wrap(fs.readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  compiledScripts.set(file, script);
  const mod = { exports: {} as unknown, filename: file, id: file, loaded: false };
  loaded.set(file, mod.exports);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  loaded.set(file, mod.exports);
  return mod.exports;
}
