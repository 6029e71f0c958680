import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDoc } from '../../scripts/rules-doc.js';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { RULES } from '../../src/validate/rules/index.js';
import { ROOT } from '../helpers/cli.js';

describe('rule catalogue', () => {
  it('docs/rules.md is up to date (run `npm run docs`)', () => {
    assert.equal(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), rulesDoc(RULES));
  });

  it('has unique kebab-case ids, exact arm-ttk names and one test table per rule', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    const armTtk = RULES.filter((r) => r.armTtk).map((r) => r.armTtk!).sort();
    const corpus = findConformanceDir(ROOT);
    if (corpus) {
      // Every rule rules.md lists, spelled exactly as arm-ttk spells it.
      const listed = [...readFileSync(join(corpus, 'rules.md'), 'utf8').matchAll(/^### (\S+)/gm)].map((m) => m[1]).sort();
      assert.deepEqual(armTtk, listed);
    } else {
      assert.equal(armTtk.length, 49);
    }
    for (const r of RULES) {
      const test = join(ROOT, 'test', 'validate', 'rules', `${r.id}.test.ts`);
      const inShared = readFileSync(join(ROOT, 'test', 'validate', 'rules', 'offer-context-rules.test.ts'), 'utf8').includes(`rule ${r.id}`);
      let own = false;
      try {
        own = readFileSync(test, 'utf8').includes(`'${r.id}'`);
      } catch {
        own = false;
      }
      assert.ok(own || inShared, `${r.id} has a test table`);
    }
  });
});
