// Rule version-reflects-changes: with a baseline in the configuration, each plan's version must say what its
// package changes. One git repository holds the fixture offer at its baseline; each row edits the working copy.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePaths } from '../../../src/pipeline/validate-paths.js';
import { tempDir } from '../../helpers/cli.js';
import { BASE_OFFER, writeOffer } from '../../helpers/offer-fixture.js';

interface Row {
  name: string;
  edit: [string, string][];
  /** Expected findings of the rule: plan → message pattern. */
  expect: Record<string, RegExp>;
  level?: 'error' | 'warning';
}

const ROWS: Row[] = [
  { name: 'nothing changes', edit: [], expect: {} },
  { name: 'a column added, patch version', edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, sender, receivedDateTime, subject]'], ['version: 1.0.0', 'version: 1.0.1'], ['version: 2.1.0', 'version: 2.2.0']], expect: { basic: /Version 1\.0\.0 → 1\.0\.1 raises only the patch version, but more Microsoft 365 data is requested: raise at least the minor version/ } },
  { name: 'a column added, minor versions', edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, sender, receivedDateTime, subject]'], ['version: 1.0.0', 'version: 1.1.0'], ['version: 2.1.0', 'version: 3.0.0']], expect: {} },
  { name: 'a column removed, patch versions', edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, receivedDateTime]'], ['version: 1.0.0', 'version: 1.0.1'], ['version: 2.1.0', 'version: 2.1.1']], expect: {} },
  { name: 'the package changes, the versions do not', edit: [['rollingDays: 7', 'rollingDays: 3']], expect: { basic: /Version 1\.0\.0 is the same as in git HEAD .*but the package differs/, plus: /Version 2\.1\.0 is the same/ } },
  { name: 'a policy removed, patch versions', edit: [['policies:\n  - secure-transfer\n', 'policies: []\n'], ['version: 1.0.0', 'version: 1.0.1'], ['version: 2.1.0', 'version: 2.1.1']], expect: { basic: /a policy no longer protects the customer/, plus: /a policy no longer protects the customer/ } },
  { name: 'a version goes down', edit: [['version: 2.1.0', 'version: 2.0.9']], expect: { plus: /Version 2\.0\.9 is lower than 2\.1\.0/ } },
  { name: 'the configuration sets the level', edit: [['rollingDays: 7', 'rollingDays: 3']], expect: { basic: /the package differs/, plus: /the package differs/ }, level: 'warning' },
];

describe("rule 'version-reflects-changes'", function () {
  this.timeout(60000);
  let dir: string;
  let config: string;

  before(async () => {
    const repo = await tempDir('offerkit-rule-baseline-');
    dir = await writeOffer(BASE_OFFER, {}, join(repo, 'offer'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'baseline');
    config = join(repo, 'offerkit.config.yaml');
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      await writeFile(config, `baseline: HEAD\n${row.level ? `rules:\n  version-reflects-changes: ${row.level}\n` : ''}`);
      let text = BASE_OFFER;
      for (const [from, to] of row.edit) {
        assert.ok(text.includes(from), from);
        text = text.replace(from, to);
      }
      await writeFile(join(dir, 'offer.yaml'), text);
      const r = await validatePaths([dir], { configFile: config });
      const found = r.diagnostics.filter((d) => d.code === 'version-reflects-changes');
      const byPlan = Object.fromEntries(found.map((d) => [/^Plan (\S+):/.exec(d.message)![1], d]));
      assert.deepEqual(Object.keys(byPlan).sort(), Object.keys(row.expect).sort(), found.map((d) => d.message).join('\n'));
      const lines = (await readFile(join(dir, 'offer.yaml'), 'utf8')).split('\n');
      for (const [plan, re] of Object.entries(row.expect)) {
        const d = byPlan[plan];
        assert.match(d.message, re);
        assert.equal(d.severity, row.level ?? 'error');
        assert.match(lines[d.line! - 1], /^ {4}version: /, 'placed on the plan\'s version line');
        assert.equal(d.pointer, `/plans/${plan === 'basic' ? 0 : 1}/version`);
      }
    });
  }
});
