// The preview's pure parts as tables: createUiDefinition expressions, safe markdown, the cost arithmetic,
// price-list overrides and which request paths the server accepts.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimateMonthlyCost, runsPerMonth, type CostDataset, type CostPlan } from '../../src/preview/client/cost.js';
import { evaluateDeep, evaluateValue, ExpressionError, type ExpressionScope } from '../../src/preview/client/expressions.js';
import { markdownToHtml } from '../../src/render/markdown.js';
import { defaultPricing, loadPricing } from '../../src/preview/pricing.js';
import { pagePath } from '../../src/preview/server.js';
import { tempDir } from '../helpers/cli.js';

const scope: ExpressionScope = {
  basics: (n) => ({ adminName: 'azureuser', size: 3 })[n],
  steps: (n) => (n === 'net' ? { subnet: { name: 'default', prefix: '10.0.0.0/24' }, count: 2, tags: ['a', 'b'] } : undefined),
  location: () => 'westeurope',
  resourceGroup: () => ({ name: 'rg1', location: 'westeurope' }),
  subscription: () => ({ subscriptionId: 'sub' }),
};

describe('createUiDefinition expressions', () => {
  const cases: [unknown, unknown][] = [
    ["[basics('adminName')]", 'azureuser'],
    ["[steps('net').subnet.name]", 'default'],
    ["[steps('net')['subnet']['prefix']]", '10.0.0.0/24'],
    ["[steps('net').tags[1]]", 'b'],
    ["[concat('vm-', basics('adminName'), '-', string(basics('size')))]", 'vm-azureuser-3'],
    ["[if(equals(steps('net').count, 2), 'two', 'other')]", 'two'],
    ["[and(not(empty(basics('adminName'))), greater(basics('size'), 2))]", true],
    ["[or(false, contains(steps('net').tags, 'a'))]", true],
    ["[toUpper(substring('westeurope', 0, 4))]", 'WEST'],
    ["[replace('a-b-c', '-', '')]", 'abc'],
    ["[length(steps('net').tags)]", 2],
    ["[coalesce(basics('missing'), 'fallback')]", 'fallback'],
    ["[parse('{\"a\":[1,2]}').a[1]]", 2],
    ["[add(mul(2, 3), sub(10, div(9, 2)))]", 12],
    ["[location()]", 'westeurope'],
    ["[resourceGroup().name]", 'rg1'],
    ["['it''s quoted']", "it's quoted"],
    ['[[not an expression]', '[not an expression]'],
    ['plain text', 'plain text'],
    [true, true],
  ];
  for (const [input, expected] of cases) it(`${String(input)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(evaluateValue(input, scope), expected));

  it('evaluates expressions inside objects (outputs)', () => {
    assert.deepEqual(evaluateDeep({ a: "[location()]", b: { c: "[basics('size')]" }, d: ['x', "[steps('net').count]"] }, scope), { a: 'westeurope', b: { c: 3 }, d: ['x', 2] });
  });

  it('refuses what it does not evaluate, with where and why', () => {
    assert.throws(() => evaluateValue("[reference('x')]", scope), (e: Error) => e instanceof ExpressionError && e.message.includes('does not evaluate reference()'));
    assert.throws(() => evaluateValue("[concat('a']", scope), (e: Error) => e instanceof ExpressionError && e.message.includes('position'));
    assert.throws(() => evaluateValue("[basics('x') extra]", scope), ExpressionError);
  });
});

describe('safe markdown', () => {
  const cases: [string, string, RegExp | null][] = [
    ['headings start at h3', '# Title\n## Sub', /^<h3>Title<\/h3>\n<h4>Sub<\/h4>$/],
    ['strong, emphasis, code', 'a **b** *c* `d<e>`', /^<p>a <strong>b<\/strong> <em>c<\/em> <code>d&lt;e&gt;<\/code><\/p>$/],
    ['lists', '1. one\n2. two\n\n- x\n- y', /<ol><li>one<\/li><li>two<\/li><\/ol>\n<ul><li>x<\/li><li>y<\/li><\/ul>/],
    ['https link', '[site](https://example.com/a?b=1&c=2)', /<a href="https:\/\/example\.com\/a\?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">site<\/a>/],
    ['raw HTML is text', '<script>alert(1)</script><img src=x onerror=alert(2)>', /^<p>&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;<\/p>$/],
    ['javascript: links stay inert', '[click](javascript:alert(1))', /<span class="inert-link"[^>]*>click<\/span>/],
    ['data: links stay inert', '[x](data:text/html,<b>)', /inert-link/],
    ['quotes cannot break attributes', '[a](https://e.com/"onmouseover="x)', /href="https:\/\/e\.com\/&quot;onmouseover=&quot;x"/],
    ['fenced code is literal', '```\n<b>**x**</b>\n```', /<pre><code>&lt;b&gt;\*\*x\*\*&lt;\/b&gt;<\/code><\/pre>/],
  ];
  for (const [name, src, re] of cases) it(name, () => assert.match(markdownToHtml(src), re!));
  it('never emits an event handler or script element', () => {
    const out = markdownToHtml('<svg onload=alert(1)> [a](javascript:x) ![i](https://e/x.png) <a href="javascript:y">z</a>');
    assert.doesNotMatch(out, /<(script|svg|img|a href="javascript)/i);
  });

  it('headings read as the ATX pattern reads them, closing hashes and white space removed', () => {
    // The pattern the heading reader replaced (/^(#{1,6})\s+(.*?)\s*#*\s*$/), on inputs it answers quickly.
    const old = (line: string) => {
      const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      return m ? `<h${Math.min(6, m[1].length + 2)}>` : undefined;
    };
    for (const line of ['# a', '## a ##', '### a # b ###  ', '#\ta', '#a', '####### seven', '# #', '#  ', '######  x  ##  ', '# a#', '# \u00a0x']) {
      const html = markdownToHtml(line);
      const opened = /^<h\d>/.exec(html)?.[0];
      assert.equal(opened, old(line), JSON.stringify(line));
      const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (m) assert.equal(html, `${opened}${m[2]}</${opened!.slice(1)}`, JSON.stringify(line));
    }
  });

  it('a heading of 100,000 spaces and a text of 100,000 line breaks are read in one pass', () => {
    // The old heading pattern took a minute for 5,000 spaces; /\n+$/ 15 s for 100,000 line breaks in the middle.
    assert.equal(markdownToHtml(`# a${' '.repeat(100_000)}x`), `<h3>a${' '.repeat(100_000)}x</h3>`);
    assert.match(markdownToHtml(`a${'\n'.repeat(100_000)}b`), /^<p>a<\/p>\n<p>b<\/p>$/);
  });
});

describe('cost estimate arithmetic', () => {
  const pricing = defaultPricing();
  const plan: CostPlan = { id: 'p', displayName: 'P', price: { model: 'perUser', amount: 3, currency: 'USD', billingTerm: 'month' }, storageSku: 'Standard_LRS', retentionDays: 90 };
  const datasets: CostDataset[] = [
    { name: 'BasicDataSet_v0.Message_v1', title: 'Mail', kind: 'items', windowDays: 1, columns: 10 },
    { name: 'BasicDataSet_v0.User_v1', title: 'Users', kind: 'perUser', windowDays: 1, columns: 7 },
  ];
  const inputs = { users: 1000, itemsPerUserPerDay: 50, tenantObjects: 0, frequency: 'Day' as const, interval: 1, retentionDays: 90 };

  it('runs per month follow the schedule', () => {
    assert.equal(runsPerMonth('Day', 1), 365.25 / 12);
    assert.equal(runsPerMonth('Hour', 6), (365.25 / 12) * 4);
    assert.equal(runsPerMonth('Week', 2), 365.25 / 12 / 14);
    assert.equal(runsPerMonth('Month', 1), 1);
  });

  it('prices each line from the price list (directory datasets free)', () => {
    const e = estimateMonthlyCost(plan, datasets, pricing, inputs);
    const by = Object.fromEntries(e.lines.map((l) => [l.key, l.amount]));
    const runs = 365.25 / 12;
    assert.equal(by.plan, 3000);
    assert.equal(by.extraction, Math.round(((1000 * 50 * runs) / 1000) * 0.75 * 100) / 100);
    assert.equal(by.orchestration, Math.round(((runs * 2) / 1000) * 1 * 100) / 100);
    assert.equal(by.dataMovement, Math.round(runs * 2 * 4 * 0.75 * 0.25 * 100) / 100);
    const gbPerDay = ((1000 * 50 * runs * 10 + 1000 * runs * 7) * 64) / runs / 1e9;
    assert.equal(by.storage, Math.round(gbPerDay * 90 * 0.0184 * 100) / 100);
    assert.equal(e.totals.USD, Math.round(Object.values(by).reduce((a, b) => a + b, 0) * 100) / 100);
  });

  it('a yearly flat plan is spread over twelve months; another currency gets its own total', () => {
    const e = estimateMonthlyCost({ ...plan, price: { model: 'flat', amount: 1200, currency: 'EUR', billingTerm: 'year' } }, datasets, pricing, inputs);
    assert.equal(e.lines[0].amount, 100);
    assert.deepEqual(Object.keys(e.totals).sort(), ['EUR', 'USD']);
    assert.equal(e.totals.EUR, 100);
  });

  it('a package that copies no data has no Data Connect or Data Factory lines; billable resources are "not estimated", free ones are not listed', () => {
    const e = estimateMonthlyCost({ ...plan, resourceTypes: { 'Microsoft.Storage/storageAccounts': 1, 'Microsoft.Compute/virtualMachines': 2, 'Microsoft.Network/virtualNetworks': 1, 'Microsoft.Authorization/roleAssignments': 3 } }, [], pricing, inputs);
    assert.deepEqual(e.lines.map((l) => l.key), ['plan']);
    assert.deepEqual(e.notEstimated, [{ type: 'Microsoft.Compute/virtualMachines', count: 2 }, { type: 'Microsoft.Storage/storageAccounts', count: 1 }]);
    const copying = estimateMonthlyCost({ ...plan, resourceTypes: { 'Microsoft.Storage/storageAccounts': 1, 'Microsoft.DataFactory/factories': 1, 'Microsoft.DataFactory/factories/pipelines': 1 } }, datasets, pricing, inputs);
    assert.deepEqual(copying.notEstimated, [], 'the copy lines price the storage account and the factory');
  });

  it('nonsense inputs (negative, empty) count as zero, never NaN', () => {
    const e = estimateMonthlyCost(plan, datasets, pricing, { ...inputs, users: -5, itemsPerUserPerDay: Number.NaN, interval: 0 });
    for (const l of e.lines) assert.ok(Number.isFinite(l.amount) && l.amount >= 0, l.key);
  });
});

describe('publisher price lists', () => {
  it('a pricing.json in the offer folder overrides only what it names', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'pricing.json'), JSON.stringify({ asOf: '2027-01-01', storage: { perGbMonth: { Standard_LRS: 0.5 } } }));
    const p = await loadPricing(dir);
    assert.deepEqual(p.diagnostics, []);
    assert.equal(p.pricing.asOf, '2027-01-01');
    assert.equal(p.pricing.storage.perGbMonth.Standard_LRS, 0.5);
    assert.equal(p.pricing.storage.perGbMonth.Standard_GRS, defaultPricing().storage.perGbMonth.Standard_GRS);
    assert.match(p.source, /pricing\.json$/);
  });

  it('a malformed one is a diagnostic and the default prices stay', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'pricing.json'), JSON.stringify({ graphDataConnect: { unitPrice: -1 }, currency: 'dollars' }));
    const p = await loadPricing(dir);
    assert.deepEqual(p.diagnostics.map((d) => d.pointer).sort(), ['/currency', '/graphDataConnect/unitPrice']);
    assert.equal(p.pricing.graphDataConnect.unitPrice, defaultPricing().graphDataConnect.unitPrice);
    await writeFile(join(dir, 'pricing.json'), '{ nope');
    assert.equal((await loadPricing(dir)).diagnostics[0]?.code, 'pricing-invalid');
  });
});

describe('preview server paths', () => {
  const cases: [string, string | number][] = [
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/plans/starter/install.html?x=1', 'plans/starter/install.html'],
    ['/../package.json', 400],
    ['/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/plans/..%2f..%2foffer.yaml', 400],
    ['/a%5c..%5cb', 400],
    ['/x%00', 400],
    ['/%E0%A4%A', 400],
  ];
  for (const [raw, expected] of cases) {
    it(`${raw} → ${expected}`, () => {
      const r = pagePath(raw);
      if (typeof expected === 'number') assert.equal('status' in r ? r.status : r.path, expected);
      else assert.equal('path' in r ? r.path : r.status, expected);
    });
  }
});
