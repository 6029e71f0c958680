// offerkit preview in a real browser: what the customer reads (listing, plans, terms, data requested, policies),
// the cost estimate against a figure computed by hand, the static export from disk, live edits, and a server
// that serves nothing but its pages.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadCatalog } from '../../src/datasets/catalog.js';
import { copyExampleOffer, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { describeInBrowsers, browserOf, screenshot, startPreview, watchedPage, type RunningPreview } from './browser.js';
import { parseJson } from '../helpers/json.js';

/** The example offer's request, as written in offer.yaml (read independently of offerkit's loader). */
const EXPECTED_COLUMNS: Record<string, string[]> = {
  'BasicDataSet_v0.Message_v1': ['id', 'internetMessageId', 'conversationId', 'sender', 'toRecipients', 'ccRecipients', 'sentDateTime', 'receivedDateTime', 'importance', 'hasAttachments'],
  'BasicDataSet_v0.User_v1': ['id', 'displayName', 'mail', 'department', 'jobTitle', 'officeLocation', 'country'],
};

async function requestedColumns(page: Page): Promise<Record<string, string[]>> {
  return page.$$eval('[data-dataset]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-dataset')!, Array.from(e.querySelectorAll("[data-requested-column]")).map((c) => c.getAttribute('data-requested-column')!)])));
}

describeInBrowsers('offerkit preview (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let offer: string;
  let preview: RunningPreview;

  before(async () => {
    browser = await browserOf(choice);
    offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    preview = await startPreview(offer, ['--plan', 'standard']);
  });
  after(async () => {
    await preview?.stop();
  });

  it('serves on 127.0.0.1 only and makes no request beyond the page itself', async () => {
    assert.match(preview.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { page, requests, problems } = await watchedPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.deepEqual(requests, [preview.url], 'one request: the page; styles and script are inline, images are data: URIs');
    assert.deepEqual(problems, []);
    await screenshot(page, 'overview');
    await page.close();
  });

  it('shows every requested column of the example offer and no other; the rest is listed as not requested', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(preview.url);
    assert.deepEqual(await requestedColumns(page), EXPECTED_COLUMNS);
    const catalog = loadCatalog();
    for (const [dataset, columns] of Object.entries(EXPECTED_COLUMNS)) {
      const absent = await page.$$eval(`[data-dataset="${dataset}"] [data-absent-column]`, (els) => els.map((e) => e.getAttribute('data-absent-column')!));
      const all = catalog.datasets.find((d) => d.name === dataset)!.columns.map((c) => c.name);
      assert.deepEqual(absent.sort(), all.filter((c) => !columns.includes(c)).sort(), `${dataset}: absent columns are visible, not hidden`);
      assert.ok(await page.isVisible(`[data-dataset="${dataset}"] .absent`));
    }
    const text = await page.innerText('#data');
    assert.match(text, /only members of these Entra ID groups: 6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f/);
    assert.match(text, /To measure who works with whom/);
    assert.match(text, /Copies run every day/);
    assert.match(text, /in your own subscription: container "mail-insights", Parquet files/);
    await page.close();
  });

  it('shows the listing, the plans side by side, the terms in full, the policies and the publisher access', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(preview.url);
    const listing = await page.innerText('#listing');
    assert.match(listing, /Contoso Mail Insights/);
    assert.match(listing, /by Contoso Analytics Ltd\./);
    assert.equal(await page.textContent('#listing .description strong'), "without any message content\never leaving your tenant's control".replace('\n', ' '));
    assert.equal(await page.getAttribute('#listing a[href^="https://contoso-analytics.example.com/privacy"]', 'href'), 'https://contoso-analytics.example.com/privacy');
    assert.deepEqual(await page.$$eval('table.plans thead th[data-plan]', (els) => els.map((e) => e.getAttribute('data-plan'))), ['starter', 'standard', 'enterprise']);
    assert.match(await page.innerText('table.plans tr.price'), /\$490 per month\s+\$3 per user per month\s+\$2\.40 per user per month/);
    assert.ok(await page.$('table.plans tr.differs'), 'rows where plans differ are marked');
    const terms = await readFile(join(offer, 'terms.md'), 'utf8');
    const termsText = await page.innerText('#terms');
    for (const sentence of ['Contoso does not copy\nit elsewhere.', 'You may revoke the data request at any time']) assert.ok(termsText.replace(/\s+/g, ' ').includes(sentence.replace(/\s+/g, ' ')), sentence);
    assert.ok(terms.length > 1000);
    const policies = await page.innerText('#policies');
    for (const name of ['secure-transfer', 'minimum-tls', 'diagnostic-settings']) {
      const yaml = await readFile(join(ROOT, 'policies', `${name}.yaml`), 'utf8');
      const id = /policyDefinitionId:\s*(\S+)/.exec(yaml)![1];
      assert.ok(policies.includes(id), `${name} maps to ${id}`);
    }
    assert.match(policies, /Just-in-time access: the publisher must request access each time, for at most 8 hours, and you approve every request/);
    await page.close();
  });

  it('the cost estimate follows the user count and matches a hand-computed figure', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.match(await page.innerText('#cost'), /as of 2026-11-01/);
    assert.match(await page.innerText('#cost'), /estimate/i);
    const total = async () => Number((await page.textContent('[data-total="USD"]'))!.replace(/[^\d.]/g, ''));
    await page.selectOption('#cost-form select[name="plan"]', 'standard');
    const before = await total();
    // The form redraws the estimate on every input event.
    await page.fill('#cost-form input[name="users"]', '2500');
    const after = await total();
    assert.notEqual(after, before);
    // By hand, for the Standard plan ($3 per user per month, 90 days, Standard_ZRS), 2500 users, 50 messages
    // a user a day, daily runs; prices from src/preview/pricing.json as of 2026-11-01.
    const runs = 365.25 / 12; // daily runs in an average month
    const plan = 3 * 2500; // 7500.00
    const messages = 2500 * 50 * 1 * runs; // Message_v1: rolling one-day window
    const users = 2500 * runs; // User_v1: one row per user per run, not charged
    const extraction = (messages / 1000) * 0.75;
    const activityRuns = runs * 2 * 2; // two datasets, each a copy out of Microsoft 365 (JSON) and one to Parquet
    const orchestration = (activityRuns / 1000) * 1.0;
    const movement = activityRuns * 4 * 0.75 * 0.25;
    const gbKept = (((messages * 10 + users * 7) * 64) / runs / 1e9) * 90;
    const storage = gbKept * 0.023;
    const r2 = (n: number) => Math.round(n * 100) / 100;
    const expected = r2(r2(plan) + r2(extraction) + r2(orchestration) + r2(movement) + r2(storage));
    assert.equal(after, expected);
    assert.equal(await page.getAttribute('tr[data-line="extraction"] [data-amount]', 'data-amount'), r2(extraction).toFixed(2));
    await screenshot(page, 'cost-2500-users');
    await page.close();
  });

  it('a page a customer finds their way in: a summary with links, labelled settings, headings in order, prices per currency', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(preview.url);
    const links = await page.$$eval('nav.summary-links a', (a) => a.map((x) => x.getAttribute('href')));
    assert.deepEqual(links, ['#plans', '#data', '#policies', '#access', '#terms', '#cost']);
    for (const href of links) assert.ok(await page.$(href), `${href} leads somewhere`);
    assert.match(await page.innerText('nav.summary-links'), /Starter: \$490 per month; Standard: \$3 per user per month; Enterprise: \$2\.40 per user per month/);
    const rows = await page.$$eval('table.plans tbody th[scope=row]', (t) => t.map((x) => x.textContent));
    assert.ok(rows.includes('Longest copy run (hours)') && rows.includes('Days copied data is kept') && rows.includes('Audit logs to Log Analytics'), rows.join(' | '));
    assert.ok(!rows.some((r) => r?.startsWith('Setting:')), 'labels from the template set, not input names');
    assert.match(await page.innerText('table.plans'), /Audit logs to Log Analytics\s+yes\s+yes\s+yes/);
    const levels = await page.$$eval('main h1, main h2, main h3, main h4, main h5, main h6', (hs) => hs.map((x) => Number(x.tagName[1])));
    assert.equal(levels[0], 1);
    levels.forEach((l, i) => assert.ok(i === 0 || l <= levels[i - 1] + 1, `heading ${i} jumps from h${levels[i - 1]} to h${l}`));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the cost estimate names what it does not price and refuses counts that cannot be', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const unpriced = await page.$$eval('tr[data-not-estimated]', (r) => r.map((x) => [x.getAttribute('data-not-estimated'), x.lastElementChild!.textContent]));
    assert.deepEqual(unpriced, [['Microsoft.OperationalInsights/workspaces', 'not estimated'], ['Microsoft.Resources/deploymentScripts', 'not estimated']]);
    assert.match((await page.textContent('tfoot'))!, /without what is not estimated/);
    const total = await page.textContent('[data-total="USD"]');
    for (const bad of ['-5', '2.5']) {
      await page.fill('#cost-form input[name="users"]', bad);
      assert.equal(await page.getAttribute('#cost-form input[name="users"]', 'aria-invalid'), 'true', bad);
      assert.equal(await page.textContent('#users-error'), 'Enter a whole number of at least 0.');
      assert.equal(await page.textContent('[data-total="USD"]'), total, 'the estimate waits for a valid count');
    }
    await page.fill('#cost-form input[name="users"]', '1000');
    assert.equal(await page.getAttribute('#cost-form input[name="users"]', 'aria-invalid'), null);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the static export shows the same content from disk, offline', async () => {
    const out = join(await tempDir(), 'site');
    const r = await runCli(['preview', offer, '--plan', 'standard', '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseJson<{ pages: string[] }>(r.stdout).pages, ['index.html', 'plans/starter/install.html', 'plans/standard/install.html', 'plans/enterprise/install.html']);
    const served = await watchedPage(browser);
    await served.page.goto(preview.url);
    const disk = await watchedPage(browser);
    await disk.page.goto(pathToFileURL(join(out, 'index.html')).href);
    await disk.page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal(await disk.page.innerText('main'), await served.page.innerText('main'));
    assert.deepEqual(await requestedColumns(disk.page), EXPECTED_COLUMNS);
    assert.ok(disk.requests.length > 0 && disk.requests.every((u) => u.startsWith('file://')), disk.requests.join('\n'));
    await screenshot(disk.page, 'static-index');
    await disk.page.click('[data-install-link="standard"]');
    await disk.page.waitForSelector('#wizard [data-step-panel="basics"]');
    for (const plan of ['starter', 'standard', 'enterprise']) {
      await disk.page.goto(pathToFileURL(join(out, 'plans', plan, 'install.html')).href);
      await disk.page.waitForSelector('#wizard [data-step-panel="basics"]');
      await screenshot(disk.page, `static-install-${plan}`);
    }
    assert.deepEqual(disk.problems, []);
    // A second export replaces the first; a folder offerkit did not make is refused.
    assert.equal((await runCli(['preview', offer, '--out', out])).code, 0);
    const foreign = await tempDir();
    await writeFile(join(foreign, 'keep.txt'), 'mine');
    const refused = await runCli(['preview', offer, '--out', foreign]);
    assert.equal(refused.code, 2);
    assert.equal(await readFile(join(foreign, 'keep.txt'), 'utf8'), 'mine');
    await served.page.close();
    await disk.page.close();
  });

  it('picks up edits to the offer files on reload', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(preview.url);
    assert.doesNotMatch(await page.innerText('#listing'), /Edited while previewing/);
    const file = join(offer, 'description.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n\nEdited while previewing.\n`);
    await page.reload();
    assert.match(await page.innerText('#listing'), /Edited while previewing/);
    await page.close();
  });

  it('refuses paths outside its pages, other Host headers and other methods', async () => {
    const port = Number(new URL(preview.url).port);
    const raw = (path: string, options: { method?: string; host?: string } = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/plans/..%2f..%2foffer.yaml', '/..\\offer.yaml']) assert.equal(await raw(path), 400, path);
    for (const path of ['/offer.yaml', '/description.md', '/plans/nope/install.html', '/build/preview/preview.js']) assert.equal(await raw(path), 404, path);
    assert.equal(await raw('/', { host: 'attacker.example' }), 421);
    assert.equal(await raw('/', { method: 'POST' }), 405);
    assert.equal(await raw('/'), 200);
    const taken = await runCli(['preview', offer, '--port', String(port)]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
  });
});
