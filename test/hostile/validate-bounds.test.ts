// validate stays within the bounds every command keeps (README, Safety: 10 s of CPU and 300 MB for any input) on
// packages whose size multiplies a rule's work: tens of thousands of comments beside as many properties, empty
// values by the ten thousand in one object, an expression of 40,000 parameters(), 60,000 "providers(" before one
// ")", thousands of names (variables, controls and their outputs) a rule had looked for one by one. A rule lists
// 1,000 findings in a file and counts the rest into one more.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { measuredCli } from '../helpers/measured-cli.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

interface Diag {
  code: string;
  message: string;
  pointer?: string;
}

async function validate(mainTemplate: string, createUiDefinition?: string): Promise<{ diagnostics: Diag[]; cpuMs: number; peakMb: number }> {
  const dir = await tempDir('offerkit-validate-bounds-');
  await mkdir(join(dir, 'pkg'));
  await writeFile(join(dir, 'pkg', 'mainTemplate.json'), mainTemplate);
  if (createUiDefinition !== undefined) await writeFile(join(dir, 'pkg', 'createUiDefinition.json'), createUiDefinition);
  const r = await measuredCli(['validate', join(dir, 'pkg'), '--format', 'json'], dir);
  assert.ok(!r.timedOut, 'validate ended');
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /internal error|rule-crashed/);
  assert.ok(r.cpuMs > 0 && r.cpuMs < 10000, `${r.cpuMs} ms of CPU`);
  assert.ok(r.peakMb > 0 && r.peakMb < 300, `peak ${r.peakMb} MB`);
  return { ...(JSON.parse(r.stdout) as { diagnostics: Diag[] }), cpuMs: r.cpuMs, peakMb: r.peakMb };
}

const of = (ds: Diag[], code: string) => ds.filter((d) => d.code === code);

describe('validate within 10 s of CPU and 300 MB on templates that multiply a rule\'s work', function () {
  this.timeout(120000);

  it('60,000 empty variables, each after a comment: 1,000 listed per rule, the rest counted into one more', async () => {
    const vars = Array.from({ length: 60000 }, (_, i) => `/* c */ "v${i}": ""`).join(',\n');
    const { diagnostics } = await validate(`{"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "variables": {\n${vars}\n}, "resources": []}`);
    for (const code of ['template-should-not-contain-blanks', 'variables-must-be-referenced']) {
      const found = of(diagnostics, code);
      assert.equal(found.length, 1001, code);
      assert.equal(found[0].pointer, '/variables/v0');
      assert.equal(found[999].pointer, '/variables/v999');
      assert.match(found[1000].message, /^…and 59000 more findings of this rule in this file from here on, not listed \(the first 1000 are\)/);
      assert.equal(found[1000].pointer, '/variables/v1000');
    }
  });

  it('a 640 kB expression of 40,000 parameters(): the parameter is found used', async () => {
    const refs = Array.from({ length: 40000 }, () => "parameters('p')").join(',');
    const { diagnostics } = await validate(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { p: { type: 'string' }, unused: { type: 'string' } }, variables: { v: `[concat(${refs})]` }, resources: [], outputs: { o: { type: 'string', value: "[variables('v')]" } } }));
    assert.deepEqual(of(diagnostics, 'parameters-must-be-referenced').map((d) => d.pointer), ['/parameters/unused']);
    assert.equal(of(diagnostics, 'variables-must-be-referenced').length, 0);
  });

  it('60,000 "providers(" before one ")": providers(…).apiVersions found once, where it is', async () => {
    const { diagnostics } = await validate(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { v: `[concat(${'providers('.repeat(60000)}'a').apiVersions[0])]` }, resources: [], outputs: { o: { type: 'string', value: "[variables('v')]" } } }));
    assert.deepEqual(of(diagnostics, 'providers-apiversions-is-not-permitted').map((d) => d.pointer), ['/variables/v']);
  });

  it('10,000 controls with allowed values and 10,000 outputs: each output read once for the controls it names', async () => {
    const n = 10000;
    const basics = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, type: 'Microsoft.Common.DropDown', label: 'x', toolTip: 't', constraints: { allowedValues: [{ label: 'a', value: 'a' }] } }));
    // Even controls are read by an output (every fourth through steps-like case and spacing); odd ones by none.
    const outputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [`o${i}`, i % 2 ? `[basics('z${i}')]` : `[basics( 'C${i}' )]`]));
    const ui = { $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics, steps: [], outputs: { location: '[location()]', ...outputs } } };
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`o${i}`, { type: 'string', allowedValues: ['a'] }])), resources: [] };
    const { diagnostics } = await validate(JSON.stringify(template), JSON.stringify(ui));
    const found = of(diagnostics, 'allowed-values-should-actually-be-allowed');
    assert.equal(found.length, 1001);
    assert.deepEqual(found.slice(0, 2).map((d) => d.message), ['Control "c1" offers allowed values but no output passes its value to the template.', 'Control "c3" offers allowed values but no output passes its value to the template.']);
    assert.match(found[1000].message, /^…and 4000 more findings/);
  });

  it('10,000 steps and 10,000 outputs reading them: each step and control found by name, not by a search', async () => {
    const n = 10000;
    const steps = Array.from({ length: n }, (_, i) => ({ name: `s${i}`, label: 'x', elements: [{ name: 'e', type: 'Microsoft.Common.TextBox', label: 'x', toolTip: 't' }] }));
    // Read in reverse order; every 2,000th reads a control its step lacks.
    const outputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [`o${i}`, `[steps('S${n - 1 - i}').${i % 2000 ? 'E' : 'missing'}]`]));
    const ui = { $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps, outputs: { location: '[location()]', ...outputs } } };
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`o${i}`, { type: 'string' }])), resources: [] };
    const { diagnostics } = await validate(JSON.stringify(template), JSON.stringify(ui));
    assert.deepEqual(
      of(diagnostics, 'controls-in-outputs-must-exist').map((d) => d.pointer),
      [0, 2000, 4000, 6000, 8000].map((i) => `/parameters/outputs/o${i}`),
    );
  });

  it('20,000 variables of a copy loop beside 300 kB of text: read in one pass, the used ones found', async () => {
    const copy = Array.from({ length: 20000 }, (_, i) => ({ name: `n${i}`, count: 1, input: 'x' }));
    const { diagnostics } = await validate(
      JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { copy, pad: 'y'.repeat(300000) }, resources: [], outputs: { a: { type: 'string', value: "[variables('n1')]" }, b: { type: 'array', value: "[variables('copy').n2]" }, c: { type: 'array', value: "[variables('copy')['n3']]" }, d: { type: 'string', value: "[variables('pad')]" } } }),
    );
    const unused = of(diagnostics, 'variables-must-be-referenced');
    assert.equal(unused.length, 1001);
    assert.deepEqual(unused.slice(0, 2).map((d) => d.message), ['Variable "n0" (from a copy loop) is never used.', 'Variable "n4" (from a copy loop) is never used.']);
    assert.match(unused[1000].message, /^…and 18997 more findings/);
  });
});
