// Offer text is untrusted: HTML, script tags, event handlers and javascript: links written into offer.yaml,
// the description or the terms must reach the preview as inert text — on the offer page and in the wizard.

import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { BASE_OFFER, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';
import { describeInBrowsers, browserOf, screenshot, startPreview, watchedPage, type RunningPreview } from './browser.js';

const NAME = 'Evil </script><script>alert(1)</script> <img src=x onerror=alert(2)>';
const SUMMARY = '<b onmouseover=alert(3)>bold</b> and "quotes"';
const DESCRIPTION = [
  '# Hello <script>alert(4)</script>',
  '',
  '[click me](javascript:alert(5)) and [also](  JaVaScRiPt:alert(6)) and <a href="javascript:alert(7)">raw</a>',
  '',
  '![image](javascript:alert(8)) <iframe src="javascript:alert(9)"></iframe> <svg onload=alert(10)>',
  '',
  '[fine link](https://example.com/ok) and [plain http](http://example.com/plain)',
].join('\n');
const TERMS = '# Terms\n\n<style>body{display:none}</style> [terms](data:text/html,<script>alert(11)</script>)\n';
const PURPOSE = '<img src=x onerror=alert(12)> to count messages';

/** Every way a page could run offer-supplied code or leave through a link. */
async function assertInert(page: Page): Promise<void> {
  const report = await page.evaluate(() => {
    const handlers: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) handlers.push(`${el.tagName} ${a.name}`);
    return {
      scripts: Array.from(document.scripts).map((s) => s.type || 'classic'),
      handlers,
      jsLinks: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!).filter((h) => !/^(https?:|mailto:|\.\.?\/|plans\/|index\.html|#)/i.test(h)),
      frames: document.querySelectorAll('iframe, object, embed, svg').length,
      images: Array.from(document.images).map((i) => i.getAttribute('src')!).filter((s) => !s.startsWith('data:image/png')),
      styles: document.querySelectorAll('style').length,
      bodyShown: getComputedStyle(document.body).display !== 'none',
    };
  });
  assert.deepEqual(report.scripts, ['application/json', 'classic'], 'only the page data and offerkit\'s own script');
  assert.deepEqual(report.handlers, []);
  assert.deepEqual(report.jsLinks, []);
  assert.equal(report.frames, 0);
  assert.deepEqual(report.images, []);
  assert.equal(report.styles, 1);
  assert.ok(report.bodyShown);
}

describeInBrowsers('offerkit preview: hostile offer text is inert (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let preview: RunningPreview;

  before(async () => {
    browser = await browserOf(choice);
    let yaml = replaceOnce(BASE_OFFER, 'displayName: Fixture Offer', `displayName: ${JSON.stringify(NAME)}`);
    yaml = replaceOnce(yaml, "summary: A small offer used by offerkit's tests.", `summary: ${JSON.stringify(SUMMARY)}`);
    yaml = replaceOnce(yaml, 'purpose: To count messages per sender.', `purpose: ${JSON.stringify(PURPOSE)}`);
    yaml = replaceOnce(yaml, '    displayName: Basic', `    displayName: ${JSON.stringify('<img src=x onerror=alert(13)>Basic')}`);
    const dir = await writeOffer(yaml, { 'description.md': DESCRIPTION, 'terms.md': TERMS });
    preview = await startPreview(dir);
  });
  after(async () => {
    await preview?.stop();
  });

  it('the offer page shows the markup as text and runs none of it', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await page.hover('#listing .summary');
    assert.deepEqual(problems, [], 'no dialog, no script error');
    await assertInert(page);
    assert.equal(await page.textContent('#listing h1'), NAME);
    assert.equal(await page.title(), `${NAME} — preview`);
    assert.equal(await page.textContent('#listing .summary'), SUMMARY);
    const description = await page.innerText('#listing .description');
    assert.match(description, /Hello <script>alert\(4\)<\/script>/);
    assert.match(description, /<iframe src="javascript:alert\(9\)"><\/iframe> <svg onload=alert\(10\)>/);
    assert.equal(await page.getAttribute('#listing .description a', 'href'), 'https://example.com/ok', 'the one safe link is a link');
    assert.deepEqual(await page.$$eval('#listing .description .inert-link', (els) => els.map((e) => e.textContent)), ['click me', 'plain http'], 'javascript: and plain http links become inert text');
    assert.deepEqual(await page.$$eval('#listing .description .inert-image', (els) => els.map((e) => e.textContent)), ['[image: image]'], 'an image is never loaded: its alt text shows');
    assert.match(description, /\[also\]\(\s+JaVaScRiPt:alert\(6\)\)/, 'not a link at all: shown as written');
    assert.match(await page.innerText('#terms'), /<style>body\{display:none\}<\/style>/);
    assert.match(await page.innerText('#data'), /<img src=x onerror=alert\(12\)> to count messages/);
    await screenshot(page, 'hostile-overview');
    await page.close();
  });

  it('the install wizard shows the same text inert', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${preview.url}plans/basic/install.html`);
    await page.waitForSelector('[data-step-panel="basics"]');
    page.setDefaultTimeout(5000);
    await page.fill('#basics-app-name', 'evil-app');
    await page.click('#wizard-next');
    await page.fill('[data-control="servicePrincipalId"] input', '1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516');
    await page.fill('[data-control="servicePrincipalObjectId"] input', '2c3d4e5f-6071-4829-8a0b-c1d2e3f40517');
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=0', 'S3cret-value~0123456789');
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=1', 'S3cret-value~0123456789');
    await page.click('#wizard-next');
    await page.click('#wizard-next');
    await page.waitForSelector('[data-step-panel="dataRequested"]');
    assert.match(await page.innerText('[data-step-panel="dataRequested"]'), /Purpose: <img src=x onerror=alert\(12\)> to count messages/);
    assert.match(await page.innerText('h1'), /<img src=x onerror=alert\(13\)>Basic/);
    assert.deepEqual(problems, []);
    await assertInert(page);
    await page.close();
  });
});
