// mocha's dot reporter, followed by the slowest test files and tests of the run, so the next slowdown is seen
// where it starts. Each worker writes one line per file it ran (its wall time, hooks and emulators included:
// test/helpers/hooks.ts); the slowest tests come from mocha's own durations. The files' times are also kept for the
// next run, which hands out the longest files first (.mocharc.cjs).

import Mocha from 'mocha';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** How many rows each list shows; `OFFERKIT_SLOWEST=40 npm test` shows more. */
const SHOWN = Number(process.env.OFFERKIT_SLOWEST) > 0 ? Number(process.env.OFFERKIT_SLOWEST) : 8;
const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Timed {
  title: string;
  ms: number;
}

export default class SlowestReporter extends Mocha.reporters.Dot {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const tests: Timed[] = [];
    const record = (test: Mocha.Test) => {
      if (typeof test.duration === 'number') tests.push({ title: `${test.fullTitle()} (${shortPath(test.file)})`, ms: test.duration });
    };
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, record);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, record);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const files = fileTimes();
      if (files.length > 0) print('Slowest test files (wall time in a worker, hooks included)', files);
      keepTimes(files);
      print('Slowest tests', tests);
    });
  }
}

function shortPath(file: string | undefined): string {
  return file ? relative(ROOT, file).replace(/^build\//, '').replace(/\.js$/, '.ts') : '?';
}

/** The lines the workers wrote: one `{file, ms}` per test file. */
function fileTimes(): Timed[] {
  const dir = process.env.OFFERKIT_TEST_TIMES_DIR;
  if (!dir) return [];
  const out: Timed[] = [];
  for (const name of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line) continue;
      const { file, ms } = JSON.parse(line) as { file: string; ms: number };
      out.push({ title: shortPath(file), ms });
    }
  }
  return out;
}

/** The files' times, merged into the last runs', where .mocharc.cjs reads them (keyed as under build/test/). */
function keepTimes(files: Timed[]): void {
  const dir = join(ROOT, 'node_modules', '.cache', 'offerkit');
  const file = join(dir, 'test-file-times.json');
  let kept: Record<string, number> = {};
  try {
    kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    kept = {};
  }
  for (const f of files) kept[f.title.replace(/^test\//, '').replace(/\.ts$/, '.js')] = f.ms;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(kept, null, 1)}\n`);
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // An order for the next run is a convenience; a read-only tree only means the default order.
  }
}

function print(heading: string, rows: Timed[]): void {
  const top = [...rows].sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
  if (top.length === 0) return;
  process.stdout.write(`  ${heading}:\n`);
  for (const r of top) process.stdout.write(`    ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.title}\n`);
  process.stdout.write('\n');
}
