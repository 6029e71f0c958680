// The one door from the CommonJS shell to the command handlers, loaded only when a command runs. After the
// build a handler is one CommonJS bundle (handlers/<name>.cjs, scripts/bundle-cli.ts) run from V8's code cache;
// unbundled (tsc output only) it is the ES module tsc wrote. This stays a module of its own, outside the
// bundled shell, so the shell reaches the handlers by a path relative to this file.

import fs = require('node:fs');
import path = require('node:path');
import codeCache = require('../util/code-cache.cjs');

export type HandlerName = 'build' | 'init' | 'inspect' | 'validate' | 'publish' | 'deploy' | 'definitions' | 'cache' | 'preview' | 'marketplace' | 'changes';

export async function loadHandler(name: HandlerName): Promise<unknown> {
  const bundled = path.join(__dirname, 'handlers', `${name}.cjs`);
  if (fs.existsSync(bundled)) return codeCache.requireCached(bundled);
  return import(`./handlers/${name}.js`);
}
