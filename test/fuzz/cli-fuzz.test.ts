// The command line under seeded random input (offers, template sets, packages, odd files, report files aimed
// at inputs and at FIFOs, devices and links, output folders named like offerkit's, adopted packages, regex,
// template, helper and zip bombs, zips that lie, steering text): every run ends by itself with 0, 1 or 2 within
// 10 s of CPU time (a busy machine stretches the wall clock, not the work), under 300 MB, without an internal error, a stack trace or steering text, and leaves every input as it
// was. `npm run fuzz` runs the same fuzzer longer.

import assert from 'node:assert/strict';
import { fuzz } from './cli-fuzz.js';

describe('fuzz: the CLI on mutated offers, template sets and packages', function () {
  this.timeout(300000);

  it('36 seeded cases: each within 10 s of CPU and 300 MB, no internal error, no steering text, no input changed', async () => {
    const outcomes = await fuzz({ seed: 20261130, iterations: 36, concurrency: 1, timeoutMs: 10000, maxRssMb: 300 });
    assert.equal(outcomes.length, 36);
    const broken = outcomes.filter((o) => o.problem);
    assert.deepEqual(broken.map((o) => `case ${o.index} (${o.kind}): ${o.problem}: offerkit ${o.args.join(' ')}\n${o.output.slice(-1500)}`), []);
    // The fuzzer reaches every kind of input (they come in turn: 19 kinds, at least once each) and both outcomes.
    const kinds = new Set(outcomes.map((o) => o.kind.split(':')[0]));
    assert.equal(kinds.size, 19, `kinds covered: ${[...kinds].join(', ')}`);
    assert.ok(outcomes.some((o) => o.code === 0) && outcomes.some((o) => o.code !== 0), 'some inputs pass and some are refused');
  });
});
