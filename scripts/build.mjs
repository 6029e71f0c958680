// npm run build: a clean build/ from the sources (tsc, the compiled schema validators, the preview's bundle, the
// CLI's bundles and their code caches), or nothing at all when build/ is already exactly that. `npm ci` builds
// once (the `prepare` script) and `npm test` asks again a moment later; rebuilding identical files was 15–20 s of
// every CI run. "Exactly that" is checked, not assumed: the digest of every input (the sources, schemas, templates, the
// configuration, the lockfile standing for node_modules, this Node.js and its options, which the code caches
// depend on) and the digest of every file the last build wrote must both match what that build recorded. Any
// difference, even one file of build/ touched by hand, means a full clean build as before. Plain JavaScript,
// because it runs before anything is compiled.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(root, 'build');
const RECORD = join(BUILD, '.build-digest.json');
const INPUTS = ['src', 'test', 'scripts', 'bench', 'schemas', 'templates', 'tsconfig.json', 'package.json', 'package-lock.json'];

function filesUnder(path, out = []) {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) {
    out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) filesUnder(join(path, name), out);
  return out;
}

function digest(files, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of files) hash.update(`\0${relative(root, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

const runtime = JSON.stringify([process.version, process.arch, process.platform, process.execArgv, process.env.NODE_OPTIONS ?? '']);
const inputs = digest(INPUTS.flatMap((p) => filesUnder(join(root, p))), runtime);
const outputs = () => digest(filesUnder(BUILD).filter((f) => f !== RECORD));

let recorded;
try {
  recorded = JSON.parse(readFileSync(RECORD, 'utf8'));
} catch {
  recorded = undefined;
}
if (recorded?.inputs === inputs && recorded.outputs === outputs()) process.exit(0);

rmSync(BUILD, { recursive: true, force: true });
const node = (script) => execFileSync(process.execPath, [join(BUILD, 'scripts', script)], { cwd: root, stdio: 'inherit' });
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  node('compile-schemas.js');
  node('precompile-templates.js');
  node('bundle-preview.js');
  node('bundle-cli.js');
} catch {
  // The step has said what failed on stderr; a half-built build/ carries no record, so the next build starts clean.
  process.exit(1);
}
writeFileSync(RECORD, `${JSON.stringify({ inputs, outputs: outputs() }, null, 1)}\n`);
