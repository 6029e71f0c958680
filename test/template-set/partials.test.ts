// Partials: what two template sets share is written once and included with {{> name}}. A set declares its
// partials in templateset.yaml; they render under the same guard, helpers, strict mode and budgets as its
// templates, may come from the sets beside it (offerkit's templates/ folder, or the offer folder) but never from
// outside it, and a failure inside one is reported in the partial's own file, at its line.

import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileGuarded, RenderBudgetError, renderFailure, type CompiledTemplate, type PartialLibrary } from '../../src/template-set/handlebars-env.js';
import { runOfferPipeline } from '../../src/pipeline/offer-pipeline.js';
import { minimalOffer, writeOffer } from '../helpers/offer-fixture.js';
import { tempDir } from '../helpers/cli.js';

const library = (partials: Record<string, string>): PartialLibrary => {
  const lib: PartialLibrary = { names: new Set(Object.keys(partials)), compiled: new Map() };
  for (const [name, body] of Object.entries(partials)) {
    const c = compileGuarded(body, `${name}.hbs`, lib);
    assert.ok(c.template, JSON.stringify(c.diagnostics));
    lib.compiled.set(name, c.template);
  }
  return lib;
};

describe('template partials', () => {
  it('a declared partial renders with the current context and its named values, through the same escaping helpers', () => {
    const lib = library({ account: '{ "name": "[variables(\'{{armString nameVar}}\')]", "sku": {{json sku}}, "id": {{json offer.id}} }' });
    const c = compileGuarded('[{{> account nameVar="lake" sku=inputs.sku}}, {{> account nameVar="data" sku="Standard_LRS"}}]', 'main.hbs', lib);
    assert.ok(c.template, JSON.stringify(c.diagnostics));
    assert.deepEqual(c.template.includes, ['account']);
    const out = JSON.parse(c.template.render({ offer: { id: '[evil]' }, inputs: { sku: 'Standard_ZRS' } })) as unknown;
    assert.deepEqual(out, [
      { name: "[variables('lake')]", sku: 'Standard_ZRS', id: '[[evil]' },
      { name: "[variables('data')]", sku: 'Standard_LRS', id: '[[evil]' },
    ]);
  });

  it('an undeclared, dynamic or positional partial, and a partial block, are refused at their line and column', () => {
    const lib = library({ account: '{}' });
    const cases: [string, string, number, number][] = [
      ['x\n  {{> acount}}', 'template-unknown-partial', 2, 3],
      ['{{> (lookup . "name")}}', 'template-unsupported', 1, 1],
      ['{{> @partial-block}}', 'template-unsupported', 1, 1],
      ['{{> account offer}}', 'template-unsupported', 1, 1],
      ['{{#> account}}x{{/account}}', 'template-unsupported', 1, 1],
    ];
    for (const [body, code, line, column] of cases) {
      const c = compileGuarded(body, 'main.hbs', lib);
      assert.equal(c.template, undefined, body);
      assert.deepEqual(c.diagnostics.map((d) => [d.code, d.line, d.column]), [[code, line, column]], body);
    }
    assert.match(compileGuarded('{{> acount}}', 'main.hbs', lib).diagnostics[0].message, /Unknown partial "acount"\. Did you mean "?account"?\?/);
    // A partial body is guarded like a template: unescaped output is refused there too.
    const bad = compileGuarded('{{{offer.id}}}', 'account.hbs', lib);
    assert.deepEqual(bad.diagnostics.map((d) => [d.code, d.file]), [['template-unsafe-output', 'account.hbs']]);
  });

  it('a field missing inside a partial is reported in the partial\'s file, at its line', () => {
    const lib = library({ account: '{\n  "sku": {{json inputs.nope}}\n}' });
    const c = compileGuarded('[\n{{> account}}\n]', 'main.hbs', lib);
    let failure: unknown;
    try {
      c.template!.render({ inputs: {} });
    } catch (e) {
      failure = e;
    }
    const d = renderFailure(c.template!, failure, 'mainTemplate.json');
    assert.deepEqual([d.code, d.file, d.line, d.column], ['render-failed', 'account.hbs', 2, 10]);
    assert.match(d.message, /"inputs\.nope"/);
  });

  it('the render budget covers what partials render', () => {
    const lib = library({ each: '{{#each @root.offer.a}}{{#each @root.offer.a}}{{json this}}{{/each}}{{/each}}' });
    const c = compileGuarded('{{#each offer.a}}{{> each}}{{/each}}', 'main.hbs', lib);
    const a = Array.from({ length: 2000 }, (_, i) => i);
    // The loop budget, or on a busy machine the clock: either way the render inside the partial is stopped.
    assert.throws(() => c.template!.render({ offer: { a } }), (e: unknown) => e instanceof RenderBudgetError && /ran more than 1000000 times in one render|the render took more than 3 s/.test(e.message));
  });

  describe('in a template set', () => {
    const set = (partials: string, files: Record<string, string>) => ({
      'tpl/templateset.yaml': `name: shared-test\ndescription: A set with partials.\nfiles:\n  mainTemplate.json: main.json.hbs\n  createUiDefinition.json: ui.json.hbs\n${partials}`,
      'tpl/main.json.hbs': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": { "location": { "type": "string", "defaultValue": "[resourceGroup().location]" } }, "resources": [ {{> account}} ], "outputs": { "location": { "type": "string", "value": "[parameters(\'location\')]" } } }',
      'tpl/ui.json.hbs': '{ "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#", "handler": "Microsoft.Azure.CreateUIDef", "version": "0.1.2-preview", "parameters": { "basics": [], "steps": [], "outputs": { "location": "[location()]" } } }',
      ...files,
    });
    const ACCOUNT = '{ "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": {{json (concat "st" offer.id)}}, "location": "[parameters(\'location\')]", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2", "properties": { "supportsHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2", "allowBlobPublicAccess": false } }';

    it('a partial shared from beside the set, inside the offer folder, renders', async () => {
      const dir = await writeOffer(minimalOffer('partial-offer', '{ path: tpl }'), set('partials:\n  account: ../shared/account.json.hbs\n', { 'shared/account.json.hbs': ACCOUNT }));
      const r = await runOfferPipeline(dir);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), []);
      const main = JSON.parse(r.rendered[0].files.get('mainTemplate.json')!.toString('utf8')) as { resources: { name: string }[] };
      assert.equal(main.resources[0].name, 'stpartial-offer');
    });

    it('a partial outside the folder the sets share, or a link out of it, is refused where templateset.yaml names it', async () => {
      const outside = await tempDir();
      await writeFile(join(outside, 'account.json.hbs'), ACCOUNT);
      const escape = await writeOffer(minimalOffer('partial-offer', '{ path: tpl }'), set(`partials:\n  account: ${join('..', '..', '..', outside.split('/').pop()!, 'account.json.hbs')}\n`, {}));
      const r1 = await runOfferPipeline(escape);
      const d1 = r1.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(d1.map((d) => [d.code, d.file?.endsWith('templateset.yaml'), d.line]), [['template-set-path-escape', true, 7]]);
      const linked = await writeOffer(minimalOffer('partial-offer', '{ path: tpl }'), set('partials:\n  account: ../shared/account.json.hbs\n', {}));
      await mkdir(join(linked, 'shared'));
      await symlink(join(outside, 'account.json.hbs'), join(linked, 'shared', 'account.json.hbs'));
      const r2 = await runOfferPipeline(linked);
      assert.deepEqual(r2.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['template-set-link-escape']);
    });

    it('partials that include one another in a loop are refused before anything renders', async () => {
      const dir = await writeOffer(minimalOffer('partial-offer', '{ path: tpl }'), set('partials:\n  account: a.json.hbs\n  other: b.json.hbs\n', { 'tpl/a.json.hbs': '{{> other}}', 'tpl/b.json.hbs': '{{> account}}' }));
      const r = await runOfferPipeline(dir);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.code), ['template-partial-cycle']);
      assert.match(errors[0].message, /account → other → account/);
      assert.equal(errors[0].line, 7);
    });
  });

  it("offerkit's two Data Connect sets take what they share from one folder, and every partial they declare is used", async () => {
    const { shippedTemplateSet, loadTemplateSet } = await import('../../src/template-set/template-set.js');
    const sets = await Promise.all(['mgdc-adf', 'mgdc-synapse'].map(async (name) => {
      const s = await shippedTemplateSet(name);
      const loaded = await loadTemplateSet(s.root, s.shared);
      assert.ok(loaded.set, JSON.stringify(loaded.diagnostics));
      return loaded.set;
    }));
    for (const s of sets) {
      const used = new Set<string>();
      const visit = (t: CompiledTemplate) => t.includes.forEach((n) => used.add(n));
      [...s.templates.values(), ...s.partials.values()].forEach(visit);
      assert.deepEqual([...s.partials.keys()].filter((n) => !used.has(n)), [], `${s.name} declares partials it never includes`);
      for (const p of s.partials.values()) assert.match(p.file, /templates\/mgdc-shared\//);
    }
    // The copy's shape, the storage accounts and the role assignments are among what both include.
    const both = [...sets[0].partials.keys()].filter((n) => sets[1].partials.has(n));
    for (const n of ['storageAccount', 'destinationStorage', 'roleAssignment', 'office365LinkedService', 'destinationLinkedService', 'copyActivities', 'pipeline', 'scheduleTrigger', 'integrationRuntime']) assert.ok(both.includes(n), n);
  });
});
