#!/usr/bin/env node
// offerkit's executable. It runs the command-line shell (shell.cjs: the command definitions and yargs, one
// file after the build) from V8's code cache, which the build writes beside it (shell.cache): compiling the
// shell is about a third of `offerkit --help`. V8 checks the cache against the source and its own version
// and flags; a cache that does not fit, or none at all, only means the shell is compiled as usual.

import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import nodeModule = require('node:module');

const shell = path.join(__dirname, 'shell.cjs');

function runFromCodeCache(): boolean {
  let cachedData: Buffer;
  let source: string;
  try {
    cachedData = fs.readFileSync(path.join(__dirname, 'shell.cache'));
    source = fs.readFileSync(shell, 'utf8');
  } catch {
    return false;
  }
  const script = new vm.Script(nodeModule.wrap(source), { filename: shell, cachedData });
  if (script.cachedDataRejected) return false;
  const shellModule = { exports: {}, filename: shell, id: shell, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(shellModule.exports, shellModule.exports, nodeModule.createRequire(shell), shellModule, shell, __dirname);
  return true;
}

if (!runFromCodeCache()) require('./shell.cjs');
