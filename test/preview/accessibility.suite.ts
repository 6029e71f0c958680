// axe-core in Chromium over the preview's pages — the example offer's page, an install wizard on its first
// step, after a failed Next and at "Review + create", and a real package's overview and form: no serious or
// critical violation of WCAG 2 A/AA rules.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { exportPreview } from '../../src/preview/export.js';
import { copyExampleOffer, ROOT, tempDir } from '../helpers/cli.js';
import { describeInBrowsers, browserOf, screenshot } from './browser.js';
import { walkWizard } from './wizard-walker.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical violations on the page as it is now (axe injected past the page's CSP). */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = (await page.evaluate(() => (window as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations))) as Violation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describeInBrowsers('offerkit preview: accessibility (axe-core in Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let site: string;

  before(async () => {
    browser = await browserOf(choice);
    site = join(await tempDir('offerkit-a11y-'), 'site');
    await exportPreview(await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights')), site);
  });

  const open = async (file: string) => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready !== 'loading');
    return page;
  };

  it('the offer page (and the check itself finds a field without a label)', async () => {
    const page = await open(join(site, 'index.html'));
    assert.deepEqual(await violations(page), []);
    await page.evaluate(() => document.querySelector('main')!.appendChild(Object.assign(document.createElement('input'), { type: 'text' })));
    assert.ok((await violations(page)).some((v) => v.startsWith('label ')), 'axe runs and reports what it should');
    await page.context().close();
  });

  it('an install wizard: first step, a failed Next, every step, and the review', async () => {
    const page = await open(join(site, 'plans', 'standard', 'install.html'));
    assert.deepEqual(await violations(page), [], 'first step');
    await page.click('#wizard-next');
    assert.deepEqual(await violations(page), [], 'after a failed Next');
    const walk = await walkWizard(page);
    assert.ok(walk.reachedReview, walk.blocked);
    assert.deepEqual(await violations(page), [], 'review');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1280, `the review fits a 1280 px window (${width} px)`);
    await screenshot(page, 'a11y-review');
    await page.context().close();
  });

  it('a real package: overview and form', async function () {
    const corpus = findConformanceDir(ROOT);
    if (!corpus) {
      console.log('    (../shared/conformance is absent: the real package is skipped)');
      this.skip();
    }
    const out = join(await tempDir('offerkit-a11y-'), 'package');
    await exportPreview(join(corpus, 'samples', 'JetBrains-teamcity-azure-template__teamcity'), out);
    const overview = await open(join(out, 'index.html'));
    assert.deepEqual(await violations(overview), [], 'overview');
    await overview.context().close();
    const form = await open(join(out, 'install', 'index.html'));
    const walk = await walkWizard(form);
    assert.ok(walk.reachedReview, walk.blocked);
    for (let i = 0; i < walk.passed.length; i++) {
      await form.click(`#wizard-tab-${i}`);
      assert.deepEqual(await violations(form), [], `step ${walk.passed[i]}`);
    }
    await form.context().close();
  });
});
