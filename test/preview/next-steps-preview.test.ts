// After "Review + create", the preview shows what the customer will do next, from the plan's next-steps model:
// the Data Connect steps for an mgdc-adf offer (preview-wizard.test.ts), and for the minimal template set only
// what applies to it.

import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { minimalOffer, writeOffer } from '../helpers/offer-fixture.js';
import { describeInBrowsers, launchBrowser, startPreview, watchedPage, type RunningPreview } from './browser.js';
import { walkWizard } from './wizard-walker.js';

describeInBrowsers('offerkit preview: next steps after Review + create (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let preview: RunningPreview;

  before(async () => {
    browser = await launchBrowser(choice);
    preview = await startPreview(await writeOffer(minimalOffer()));
  });
  after(async () => {
    await preview?.stop();
    await browser?.close();
  });

  it('the minimal template set: where things are and what uninstalling deletes, no Data Connect steps', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${preview.url}plans/basic/install.html`);
    await page.waitForSelector('[data-step-panel]');
    const walk = await walkWizard(page);
    assert.ok(walk.reachedReview, walk.blocked);
    assert.deepEqual(await page.$$eval('#review-next-steps [data-next-step]', (e) => e.map((x) => x.getAttribute('data-next-step'))), ['check-resources', 'uninstall']);
    const text = await page.innerText('#review-next-steps');
    assert.match(text, /Find what was deployed/);
    assert.doesNotMatch(text, /Data Connect|global administrator/);
    assert.deepEqual(problems, []);
  });
});
