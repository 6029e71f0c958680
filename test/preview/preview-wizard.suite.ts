// The install wizard in Chromium: validation messages, the consent checkbox that blocks the review, the
// outputs object and the parameters it feeds; a createUiDefinition with findings and unknown controls.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { BASE_OFFER, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';
import { describeInBrowsers, browserOf, screenshot, startPreview, watchedPage, type RunningPreview } from './browser.js';
import { parseJson } from '../helpers/json.js';

const GUID = '1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516';
const OBJECT_ID = '2c3d4e5f-6071-4829-8a0b-c1d2e3f40517';

describeInBrowsers('offerkit preview: install wizard (Chromium)', function (choice) {
  this.timeout(180000);
  let browser: Browser;
  let preview: RunningPreview;

  before(async () => {
    browser = await browserOf(choice);
    preview = await startPreview(await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights')));
  });
  after(async () => {
    await preview?.stop();
  });

  const next = (page: Page) => page.click('#wizard-next');
  const stepShown = (page: Page) => page.getAttribute('#wizard [data-step-panel]', 'data-step-panel');
  const errorOf = (page: Page, control: string) => page.textContent(`[data-control="${control}"] > .error`);

  it('walks the Standard plan: validation messages, the consent gate, then the outputs and the parameters they feed', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${preview.url}plans/standard/install.html`);
    await page.waitForSelector('[data-step-panel="basics"]');
    assert.deepEqual(await page.$$eval('.tabs button', (b) => b.map((x) => x.textContent)), ['Basics', 'Microsoft 365 connection', 'Storage and schedule', 'Data requested', 'Just-in-time access', 'Review + create']);
    assert.deepEqual(await page.$$eval('#basics-region option', (o) => o.map((x) => (x as HTMLOptionElement).value)), ['westeurope', 'northeurope', 'uksouth']);

    // Basics: the application name is required.
    await next(page);
    assert.equal(await stepShown(page), 'basics');
    assert.match((await page.textContent('#basics-app-name-error'))!, /application name/);
    await page.fill('#basics-app-name', 'mail-insights');
    await next(page);
    assert.equal(await stepShown(page), 'm365');

    // An invalid TextBox value shows the createUiDefinition's own validation message.
    await page.fill('[data-control="servicePrincipalId"] input', 'not-a-guid');
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=0', 'short');
    await next(page);
    assert.equal(await stepShown(page), 'm365');
    assert.equal(await errorOf(page, 'servicePrincipalId'), 'Enter a GUID such as 00000000-0000-0000-0000-000000000000.');
    assert.equal(await errorOf(page, 'servicePrincipalKey'), 'A client secret has 16 to 256 characters and no spaces.');
    await page.fill('[data-control="servicePrincipalId"] input', GUID);
    // The service principal's object ID is not the client ID: the form says where to find it.
    await page.fill('[data-control="servicePrincipalObjectId"] input', GUID.toUpperCase());
    await next(page);
    assert.equal(await errorOf(page, 'servicePrincipalObjectId'), 'This is the application (client) ID. Enter the object ID of the service principal (Enterprise applications).');
    await page.fill('[data-control="servicePrincipalObjectId"] input', OBJECT_ID);
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=0', 'S3cret-value~0123456789');
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=1', 'S3cret-value~different');
    await next(page);
    assert.equal(await errorOf(page, 'servicePrincipalKey'), 'The password and its confirmation do not match.');
    await page.fill('[data-control="servicePrincipalKey"] input[type=password] >> nth=1', 'S3cret-value~0123456789');
    await screenshot(page, 'wizard-m365');
    await next(page);
    assert.equal(await stepShown(page), 'storage');
    assert.equal(await page.inputValue('[data-control="storageAccountPrefix"] input'), 'm365data', 'defaultValue applied');
    await next(page);

    // Data requested: the consent checkbox blocks both Next and the Review tab until it is ticked.
    assert.equal(await stepShown(page), 'dataRequested');
    assert.match(await page.innerText('[data-step-panel="dataRequested"]'), /Columns \(10\): id, internetMessageId/);
    await next(page);
    assert.equal(await stepShown(page), 'dataRequested');
    assert.equal(await errorOf(page, 'consent'), 'Approve the data request to continue, or cancel the installation.');
    await page.click('.tabs button[data-step="review"]');
    assert.equal(await page.$('#review'), null, 'Review is not reachable before consent');
    assert.match((await page.textContent('#wizard-message'))!, /Data requested/);
    await screenshot(page, 'wizard-consent-blocked');
    await page.check('[data-control="consent"] input[type=checkbox]');
    await page.click('.tabs button[data-step="review"]');
    await page.waitForSelector('#review');

    const file = parseJson<{ $schema: string; contentVersion: string; parameters: Record<string, { value: unknown }> }>((await page.textContent('#parameters-json'))!);
    assert.deepEqual(file, {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { location: { value: 'westeurope' }, storageAccountPrefix: { value: 'm365data' }, servicePrincipalId: { value: GUID }, servicePrincipalObjectId: { value: OBJECT_ID }, servicePrincipalKey: { value: '••••••••' } },
    });
    assert.match((await page.textContent('tr[data-output="jitAccessPolicy"]'))!, /"jitApprovalMode":"ManualApprove"/);
    // What the customer agrees to: the plan and its price, the terms, the data approval.
    const terms = (await page.innerText('#review-terms'));
    assert.match(terms, /Plan: Standard\. Price: \$3 per user per month\./);
    assert.match(terms, /Marketplace Metering Service/);
    assert.equal(await page.getAttribute('#review-terms a[href$="#terms"]', 'href'), '../../index.html#terms');
    assert.match((await page.textContent('#review-data-approval'))!, /Nothing is copied until a Microsoft 365 administrator/);
    // What comes after "Create": the plan's next steps, with the registration's values and the deployed names.
    assert.deepEqual(await page.$$eval('#review-next-steps [data-next-step]', (e) => e.map((x) => x.getAttribute('data-next-step'))), ['enable-data-connect', 'entra-application', 'register', 'approve', 'first-run', 'revoke', 'uninstall']);
    const register = await page.innerText('[data-next-step="register"]');
    assert.match(register, /Columns of BasicDataSet_v0\.Message_v1: id, internetMessageId/);
    assert.match(register, /its name is the deployment output storageAccountName/);
    assert.match((await page.innerText('[data-review-step="basics"]')), /Application name\s+mail-insights/);
    assert.ok(await page.$('#parameters-complete'));
    const feeds = await page.$$eval('tr[data-output]', (rows) => rows.map((r) => [r.getAttribute('data-output'), r.getAttribute('data-parameter'), r.lastElementChild!.textContent]));
    assert.deepEqual(feeds, [
      ['location', 'location', 'parameter location (string)'],
      ['storageAccountPrefix', 'storageAccountPrefix', 'parameter storageAccountPrefix (string)'],
      ['servicePrincipalId', 'servicePrincipalId', 'parameter servicePrincipalId (string)'],
      ['servicePrincipalObjectId', 'servicePrincipalObjectId', 'parameter servicePrincipalObjectId (string)'],
      ['servicePrincipalKey', 'servicePrincipalKey', 'parameter servicePrincipalKey (securestring)'],
      ['jitAccessPolicy', '', 'managed application setting: just-in-time access'],
    ]);
    assert.equal(await page.$('#missing-parameters'), null);
    assert.ok(!(await page.content()).includes('S3cret-value'), 'the secret is not written into the page');
    await screenshot(page, 'wizard-review');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a createUiDefinition with findings still previews, with the findings first; unknown controls are placeholders', async () => {
    const set = {
      'set/templateset.yaml': 'name: custom\ndescription: A custom set with problems\nfiles:\n  mainTemplate.json: main.hbs\n  createUiDefinition.json: ui.hbs\ninstallMinutes: 1\ninputs: {}\n',
      'set/main.hbs': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, appName: { type: 'string', metadata: { description: 'Name' } }, tier: { type: 'string', metadata: { description: 'Tier' } } },
        resources: [],
        outputs: { where: { type: 'string', value: "[concat(parameters('appName'), parameters('tier'), parameters('location'))]" } },
      }),
      'set/ui.hbs': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',
        handler: 'Microsoft.Azure.CreateUIDef',
        version: '0.1.2-preview',
        parameters: {
          basics: [
            { name: 'appName', type: 'Microsoft.Common.TextBox', label: 'App name', toolTip: 'Name', constraints: { required: true, regex: '^[a-z]{3,10}$', validationMessage: 'Three to ten lower-case letters.' } },
            { name: 'picker', type: 'Microsoft.Contoso.FancyPicker', label: 'Fancy picker', defaultValue: 'gold' },
            { name: 'size', type: 'Microsoft.Common.Slider', label: 'Size', min: 1, max: 10, defaultValue: 4, toolTip: 'Size' },
            { name: 'extra', type: 'Microsoft.Common.TextBox', label: 'Shown only for big sizes', toolTip: 'x', visible: "[greater(basics('size'), 5)]" },
          ],
          steps: [],
          outputs: { location: '[location()]', appName: "[basics('appName')]", colour: "[basics('picker')]" },
        },
      }),
    };
    const dir = await writeOffer(replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'path: ./set'), set);
    const own = await startPreview(dir);
    const { page, problems } = await watchedPage(browser);
    try {
      await page.goto(`${own.url}plans/basic/install.html`);
      await page.waitForSelector('[data-step-panel="basics"]');
      const codes = await page.$$eval('#diagnostics [data-code]', (els) => els.map((e) => e.getAttribute('data-code')));
      assert.ok(codes.length > 0, 'the findings are listed at the top');
      assert.ok(await page.$('#diagnostics.has-errors'));
      assert.match(await page.innerText('[data-control="picker"]'), /Fancy picker[\s\S]*Microsoft\.Contoso\.FancyPicker is not previewed here; its default value is used: "gold"/);
      assert.ok(await page.$('[data-unsupported-control="Microsoft.Contoso.FancyPicker"]'), 'the placeholder names the type it stands for');
      assert.equal(await page.isVisible('[data-control="extra"]'), false, 'visible expression false at size 4');
      await page.fill('[data-control="size"] input[type=range]', '8');
      assert.equal(await page.isVisible('[data-control="extra"]'), true, 'visible expression re-evaluated');
      await page.fill('#basics-app-name', 'my-app');
      await page.fill('[data-control="appName"] input', 'NotValid1');
      await page.click('.tabs button[data-step="review"]');
      assert.equal(await errorOf(page, 'appName'), 'Three to ten lower-case letters.');
      await page.fill('[data-control="appName"] input', 'contoso');
      await page.click('.tabs button[data-step="review"]');
      await page.waitForSelector('#review');
      assert.deepEqual(parseJson<{ parameters: unknown }>((await page.textContent('#parameters-json'))!).parameters, { location: { value: 'eastus' }, appName: { value: 'contoso' } });
      assert.match((await page.textContent('tr[data-output="colour"]'))!, /"?gold"?/);
      assert.match((await page.textContent('tr[data-output="colour"]'))!, /no parameter of this name in mainTemplate\.json/);
      assert.deepEqual(await page.$$eval('[data-missing-parameter]', (e) => e.map((x) => x.textContent)), ['tier — no output of createUiDefinition provides it']);
      await screenshot(page, 'wizard-findings');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await own.stop();
    }
  });
});
