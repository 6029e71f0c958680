// Versions ranked as Partner Center and ARM rank them (Semantic Versioning precedence), by one module.

import assert from 'node:assert/strict';
import { compareVersions, minorRaised, parseVersion, versionAbove } from '../../src/util/semver.js';

describe('semver: one way to compare versions', () => {
  const ordered: [string, string][] = [
    ['1.0.0', '1.0.1'],
    ['1.0.1-rc', '1.0.1'],
    ['1.0.1-alpha', '1.0.1-alpha.1'],
    ['1.0.1-alpha.1', '1.0.1-alpha.beta'],
    ['1.0.1-alpha.beta', '1.0.1-beta'],
    ['1.0.1-beta.2', '1.0.1-beta.11'],
    ['1.0.1-rc.1', '1.0.1'],
    ['1.9.0', '1.10.0'],
    ['1.2.3', '2.0.0'],
    ['1.2', '1.2.1'],
  ];
  for (const [low, high] of ordered) {
    it(`${low} < ${high}`, () => {
      assert.ok(compareVersions(low, high) < 0);
      assert.ok(compareVersions(high, low) > 0);
      assert.equal(versionAbove(high, low), true);
      assert.equal(versionAbove(low, high), false);
    });
  }
  it('build metadata does not rank', () => assert.equal(compareVersions('1.0.0+a', '1.0.0+b'), 0));
  it('never NaN on text that is not a version', () => assert.ok(Number.isFinite(compareVersions('1.0.1-rc', 'x.y'))));
  it('parses pre-release identifiers', () => assert.deepEqual(parseVersion('2.1.0-rc.3'), { major: 2, minor: 1, patch: 0, pre: ['rc', 3] }));
  it('minor raised', () => {
    assert.equal(minorRaised('1.2.9', '1.3.0'), true);
    assert.equal(minorRaised('1.2.0', '1.2.5'), false);
    assert.equal(minorRaised('1.9.0', '2.0.0'), true);
  });
});
