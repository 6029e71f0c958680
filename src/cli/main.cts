#!/usr/bin/env node
// offerkit's executable. It runs the command-line shell (shell.cjs: the command definitions and yargs, one
// file after the build) from V8's code cache (see util/code-cache.cts): compiling the shell is about a third of
// `offerkit --help`. Without a cache that fits (tsc output only, another Node), the shell is simply compiled.

import path = require('node:path');
import codeCache = require('../util/code-cache.cjs');

codeCache.requireCached(path.join(__dirname, 'shell.cjs'));
