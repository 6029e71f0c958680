// Agreement with arm-ttk on ../shared/conformance must not drop below what offerkit reached.
// The two arm-ttk cases offerkit does not reproduce are explained in the closing note of the validate issue.

import assert from 'node:assert/strict';
import { agree, findConformanceDir, runConformance } from '../../scripts/conformance-runner.js';
import { preloadValidators } from '../../src/util/compiled-schema.js';
import { SCHEMA_NAMES } from '../../src/validate/rules/schema-rules.js';
import { ROOT } from '../helpers/cli.js';

/** The level reached; raise it when more cases agree, never lower it. */
const ARMTTK_AGREE = 350;

describe('conformance with arm-ttk (../shared/conformance)', function () {
  const dir = findConformanceDir(ROOT);
  before(function () {
    if (!dir) {
      console.log('      (skipped: the conformance corpus ../shared/conformance is not present)');
      this.skip();
    }
    return preloadValidators(SCHEMA_NAMES);
  });

  it(`agrees on at least ${ARMTTK_AGREE} of the 352 arm-ttk unit cases and on every real-package verdict`, function () {
    const report = runConformance(dir!);
    assert.equal(report.armttk.length, 352);
    const a = agree(report.armttk);
    const dis = report.armttk.filter((r) => r.expect !== r.actual).map((r) => r.id);
    console.log(`      arm-ttk unit cases: ${a}/352 (${((100 * a) / 352).toFixed(1)}%); real packages ${agree(report.samples)}/${report.samples.length}; disagreements: ${dis.join(', ') || 'none'}`);
    assert.ok(a >= ARMTTK_AGREE, `agreement dropped to ${a}: ${dis.join(', ')}`);
    assert.equal(report.samples.length, 32);
    assert.equal(agree(report.samples), 32, report.samples.filter((s) => s.expect !== s.actual).map((s) => s.id).join(', '));
    assert.equal(agree(report.sampleRules), report.sampleRules.length);
    assert.ok(!JSON.stringify(report).includes('CRASH'), 'no rule crashed on the corpus');
  });
});
