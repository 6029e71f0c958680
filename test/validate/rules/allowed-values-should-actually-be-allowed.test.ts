import assert from 'node:assert/strict';
import { like } from '../../../src/package-model/ui-model.js';
import { cuid, ruleTests, tpl } from '../rule-tester.js';

const dropdown = (values: string[]) => ({ name: 'sku', type: 'Microsoft.Common.DropDown', label: 'SKU', toolTip: 't', constraints: { allowedValues: values.map((v) => ({ label: v, value: v })) } });
const main = (allowed?: string[], def?: string) => tpl([], { parameters: { sku: { type: 'string', ...(allowed ? { allowedValues: allowed } : {}), ...(def ? { defaultValue: def } : {}) } } });

ruleTests('allowed-values-should-actually-be-allowed', {
  valid: [
    { name: 'every offered value is allowed', template: main(['S1', 'S2']), ui: cuid({ basics: [dropdown(['S1', 'S2'])], outputs: { location: '[location()]', sku: "[basics('sku')]" } }) },
    { name: 'template without allowedValues', template: main(), ui: cuid({ basics: [dropdown(['S1'])], outputs: { location: '[location()]', sku: "[basics('sku')]" } }) },
    { name: 'control in a step', template: main(['S1']), ui: cuid({ steps: [{ name: 'st', label: 'S', elements: [dropdown(['S1'])] }], outputs: { location: '[location()]', sku: "[steps('st').sku]" } }) },
    { name: 'no main template: skipped', ui: cuid({ basics: [dropdown(['S9'])] }) },
  ],
  invalid: [
    { name: 'a value the template refuses', template: main(['S1']), ui: cuid({ basics: [dropdown(['S1', 'S3'])], outputs: { location: '[location()]', sku: "[basics('sku')]" } }), errors: [{ message: /offers "S3"/, pointer: '/parameters/basics/0/constraints', line: 12, column: 24 }] },
    { name: 'template default not offered and not allowed', template: main(undefined, 'S5'), ui: cuid({ basics: [dropdown(['S1'])], outputs: { location: '[location()]', sku: "[basics('sku')]" } }), errors: [{ message: /default "S5"/, line: 5, column: 17 }] },
    { name: 'output to a missing parameter', template: tpl(), ui: cuid({ basics: [dropdown(['S1'])], outputs: { location: '[location()]', tier: "[basics('sku')]" } }), errors: [{ message: /"tier".*not a parameter/, pointer: '/parameters/outputs/tier', line: 25, column: 15 }] },
    { name: 'control never output', template: main(['S1']), ui: cuid({ basics: [dropdown(['S1'])] }), errors: [{ message: /no output passes/, line: 12, column: 24 }] },
  ],
});

describe('like: PowerShell wildcards without backtracking', () => {
  const table: [string, string, boolean][] = [
    ['Standard_D2s_v3', 'standard_d*', true],
    ['abc', 'a?c', true],
    ['abc', 'a[a-c]c', true],
    ['abd', 'a[x-z]d', false],
    ['a*b', 'a[*]b', true],
    ['hello world', '*o w*', true],
    ['aaa', 'a*a*a*a', false],
    ['', '*', true],
  ];
  for (const [value, pattern, matches] of table) it(`${JSON.stringify(value)} -like ${JSON.stringify(pattern)} is ${matches}`, () => assert.equal(like(value, pattern), matches));
  it('answers on patterns that make a regular expression backtrack for ever', () => {
    assert.equal(like('a'.repeat(100_000), `${'*a'.repeat(50_000)}b`), false);
    assert.equal(like('a'.repeat(40_000), `*${'a'.repeat(20_000)}b`), false);
  });
});
