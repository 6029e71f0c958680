// The Node.js versions offerkit promises (package.json engines, README's Requirements) are ones every package it
// installs supports: a newcomer's `npm ci` prints no EBADENGINE warning, and a user on a promised version never
// runs a dependency outside its own range.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { ROOT } from '../helpers/cli.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

describe('Node.js versions', () => {
  it('every installed package supports every Node.js version package.json promises', () => {
    const ours = pkg.engines.node;
    assert.ok(semver.validRange(ours), `engines.node ${ours} is a range`);
    const outside = Object.entries(lock.packages)
      .filter(([path, entry]) => path && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.subset(ours, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path.replace(/^node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    assert.deepEqual(outside, [], `package.json promises node ${ours}`);
  });

  it('README names the same versions package.json promises, and the Node.js this suite runs on is one of them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const line = /^Requirements: Node\.js (.+)$/m.exec(readme)?.[1] ?? '';
    for (const major of semver.validRange(pkg.engines.node)!.split('||').map((r) => semver.minVersion(r.trim())!)) {
      assert.ok(line.includes(`${major.major}.${major.minor}`), `README's Requirements line names Node.js ${major.major}.${major.minor}: ${line}`);
    }
    assert.ok(semver.satisfies(process.version, pkg.engines.node), `this Node.js (${process.version}) is one package.json promises`);
  });
});
