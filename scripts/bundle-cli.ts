// Build step: the command handler modules (build/src/cli/handlers/<command>.js) are replaced by bundles of
// everything they load — offerkit's modules and its libraries (handlebars, yaml, archiver…) — so a command
// resolves a handful of files at start-up instead of hundreds (offerkit build: about 100 ms less of 550).
// The handlers are bundled together with code splitting: what several commands share sits in shared chunks,
// and what is imported lazily — the Azure SDK above all — becomes chunks of its own, loaded only by the
// commands that talk to Azure and only when they do (bundled, @azure/identity loads in ~80 ms instead of ~400).

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entries = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'handlers');
const names = (await readdir(entries)).filter((n) => n.endsWith('.js'));
const out = join(entries, '.bundle');
await rm(out, { recursive: true, force: true });
await build({
  entryPoints: names.map((n) => join(entries, n)),
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  minifyWhitespace: true,
  minifySyntax: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS libraries inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __offerkitRequire } from 'node:module'; const require = __offerkitRequire(import.meta.url);" },
  logLevel: 'error',
});
await rm(join(entries, 'chunks'), { recursive: true, force: true });
await mkdir(join(entries, 'chunks'), { recursive: true });
for (const name of names) await rename(join(out, name), join(entries, name));
for (const chunk of await readdir(join(out, 'chunks'))) await rename(join(out, 'chunks', chunk), join(entries, 'chunks', chunk));
await rm(out, { recursive: true, force: true });

// The command-line shell (shell.cjs: the command definitions and yargs) as one CommonJS file, so `offerkit --help`
// reads one file instead of a few dozen. The handlers and their door (load-handler.cjs) stay outside, re-pointed
// from the commands/ folder to the shell's own. Two libraries are swapped for lighter equivalents: yargs's two
// assertions without node:assert, and string-width with a fast path for plain ASCII.
const cliDir = dirname(entries);
const shell = join(cliDir, 'shell.cjs');
await build({
  entryPoints: [shell],
  outfile: `${shell}.bundle`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  logLevel: 'error',
  plugins: [
    {
      name: 'entries-stay-external',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/(handlers\/|load-handler\.cjs$)/ }, (args) => ({ path: args.path.replace(/^\.\.\//, './'), external: true }));
      },
    },
    {
      name: 'lighter-libraries',
      setup(b) {
        b.onResolve({ filter: /^assert$/ }, () => ({ path: join(cliDir, 'assert-lite.cjs') }));
        b.onResolve({ filter: /^string-width$/ }, (args) => (args.importer.endsWith('string-width-lite.cjs') ? undefined : { path: join(cliDir, 'string-width-lite.cjs') }));
      },
    },
  ],
});
await rename(`${shell}.bundle`, shell);

// V8's code cache of the shell, written by running `offerkit --help` once in a process of its own (main.cjs reads it).
const cached = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'write-shell-cache.js'), shell, join(cliDir, 'shell.cache')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (cached.status !== 0) throw new Error(`writing the shell's code cache failed (exit ${cached.status})`);
