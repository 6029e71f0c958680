// The command line under seeded random input (offers, template sets, packages, odd files): every run ends
// by itself with 0, 1 or 2, without an internal error or a stack trace, under 300 MB. `npm run fuzz`
// runs the same fuzzer longer.

import assert from 'node:assert/strict';
import { fuzz } from './cli-fuzz.js';

describe('fuzz: the CLI on mutated offers, template sets and packages', function () {
  this.timeout(300000);

  it('28 seeded cases: no hang, no internal error, no process over 300 MB', async () => {
    const outcomes = await fuzz({ seed: 20261130, iterations: 28, concurrency: 2, timeoutMs: 60000, maxRssMb: 300 });
    assert.equal(outcomes.length, 28);
    const broken = outcomes.filter((o) => o.problem);
    assert.deepEqual(broken.map((o) => `case ${o.index} (${o.kind}): ${o.problem}: offerkit ${o.args.join(' ')}\n${o.output.slice(-1500)}`), []);
    // The fuzzer reaches every kind of input and both outcomes (accepted and refused).
    const kinds = new Set(outcomes.map((o) => o.kind.split(':')[0]));
    assert.ok(kinds.size >= 5, `kinds covered: ${[...kinds].join(', ')}`);
    assert.ok(outcomes.some((o) => o.code === 0) && outcomes.some((o) => o.code !== 0), 'some inputs pass and some are refused');
  });
});
