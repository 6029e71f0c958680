// Thousands of mutated real packages through the whole validator: no exception escapes and no rule
// crashes, whatever the input. Mutations are seeded, so a failure reproduces.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validatePackage } from '../../src/validate/engine.js';
import { assignRoles, sourceFile } from '../../src/validate/package-input.js';
import { RULES } from '../../src/validate/rules/index.js';
import { preloadValidators } from '../../src/util/compiled-schema.js';
import { SCHEMA_NAMES } from '../../src/validate/rules/schema-rules.js';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { EXAMPLE_OFFER, ROOT } from '../helpers/cli.js';
import { renderOffer } from '../../src/render/render-offer.js';
import { rng } from '../helpers/seeded-random.js';

const WEIRD: unknown[] = [null, true, false, 0, -1, 1.5, '', ' ', '[', ']', '[]', "[parameters('x')]", '[concat(', 'x'.repeat(300), [], {}, [null], { type: 5 }, [[[[]]]], { '': '' }, { __proto__: 1 }];

/** Structural mutation: replace a random node with a weird value, delete it, or duplicate it. */
function mutateValue(value: unknown, r: () => number): unknown {
  type Container = Record<string | number, unknown>;
  const nodes: { parent: Container; key: string | number }[] = [];
  const visit = (n: unknown, depth: number) => {
    if (depth > 30 || n === null || typeof n !== 'object') return;
    const node = n as Container;
    for (const k of Array.isArray(n) ? n.keys() : Object.keys(n)) {
      nodes.push({ parent: node, key: k });
      visit(node[k], depth + 1);
    }
  };
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  visit(copy, 0);
  const times = 1 + Math.floor(r() * 4);
  for (let i = 0; i < times && nodes.length; i++) {
    const { parent, key } = nodes[Math.floor(r() * nodes.length)];
    const op = r();
    if (op < 0.6) parent[key] = WEIRD[Math.floor(r() * WEIRD.length)];
    else if (op < 0.8) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = [parent[key], parent[key]];
  }
  return copy;
}

/** Textual mutation: cut, flip bytes, insert brackets/quotes/comments. */
function mutateText(text: string, r: () => number): string {
  let t = text;
  const op = r();
  const at = Math.floor(r() * t.length);
  if (op < 0.25) t = t.slice(0, at);
  else if (op < 0.5) t = t.slice(0, at) + '{["\'/*,:'[Math.floor(r() * 8)] + t.slice(at);
  else if (op < 0.75) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
  else t = t.slice(0, at) + '\n// x\n' + t.slice(at);
  return t;
}

describe('fuzz: mutated real packages never crash the validator', function () {
  this.timeout(120000);
  const packages: Map<string, string>[] = [];

  before(async () => {
    await preloadValidators(SCHEMA_NAMES);
    const dir = findConformanceDir(ROOT);
    if (dir && existsSync(join(dir, 'samples'))) {
      for (const s of readdirSync(join(dir, 'samples'))) {
        const files = new Map<string, string>();
        for (const f of readdirSync(join(dir, 'samples', s))) if (f.endsWith('.json')) files.set(f, readFileSync(join(dir, 'samples', s, f), 'utf8'));
        packages.push(files);
      }
    }
    // Always include offerkit's own rendered packages, so the test has input without the corpus.
    const r = await renderOffer(EXAMPLE_OFFER, []);
    for (const p of r.rendered) packages.push(new Map([...p.files].filter(([n]) => n.endsWith('.json')).map(([n, b]) => [n, b.toString('utf8')])));
  });

  it('runs 700 mutated packages through every rule', () => {
    const r = rng(20261124);
    let runs = 0;
    let findings = 0;
    for (let i = 0; i < 700; i++) {
      const pkg = packages[i % packages.length];
      const files = [];
      for (const [name, text] of pkg) {
        let t = text;
        if (r() < 0.5) {
          if (r() < 0.5) t = mutateText(text, r);
          else {
            try {
              t = JSON.stringify(mutateValue(JSON.parse(text.replace(/^\uFEFF/, '')), r));
            } catch {
              t = mutateText(text, r);
            }
          }
        }
        files.push(sourceFile(name, name, t));
      }
      const input = assignRoles(`fuzz-${i}`, 'folder', files);
      let diags;
      try {
        diags = validatePackage(input, { rules: RULES });
      } catch (e) {
        assert.fail(`case ${i}: an exception escaped: ${(e as Error).stack}`);
      }
      const crashed = diags.filter((d) => d.code === 'rule-crashed');
      assert.deepEqual(crashed.map((d) => d.message), [], `case ${i}`);
      runs++;
      findings += diags.length;
    }
    assert.equal(runs, 700);
    assert.ok(findings > 0);
  });
});
