// offerkit's own template sets are precompiled and guarded by the build (scripts/precompile-templates.ts); a render
// from the precompiled specs is byte for byte the render from templates guarded and compiled on the spot, and a
// shipped template used where a partial it includes is not declared is guarded again and refused.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOfferPipeline } from '../../src/pipeline/offer-pipeline.js';
import { compileGuarded } from '../../src/template-set/handlebars-env.js';
import { precompiled, precompiledKey, type PrecompiledTemplate } from '../../src/template-set/precompiled-templates.js';
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

  const built = () => JSON.parse(readFileSync(join(ROOT, 'build', 'templates', 'precompiled.json'), 'utf8')) as Record<string, PrecompiledTemplate>;
  const shipped = () => readdirSync(join(ROOT, 'templates'), { recursive: true }).map(String).filter((f) => f.endsWith('.hbs'));

  it('the build precompiled and guarded every template of offerkit\'s sets', () => {
    const entries = built();
    const files = shipped();
    assert.ok(files.length >= 20, `${files.length} templates`);
    assert.deepEqual(files.filter((f) => !(precompiledKey(readFileSync(join(ROOT, 'templates', f), 'utf8')) in entries)), []);
    // offerkit's own templates pass the guard: every one carries the partials it includes.
    assert.deepEqual(files.filter((f) => !Array.isArray(entries[precompiledKey(readFileSync(join(ROOT, 'templates', f), 'utf8'))].partials)), []);
    assert.ok(Object.values(entries).some((e) => (e.partials?.length ?? 0) > 2), 'some include partials');
  });

  it('a shipped template is guarded again where a partial it includes is not declared, and not where all are', () => {
    const file = 'mgdc-adf/mainTemplate.json.hbs';
    const body = readFileSync(join(ROOT, 'templates', file), 'utf8');
    const partials = built()[precompiledKey(body)].partials!;
    assert.ok(partials.length > 0, 'the template includes partials');
    const skipped = precompiled.guardsSkipped;
    const missing = compileGuarded(body, file, { names: new Set(partials.slice(1)), compiled: new Map() });
    assert.equal(missing.template, undefined);
    assert.deepEqual(missing.diagnostics.map((d) => [d.code, d.file]), [['template-unknown-partial', file]]);
    assert.match(missing.diagnostics[0].message, new RegExp(`Unknown partial "${partials[0]}"`));
    assert.equal(precompiled.guardsSkipped, skipped, 'the guard ran');
    const declared = compileGuarded(body, file, { names: new Set(partials), compiled: new Map() });
    assert.deepEqual(declared.diagnostics, []);
    assert.deepEqual(declared.template?.includes, [...partials]);
    assert.equal(precompiled.guardsSkipped, skipped + 1, 'the guard was not run again');
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
      const skipped = precompiled.guardsSkipped;
      const fromSpecs = await render(set, offerAt);
      assert.ok(precompiled.hits > before, 'the precompiled specs were used');
      assert.ok(precompiled.guardsSkipped > skipped, 'their guard was not run again');
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
