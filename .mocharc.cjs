// mocha's configuration: the compiled tests in three parallel workers, the slowest-files reporter, and the test
// files in the order that keeps the workers busy to the end. Two workers left the two cores about a fifth idle
// (tests waiting on an emulator's timer, a retry, a child): a third fills that time. Measured in alternating
// runs (quiet, 2026-12-05 at midnight, `npm test` with the lint cache warm): 154 and 165 s against 195 and 180 s
// for two, at a peak of 864-885 MB against 776-800 MB. What made the room for it: one Azurite for the run instead
// of one per worker (test/emulator/azurite.ts). The workers' young generation is capped at 2 MB a semi-space
// (`node-option`, which mocha hands to the workers): a weaker lever than it first looked. Whole runs peaked at
// 864-946 MB with it and 917-928 MB without, within this measure's spread, and three test files run alone held
// 316-322 MB with it against 300-304 MB without. It stays: no run with it has passed 1 GB (946 MB at most). The CLI
// processes the tests start get no such flag: they run as users run them.
// mocha hands a worker the next file in this list whenever it is free, so a long file that starts late is the
// run's tail: the files go longest first, by the times the reporter kept from the last run
// (test/helpers/slowest-reporter.ts). A fresh clone, CI's every run, has no such times: it reads the ones kept
// in test/file-times.json (`npm run test:keep-times` writes them from the last run). In alphabetical order a
// fresh clone's mocha took ~30 s longer: long files that start late. A file in neither goes last.
// OFFERKIT_SPEC (comma-separated files) runs only those, as `npm run test:browsers` does.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const TESTS = join(__dirname, 'build', 'test');
const TIMES = join(__dirname, 'node_modules', '.cache', 'offerkit', 'test-file-times.json');
const KEPT_TIMES = join(__dirname, 'test', 'file-times.json');

function timesIn(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function lastTimes() {
  return timesIn(TIMES) ?? timesIn(KEPT_TIMES) ?? {};
}

function specInOrder() {
  let files;
  try {
    files = readdirSync(TESTS, { recursive: true }).filter((f) => f.endsWith('.test.js')).map((f) => f.split('\\').join('/')).sort();
  } catch {
    return ['build/test/**/*.test.js']; // not built: mocha says there is nothing to run
  }
  const times = lastTimes();
  const known = (f) => (typeof times[f] === 'number' ? times[f] : 0);
  return files.sort((a, b) => known(b) - known(a) || a.localeCompare(b)).map((f) => `build/test/${f}`);
}

module.exports = {
  spec: process.env.OFFERKIT_SPEC ? process.env.OFFERKIT_SPEC.split(',') : specInOrder(),
  require: ['build/test/helpers/hooks.js'],
  timeout: 30000,
  reporter: './build/test/helpers/slowest-reporter.js',
  parallel: true,
  jobs: 3,
  'node-option': ['max-semi-space-size=2'],
  slow: 2000,
};
