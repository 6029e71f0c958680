// After "Review + create", the preview shows what the customer will do next, from the plan's next-steps model:
// the Data Connect steps for an mgdc-adf offer (preview-wizard.suite.ts), for an mgdc-synapse offer the steps that
// publish its pipeline too, and for the minimal template set only what applies to it.

import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { BASE_OFFER, minimalOffer, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';
import { describeInBrowsers, browserOf, startPreview, watchedPage, type RunningPreview } from './browser.js';
import { walkWizard } from './wizard-walker.js';

describeInBrowsers('offerkit preview: next steps after Review + create (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let preview: RunningPreview;

  before(async () => {
    browser = await browserOf(choice);
    preview = await startPreview(await writeOffer(minimalOffer()));
  });
  after(async () => {
    await preview?.stop();
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

describeInBrowsers('offerkit preview: a Synapse offer\'s next steps and workspace access (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let preview: RunningPreview;

  before(async () => {
    browser = await browserOf(choice);
    preview = await startPreview(await writeOffer(`${replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-synapse')}management:\n  lockLevel: CanNotDelete\n`));
  });
  after(async () => {
    await preview?.stop();
  });

  it('the form asks for the administrators\' network and says who publishes; the review lists the publishing steps and the registration sheet', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${preview.url}plans/basic/install.html`);
    await page.waitForSelector('[data-step-panel]');
    const walk = await walkWizard(page);
    assert.ok(walk.reachedReview, walk.blocked);
    assert.ok(walk.passed.includes('Synapse workspace access'), walk.passed.join(', '));
    assert.deepEqual(await page.$$eval('#review-next-steps [data-next-step]', (e) => e.map((x) => x.getAttribute('data-next-step'))), ['enable-data-connect', 'entra-application', 'synapse-administrator', 'publish-pipeline', 'register', 'approve', 'first-run', 'revoke', 'uninstall']);
    assert.match(await page.innerText('[data-next-step="synapse-administrator"]'), /An Owner or User Access Administrator of your subscription can make someone one/);
    assert.match(await page.innerText('[data-next-step="publish-pipeline"]'), /bash publish-synapse-pipeline\.sh --application <resource ID of this managed application>/);
    const register = await page.innerText('[data-next-step="register"]');
    for (const line of ['Publish type: Single-tenant', 'Compute type: Azure Synapse Analytics', 'Activity type: Copy activity', 'Storage account URI: Data Lake Storage Gen2 (DFS) URI']) assert.ok(register.includes(line), line);
    assert.deepEqual(problems, []);
  });
});
