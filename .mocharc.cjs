// mocha's configuration: the compiled tests in two parallel workers, the slowest-files reporter, and the test
// files in the order that keeps both workers busy to the end. A third worker measured 159-166 s against 179-187 s
// for two (quiet, 2026-12-05), but the run then peaked at 1011-1147 MB, past the suite's 1 GB budget.
// mocha hands a worker the next file in this list whenever it is free, so a long file that starts late is the
// run's tail: the files go longest first, by the times the reporter kept from the last run
// (test/helpers/slowest-reporter.ts). With no times yet, the browser suites (the longest file) go first.
// OFFERKIT_SPEC (comma-separated files) runs only those, as `npm run test:browsers` does.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const TESTS = join(__dirname, 'build', 'test');
const TIMES = join(__dirname, 'node_modules', '.cache', 'offerkit', 'test-file-times.json');
const LONGEST_WITHOUT_TIMES = ['preview/in-chromium.test.js'];

function lastTimes() {
  try {
    return JSON.parse(readFileSync(TIMES, 'utf8'));
  } catch {
    return {};
  }
}

function specInOrder() {
  let files;
  try {
    files = readdirSync(TESTS, { recursive: true }).filter((f) => f.endsWith('.test.js')).map((f) => f.split('\\').join('/')).sort();
  } catch {
    return ['build/test/**/*.test.js']; // not built: mocha says there is nothing to run
  }
  const times = lastTimes();
  const known = (f) => (typeof times[f] === 'number' ? times[f] : LONGEST_WITHOUT_TIMES.includes(f) ? Infinity : 0);
  return files.sort((a, b) => known(b) - known(a) || a.localeCompare(b)).map((f) => `build/test/${f}`);
}

module.exports = {
  spec: process.env.OFFERKIT_SPEC ? process.env.OFFERKIT_SPEC.split(',') : specInOrder(),
  require: ['build/test/helpers/hooks.js'],
  timeout: 30000,
  reporter: './build/test/helpers/slowest-reporter.js',
  parallel: true,
  jobs: 2,
  slow: 2000,
};
