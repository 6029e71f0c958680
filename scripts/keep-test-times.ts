// npm run test:keep-times: the test files' times from the last `npm test` on this machine (kept by
// test/helpers/slowest-reporter.ts in node_modules/.cache), written to test/file-times.json, which is tracked.
// .mocharc.cjs orders the files longest first by them when a clone has no times of its own (CI's every run).
// Only files that still exist are kept, to the tenth of a second, longest first. Run it when files were added
// or their lengths changed much; a stale entry only costs a less even split between the workers.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'node_modules', '.cache', 'offerkit', 'test-file-times.json');
const target = join(root, 'test', 'file-times.json');

let times: Record<string, unknown>;
try {
  times = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
} catch {
  process.stderr.write(`No test times in ${source}: run npm test first.\n`);
  process.exit(1);
}
const kept = Object.entries(times)
  .filter((e): e is [string, number] => typeof e[1] === 'number' && existsSync(join(root, 'build', 'test', e[0])))
  .map(([file, ms]) => [file, Math.round(ms / 100) * 100] as const)
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
writeFileSync(`${target}.tmp`, `${JSON.stringify(Object.fromEntries(kept), null, 1)}\n`);
renameSync(`${target}.tmp`, target);
process.stdout.write(`${kept.length} test files' times written to test/file-times.json\n`);
