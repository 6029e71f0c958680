// The preview's pure parts as tables: createUiDefinition expressions, safe markdown, the cost arithmetic,
// price-list overrides and which request paths the server accepts.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimateMonthlyCost, runsPerMonth, type CostDataset, type CostPlan } from '../../src/preview/client/cost.js';
import { evaluateDeep, evaluateOrNot, evaluateValue, ExpressionError, NotEvaluated, type ExpressionScope } from '../../src/preview/client/expressions.js';
import { parseExpression, walkExpression } from '../../src/arm/expressions.js';
import { deploymentParameters, MASK } from '../../src/preview/client/parameters-file.js';
import { sampleArmAnswer } from '../../src/preview/client/controls-portal.js';
import { parseMarkup, type MarkupNode } from '../../src/preview/client/markup.js';
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

// Every example of Microsoft's createUiDefinition function reference, with the result the page states
// (https://learn.microsoft.com/azure/azure-resource-manager/managed-applications/create-ui-definition-collection-functions
// and the string, logical, conversion, date and math pages beside it).
describe('createUiDefinition functions: Microsoft\'s documented examples', () => {
  const element1 = { arr: [1, 2, 3], obj: { key1: 'Linux', key2: 'Windows' } };
  const docs: ExpressionScope = { ...scope, steps: (n) => (n === 'demoStep' ? element1 : undefined) };
  const cases: [string, unknown][] = [
    ["[contains('webapp', 'web')]", true],
    ["[contains(steps('demoStep').arr, 4)]", false],
    ["[contains(steps('demoStep').obj, 'key1')]", true],
    ["[empty('')]", true],
    ["[empty(steps('demoStep').arr)]", false],
    ["[empty(steps('demoStep').missing)]", true],
    ["[filter(parse('[{\"name\":\"abc\"},{\"name\":\"xyz\"}]'), (item) => contains(item.name, 'abc'))]", [{ name: 'abc' }]],
    ["[first('contoso')]", 'c'],
    ["[first(steps('demoStep').arr)]", 1],
    ["[first(steps('demoStep').obj)]", { key1: 'Linux' }],
    ["[last('contoso')]", 'o'],
    ["[last(steps('demoStep').arr)]", 3],
    ["[last(steps('demoStep').obj)]", { key2: 'Windows' }],
    ["[length('Contoso')]", 7],
    ["[length(steps('demoStep').obj)]", 2],
    ["[map(parse('[1, 2, 3]'), (item) => mul(2, item))]", [2, 4, 6]],
    ["[map(parse('[{\"name\":\"abc\"},{\"name\":\"xyz\"}]'), (item) => item.name)]", ['abc', 'xyz']],
    ["[skip('webapp', 3)]", 'app'],
    ["[skip(steps('demoStep').arr, 2)]", [3]],
    ["[skip(steps('demoStep').obj, 1)]", { key2: 'Windows' }],
    ["[split('555-867-5309', '-')]", ['555', '867', '5309']],
    ["[take('webapp', 3)]", 'web'],
    ["[take(steps('demoStep').arr, 2)]", [1, 2]],
    ["[take(steps('demoStep').obj, 1)]", { key1: 'Linux' }],
    ["[and(equals(0, 0), equals('web', 'web'), less(1, 2))]", true],
    ["[and(equals(0, 0), greater(1, 2))]", false],
    ["[coalesce(steps('demoStep').element1, steps('demoStep').element2, 'Contoso')]", 'Contoso'],
    ["[equals('abc', split('a,b,c', ','))]", false],
    ["[greater('9', '10')]", true],
    ["[less('9', '10')]", false],
    ["[if(equals(42, mul(6, 7)), 'yes', 'no')]", 'yes'],
    ["[not(equals(0, 0))]", false],
    ["[or(equals(0, 0), greater(1, 2))]", true],
    ['[bool(1)]', true],
    ['[bool(0)]', false],
    ["[bool('true')]", true],
    ["[decodeBase64('Q29udG9zbw==')]", 'Contoso'],
    ["[encodeBase64('Contoso')]", 'Q29udG9zbw=='],
    ["[encodeUriComponent('https://portal.azure.com/')]", 'https%3A%2F%2Fportal.azure.com%2F'],
    ["[float('1.0')]", 1],
    ['[int(2.9)]', 2],
    ["[parse('[1,2,3]')]", [1, 2, 3]],
    ['[string(2.9)]', '2.9'],
    ["[addHours('1990-12-31T23:59:59Z', 1)]", '1991-01-01T00:59:59.000Z'],
    ["[addMinutes('1990-12-31T23:59:59Z', 1)]", '1991-01-01T00:00:59.000Z'],
    ["[addSeconds('1990-12-31T23:59:59Z', 1)]", '1991-01-01T00:00:00.000Z'],
    ['[ceil(3.14)]', 4],
    ['[div(6, 3)]', 2],
    ['[floor(3.14)]', 3],
    ['[max(1, 2)]', 2],
    ['[mod(6, 4)]', 2],
    ['[range(1, 3)]', [1, 2, 3]],
    ["[concat('Demo ', 'Contoso', ' app')]", 'Demo Contoso app'],
    ["[endsWith('tuvwxyz', 'xyz')]", true],
    ["[indexOf('abcdef', 'cd')]", 2],
    ["[lastIndexOf('test', 't')]", 3],
    ["[replace('Contoso.net web app', '.net', '.com')]", 'Contoso.com web app'],
    ["[substring('Contoso.com web app', 12, 3)]", 'web'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${JSON.stringify(expected)}`, () => assert.deepEqual(evaluateValue(input, docs), expected));
  it('rand(-100, 100) is a number in the range', () => {
    const r = evaluateValue('[rand(-100, 100)]', docs);
    assert.ok(typeof r === 'number' && r >= -100 && r <= 100);
  });
});

describe('createUiDefinition lambdas and lazy functions', () => {
  const clusters = { value: [{ name: 'aks1', id: '/x/aks1', properties: { kubernetesVersion: '1.26.3' } }, { name: 'aks2', id: '/x/aks2', properties: { kubernetesVersion: '1.24.9' } }] };
  const withApi: ExpressionScope = { ...scope, basics: (n) => (n === 'clusterLookup' ? clusters : n === 'createNew' ? false : undefined) };
  it('map() over an ARM answer builds DropDown choices (the Kubernetes offer samples\' shape)', () => {
    assert.deepEqual(evaluateValue(`[map(basics('clusterLookup').value, (item) => parse(concat('{"label":"', item.name, '","value":"', item.id, '"}')))]`, withApi), [{ label: 'aks1', value: '/x/aks1' }, { label: 'aks2', value: '/x/aks2' }]);
  });
  it('lambdas nest, each with its own parameter, and read the form', () => {
    const expr = `[map(filter(basics('clusterLookup').value, (i) =>  contains(parse('["25", "26"]'), last(take(split(i.properties.kubernetesVersion, '.'), 2))) ), (l) => concat(l.name, '@', location()))]`;
    assert.deepEqual(evaluateValue(expr, withApi), ['aks1@westeurope']);
  });
  it('a parameter without parentheses, and reduce() as ARM spells it', () => {
    assert.deepEqual(evaluateValue("[map(parse('[1,2]'), x => add(x, 1))]", scope), [2, 3]);
    assert.equal(evaluateValue("[reduce(parse('[1,2,3]'), 0, (cur, next) => add(cur, next))]", scope), 6);
  });
  it('if() evaluates only the branch it chooses; and()/or()/coalesce() stop at the first that decides', () => {
    assert.equal(evaluateValue("[if(basics('createNew'), reference('x'), 'existing')]", withApi), 'existing');
    assert.equal(evaluateValue("[and(false, reference('x'))]", scope), false);
    assert.equal(evaluateValue("[or(true, reference('x'))]", scope), true);
    assert.equal(evaluateValue("[coalesce('first', reference('x'))]", scope), 'first');
    assert.throws(() => evaluateValue("[if(true, reference('x'), 'no')]", scope), ExpressionError);
  });
  it('a lambda outside map()/filter()/reduce(), or a list that is not one, is an error the form can show', () => {
    assert.throws(() => evaluateValue('[(x) => x]', scope), (e: Error) => e instanceof ExpressionError && e.message.includes('lambda is not a value'));
    assert.throws(() => evaluateValue("[map(basics('nothing'), (x) => x)]", scope), (e: Error) => e instanceof ExpressionError && e.message.includes('map() expects an array, got nothing'));
    assert.throws(() => evaluateValue("[map(parse('[1]'), 'x')]", scope), (e: Error) => e instanceof ExpressionError && e.message.includes('expects a lambda'));
    const r = evaluateOrNot("[filter(basics('nothing'), (x) => x)]", scope);
    assert.ok(r instanceof NotEvaluated && r.toString() === "not evaluated: [filter(basics('nothing'), (x) => x)]");
  });
  it('the parser gives lambdas and their parameters nodes the validator walks', () => {
    const tree = parseExpression("[map(steps('s').list, (item) => item.name)]");
    assert.deepEqual([...walkExpression(tree)].map((n) => n.kind), ['call', 'member', 'call', 'string', 'lambda', 'member', 'variable']);
    assert.throws(() => parseExpression("[map(parse('[1]'), (a b) => a)]"), /lambda/);
    assert.throws(() => parseExpression("[concat(item.name, 'x')]"), /"\(" expected after function name "item.name"/);
  });
});

describe('the parameters file never holds a secure value in clear', () => {
  const params = { adminPassword: { type: 'securestring', hasDefault: false }, settings: { type: 'secureObject', hasDefault: false }, name: { type: 'string', hasDefault: false } };
  const outputs = { adminPassword: 'typed-in-a-TextBox', settings: { key: 'v' }, name: 'app1' };
  it('masked in the review\'s file, left out of a file written to disk', () => {
    const masked = deploymentParameters(outputs, params);
    // The map is prototype-free (a parameter named __proto__ is a parameter): compared as the file holds it.
    assert.deepEqual({ ...masked.document.parameters }, { adminPassword: { value: MASK }, settings: { value: MASK }, name: { value: 'app1' } });
    assert.deepEqual(masked.secure, ['adminPassword', 'settings']);
    const omitted = deploymentParameters(outputs, params, { secure: 'omit' });
    assert.deepEqual({ ...omitted.document.parameters }, { name: { value: 'app1' } });
    assert.deepEqual(omitted.missing, []);
  });
});

describe('ARM calls of the preview (ArmApiControl)', () => {
  const cases: [string, string, unknown][] = [
    ['GET', '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters?api-version=2024-09-01', ['Microsoft.ContainerService/managedClusters', 'managedclusters-sample-1']],
    ['GET', '/subscriptions/s/providers/Microsoft.Network/virtualNetworks/vnet1/subnets?api-version=1', ['Microsoft.Network/virtualNetworks/subnets', 'subnets-sample-1']],
    ['POST', '/subscriptions/s/providers/Microsoft.Storage/checkNameAvailability?api-version=1', { nameAvailable: true, reason: '', message: '' }],
    ['GET', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/site1?api-version=1', {}],
  ];
  for (const [method, path, expected] of cases) {
    it(`${method} ${path.split('?')[0]}`, () => {
      const { answer } = sampleArmAnswer(method, path, 'westeurope');
      const list = (answer as { value?: { type: string; name: string }[] }).value;
      if (Array.isArray(expected)) assert.deepEqual([list?.[0]?.type, list?.[0]?.name], expected);
      else assert.deepEqual(answer, expected);
    });
  }
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

describe('InfoBox markup, read without the browser\'s parser', () => {
  const show = (nodes: MarkupNode[]): string => nodes.map((n) => (typeof n === 'string' ? n : `<${n.tag}${n.href !== undefined ? ` href=${JSON.stringify(n.href)}` : ''}>${show(n.children)}</${n.tag}>`)).join('');
  const cases: [string, string, string][] = [
    ['the portal\'s subset stays', '<p>Read <b>this</b> first.</p><ul><li>one</li><li><em>two</em></li></ul>', '<p>Read <b>this</b> first.</p><ul><li>one</li><li><em>two</em></li></ul>'],
    ['event handlers and unknown elements leave only their text', '<img src=x onerror=alert(1)><svg onload=alert(2)>x</svg><b onmouseover="alert(3)">bold</b><font color=red>red</font>', '<b>bold</b>red'],
    ['script and style go with their content', 'a<script>alert("</p>")</script>b<style>p{}</style>c<SCRIPT src=x></SCRIPT >d', 'abcd'],
    ['an attribute value may hold ">"', '<a href="https://e.com/?a=1" title="a>b">link</a> after', '<a href="https://e.com/?a=1">link</a> after'],
    ['entities are text, never markup', '&lt;script&gt;x&lt;/script&gt; &amp;amp; &#60;b&#x3E; &unknown; &#0;', '<script>x</script> &amp; <b> &unknown; \ufffd'],
    ['comments and declarations vanish; a lone "<" is text', 'a<!-- <b>no</b> -->b<!doctype html>c 1 < 2', 'abc 1 < 2'],
    ['a stray end tag is ignored; an unclosed element ends with the text', '</b>x<p>open <i>still', 'x<p>open <i>still</i></p>'],
    ['void and self-closing elements hold nothing', 'a<br>b<br/>c<span/>d', 'a<br></br>b<br></br>c<span></span>d'],
    ['javascript: hrefs are kept for safeLink to refuse', '<a href=" javascript:alert(1)">x</a>', '<a href=" javascript:alert(1)">x</a>'],
  ];
  for (const [name, src, expected] of cases) it(name, () => assert.equal(show(parseMarkup(src)), expected));
  it('nesting is bounded (a hostile depth cannot grow the page without limit)', () => {
    const depth = (nodes: MarkupNode[]): number => Math.max(0, ...nodes.map((n) => (typeof n === 'string' ? 0 : 1 + depth(n.children))));
    assert.ok(depth(parseMarkup('<span>'.repeat(5000))) <= 21);
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
