// offerkit's own template sets are precompiled by the build (scripts/precompile-templates.ts); a render from the
// precompiled specs is byte for byte the render from templates compiled on the spot.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOfferPipeline } from '../../src/pipeline/offer-pipeline.js';
import { precompiled, precompiledKey } from '../../src/template-set/handlebars-env.js';
import { copyExampleOffer, copyTemplateSet, ROOT, tempDir } from '../helpers/cli.js';
import { editOfferYaml } from '../helpers/offer-copy.js';
import { minimalOffer, writeOffer } from '../helpers/offer-fixture.js';

/** Every plan's package files, rendered from a fresh copy of `set` (a new path: the set is loaded anew). */
async function render(set: string, offerAt: (setDir: string) => Promise<string>): Promise<Map<string, Buffer>> {
  const dir = await offerAt(set);
  await copyTemplateSet(set, join(dir, 'tpl'));
  const result = await runOfferPipeline(dir, [], { validate: false });
  assert.ok(result.rendered.length > 0, JSON.stringify(result.diagnostics));
  return new Map(result.rendered.flatMap((p) => [...p.files].map(([name, bytes]) => [`${p.plan.id}/${name}`, bytes] as const)));
}

describe('precompiled template sets', function () {
  this.timeout(60000);

  it('the build precompiled every template of offerkit\'s sets', () => {
    const specs = JSON.parse(readFileSync(join(ROOT, 'build', 'templates', 'precompiled.json'), 'utf8')) as Record<string, string>;
    const files = readdirSync(join(ROOT, 'templates'), { recursive: true }).map(String).filter((f) => f.endsWith('.hbs'));
    assert.ok(files.length >= 20, `${files.length} templates`);
    assert.deepEqual(files.filter((f) => !(precompiledKey(readFileSync(join(ROOT, 'templates', f), 'utf8')) in specs)), []);
  });

  const cases: [string, (set: string) => Promise<string>][] = [
    ['mgdc-adf', async () => {
      const dir = await copyExampleOffer(join(await tempDir(), 'adf'));
      await editOfferYaml(dir, 'set: mgdc-adf', 'path: tpl');
      return dir;
    }],
    ['minimal', async () => writeOffer(minimalOffer('minimal-offer', '{ path: tpl }'))],
  ];
  for (const [set, offerAt] of cases) {
    it(`${set}: rendered from the precompiled specs, every plan's files are those of templates compiled on the spot`, async () => {
      const before = precompiled.hits;
      const fromSpecs = await render(set, offerAt);
      assert.ok(precompiled.hits > before, 'the precompiled specs were used');
      precompiled.use = false;
      let compiled: Map<string, Buffer>;
      try {
        const hits = precompiled.hits;
        compiled = await render(set, offerAt);
        assert.equal(precompiled.hits, hits, 'nothing precompiled was used');
      } finally {
        precompiled.use = true;
      }
      assert.deepEqual([...fromSpecs.keys()].sort(), [...compiled.keys()].sort());
      for (const [name, bytes] of fromSpecs) assert.ok(bytes.equals(compiled.get(name)!), `${name} differs`);
    });
  }
});
