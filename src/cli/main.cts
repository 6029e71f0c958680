#!/usr/bin/env node
// offerkit's executable. It runs the command-line shell (shell.cjs: the command definitions and yargs, one
// file after the build) from V8's code cache (see util/code-cache.cts): compiling the shell is about a third of
// `offerkit --help`. Unbundled (tsc output only), the shell is required as it is.

import fs = require('node:fs');
import path = require('node:path');
import codeCache = require('../util/code-cache.cjs');

const shell = path.join(__dirname, 'shell.cjs');
if (fs.existsSync(codeCache.cacheFileOf(shell))) codeCache.requireCached(shell);
else require('./shell.cjs');
