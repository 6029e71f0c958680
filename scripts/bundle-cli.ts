// Build step: each command handler (build/src/cli/handlers/<command>.js, an ES module tsc wrote) gets a bundle
// of everything it loads — offerkit's modules and its libraries (handlebars, yaml, archiver…) — as one CommonJS
// file beside it (<command>.cjs), which load-handler runs from V8's code cache (util/code-cache.cts): a command then
// reads two files at start-up and compiles almost nothing (offerkit build: the handler loads in about a third
// of the time the ES module chunks took). The Azure SDK is one bundle of its own (azure-sdk.cjs), shared by the
// commands that talk to Azure and loaded only when they do (bundled, @azure/identity loads in ~80 ms instead
// of ~400); inside it each package is evaluated on first use.

import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = dirname(fileURLToPath(import.meta.url));
const entries = join(scripts, '..', 'src', 'cli', 'handlers');
const cliDir = dirname(entries);
const names = (await readdir(entries)).filter((n) => n.endsWith('.js')).map((n) => n.slice(0, -3));

/** The Azure SDK packages offerkit imports (all lazily). */
const AZURE = ['@azure/identity', '@azure/core-rest-pipeline', '@azure/arm-resources', '@azure/arm-managedapplications', '@azure/storage-blob'];
const COMMON = {
  bundle: true,
  minifyWhitespace: true,
  minifySyntax: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // offerkit's own modules find the package root from import.meta.url.
  define: { 'import.meta.url': '__offerkitModuleUrl' },
  banner: { js: "const __offerkitModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'error',
} as const;

const sdkEntry = join(await mkdtemp(join(tmpdir(), 'offerkit-sdk-')), 'azure-sdk.cjs');
await writeFile(sdkEntry, `module.exports = {\n${AZURE.map((p) => `  get ${JSON.stringify(p)}() { return require(${JSON.stringify(p)}); },`).join('\n')}\n};\n`);
await build({ ...COMMON, entryPoints: [sdkEntry], outfile: join(cliDir, 'azure-sdk.cjs'), nodePaths: [join(scripts, '..', '..', 'node_modules')] });
await rm(dirname(sdkEntry), { recursive: true, force: true });

/** In a handler bundle, an Azure package is a property of the shared SDK bundle. */
const azureFromSharedBundle: Plugin = {
  name: 'azure-sdk-shared',
  setup(b) {
    const filter = new RegExp(`^(${AZURE.map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'azure-sdk' }));
    // Run from V8's code cache like the handlers (the publish training run below writes it): compiling the SDK's
    // 2 MB was about 30 ms of every command that talks to Azure.
    b.onLoad({ filter: /.*/, namespace: 'azure-sdk' }, (args) => ({
      contents: `module.exports = require('../../util/code-cache.cjs').requireCached(require('node:path').join(__dirname, '..', 'azure-sdk.cjs'))[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};
/** The code-cache runner stays one module per process (its table of compiled files is read by the cache writer). */
const codeCacheShared: Plugin = {
  name: 'code-cache-shared',
  setup(b) {
    b.onResolve({ filter: /\/code-cache\.cjs$/ }, () => ({ path: '../../util/code-cache.cjs', external: true }));
  },
};
await build({
  ...COMMON,
  entryPoints: names.map((n) => join(entries, `${n}.js`)),
  outdir: entries,
  outExtension: { '.js': '.cjs' },
  // import() of a bundled module becomes a require(): node:vm refuses import() on Node 20.
  supported: { 'dynamic-import': false },
  plugins: [azureFromSharedBundle, codeCacheShared],
});
await rm(join(entries, 'chunks'), { recursive: true, force: true });

// The command-line shell (shell.cjs: the command definitions and yargs) as one CommonJS file, so `offerkit --help`
// reads one file instead of a few dozen. The handlers and their door (load-handler.cjs) stay outside, re-pointed
// from the commands/ folder to the shell's own. Two libraries are swapped for lighter equivalents: yargs's two
// assertions without node:assert, and string-width with a fast path for plain ASCII.
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

// V8's code caches: each written by a representative run in a process of its own (write-code-caches.ts).
const example = join(scripts, '..', '..', 'offers', 'contoso-mail-insights');
const training = await mkdtemp(join(tmpdir(), 'offerkit-training-'));
// publish runs offline as far as it goes: it renders, validates and compares the example, then fails to sign in
// (a service principal whose authority is a closed local port) — the code of a re-run that changes nothing.
const offline = { AZURE_TENANT_ID: '00000000-0000-0000-0000-000000000001', AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000002', AZURE_CLIENT_SECRET: 'offline-training-run', AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9' };
const runs: { args: string[]; env?: Record<string, string> }[] = [
  { args: ['shell', '--', '--help'] },
  { args: ['build', '--', 'build', example, '--out', join(training, 'dist'), '--force'] },
  { args: ['validate', '--', 'validate', join(training, 'dist', 'contoso-mail-insights', 'standard', 'app.zip')] },
  { args: ['changes', '--', 'changes', example, '--since', join(training, 'dist', 'contoso-mail-insights', 'standard', 'app.zip'), '--plan', 'standard'] },
  { args: ['publish', '--', 'publish', example, '--to', 'marketplace', '--dry-run', '--partner-center-endpoint', 'https://127.0.0.1:9', '--max-retries', '0', '--retry-delay', '0', '--timeout', '2'], env: offline },
  ...names.filter((n) => !['build', 'validate', 'changes', 'publish'].includes(n)).map((n) => ({ args: [n] })),
];
for (const { args: run, env } of runs) {
  const r = spawnSync(process.execPath, [join(scripts, 'write-code-caches.js'), cliDir, ...run], { cwd: training, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`writing the code cache of ${run[0]} failed (exit ${r.status}): ${r.stderr}`);
}
await rm(training, { recursive: true, force: true });
