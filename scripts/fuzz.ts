// npm run fuzz -- --iterations N --seed S [--concurrency C] [--keep]: the CLI fuzzer of the test suite, run
// longer. Prints one line per case and, for any case that hung, crashed or used too much memory, the
// command, its output and the folder holding its input (kept for reproduction). Exit 1 when any broke.

import { fuzz } from '../test/fuzz/cli-fuzz.js';
import { wholeNumberFlag as flag } from './whole-number-flag.js';

const iterations = flag('iterations', 200);
const seed = flag('seed', Date.now() % 1e9);
const concurrency = flag('concurrency', 2);
const keep = process.argv.includes('--keep');
process.stdout.write(`fuzzing the offerkit CLI: ${iterations} cases, seed ${seed}, ${concurrency} at a time\n`);
const started = Date.now();
const outcomes = await fuzz({
  seed,
  iterations,
  concurrency,
  keep,
  // The bound every command keeps for any input (README, Safety).
  timeoutMs: 10_000,
  maxRssMb: 300,
  onOutcome: (o) => process.stdout.write(`${o.problem ? '✗' : '·'} ${String(o.index).padStart(5)} ${o.kind.padEnd(32)} exit ${o.code} ${String(o.ms).padStart(6)} ms ${String(o.maxRssMb).padStart(4)} MB${o.problem ? `  ${o.problem}` : ''}\n`),
});
const broken = outcomes.filter((o) => o.problem);
for (const o of broken) {
  process.stdout.write(`\ncase ${o.index} (${o.kind}): ${o.problem}\n  offerkit ${o.args.join(' ')}\n  input kept in ${o.dir}\n${o.output.split('\n').slice(-30).map((l) => `  | ${l}`).join('\n')}\n`);
}
const peak = Math.max(0, ...outcomes.map((o) => o.maxRssMb));
process.stdout.write(`\n${outcomes.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${broken.length} broke; peak memory ${peak} MB; reproduce with --seed ${seed}\n`);
process.exit(broken.length ? 1 : 0);
