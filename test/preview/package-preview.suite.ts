// offerkit preview on packages without an offer, in Chromium: the real published packages of the conformance
// corpus are walked step by step to "Review + create" with no placeholder and no script error, the review's
// missing parameters agree with arm-ttk's ground truth, invalid values are refused at their fields (focus,
// aria-invalid, the message tied to the field), and the package overview says what the package deploys.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { SUPPORTED_TYPES } from '../../src/preview/client/controls.js';
import { exportPreview } from '../../src/preview/export.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { makeZip } from '../helpers/make-zip.js';
import { describeInBrowsers, browserOf, screenshot, watchedPage } from './browser.js';
import { walkWizard } from './wizard-walker.js';

const corpus = findConformanceDir(ROOT);

interface CorpusCase {
  id: string;
  rules?: { rule: string; expect: string; errors?: string[] }[];
}

/** Every element of a createUiDefinition (basics, steps, sections), as the wizard draws them. */
function elements(ui: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (typeof e !== 'object' || e === null) continue;
      out.push(e as Record<string, unknown>);
      visit((e as Record<string, unknown>).elements);
    }
  };
  const p = (ui as { parameters?: { basics?: unknown; steps?: { elements?: unknown }[] } }).parameters;
  visit(p?.basics);
  for (const s of p?.steps ?? []) visit(s.elements);
  return out;
}

describeInBrowsers('offerkit preview: any package (Chromium)', function (choice) {
  this.timeout(300000);
  let browser: Browser;
  let samples: string;

  before(async function () {
    if (!corpus) {
      console.log('    (../shared/conformance is absent: the real-package previews are skipped)');
      this.skip();
    }
    samples = join(corpus, 'samples');
    browser = await browserOf(choice);
  });

  it('every element of every real package is a control the preview draws (no placeholder)', () => {
    const unsupported: string[] = [];
    const names = readdirSync(samples);
    assert.ok(names.length >= 32, `the corpus holds the real packages (${names.length})`);
    for (const name of names) {
      const file = readdirSync(join(samples, name)).find((f) => f.toLowerCase() === 'createuidefinition.json')!;
      const ui = JSON.parse(readFileSync(join(samples, name, file), 'utf8').replace(/^\uFEFF/, '')) as unknown;
      for (const e of elements(ui)) {
        if (e.type === undefined && e.name === undefined) continue; // a blank {}: the validator reports it, the portal draws nothing
        if (!SUPPORTED_TYPES.includes(String(e.type).toLowerCase())) unsupported.push(`${name}: ${String(e.type)} ${String(e.name)}`);
      }
    }
    assert.deepEqual(unsupported, []);
  });

  /** The package's install wizard, exported to disk, in a new page or (to walk many packages) in `reuse`. */
  async function openInstall(name: string, reuse?: { page: Page; problems: string[] }): Promise<{ page: Page; problems: string[] }> {
    const out = join(await tempDir('offerkit-package-preview-'), name);
    await exportPreview(join(samples, name), out);
    const w = reuse ?? (await watchedPage(browser));
    w.problems.length = 0;
    await w.page.goto(`file://${join(out, 'install', 'index.html')}`);
    await w.page.waitForFunction(() => document.documentElement.dataset.ready !== 'loading');
    assert.equal(await w.page.evaluate(() => document.documentElement.dataset.ready), 'true');
    return w;
  }

  it('walks every real package to "Review + create": every step passed, nothing unsupported, no script error, missing parameters as arm-ttk finds them', async () => {
    const cases = (JSON.parse(readFileSync(join(corpus!, 'cases.json'), 'utf8')) as { cases: CorpusCase[] }).cases;
    const names = readdirSync(samples).sort();
    assert.ok(names.length >= 32);
    // One page for several packages, as a customer's tab moving from package to package: a fresh page per
    // package would start a renderer each time, which is most of the browser's work here; a new one every
    // eight keeps the renderer's memory from growing with the whole corpus.
    let tab = await watchedPage(browser);
    for (const [i, name] of names.entries()) {
      if (i > 0 && i % 8 === 0) {
        await tab.page.close();
        tab = await watchedPage(browser);
      }
      const { page, problems } = await openInstall(name, tab);
      const placeholders = new Set<string>();
      const steps = await page.$$eval('[role=tab]', (t) => t.length);
      const walk = await walkWizard(page);
      assert.ok(walk.reachedReview, `${name}: ${walk.blocked}`);
      assert.equal(walk.passed.length, steps - 1, `${name}: every step was passed (${walk.passed.join(', ')})`);
      // Back through the steps: none holds a placeholder.
      for (let i = 0; i < steps - 1; i++) {
        await page.click(`#wizard-tab-${i}`);
        for (const t of await page.$$eval('[data-unsupported-control]', (e) => e.map((x) => x.getAttribute('data-unsupported-control')!))) placeholders.add(t);
      }
      assert.deepEqual([...placeholders], [], name);
      await page.click(`#wizard-tab-${steps - 1}`);
      await page.waitForSelector('#review');
      assert.equal(await page.$('#review-next-steps'), null, `${name}: a package alone has no next-steps model`);
      const missing = await page.$$eval('[data-missing-parameter]', (e) => e.map((x) => x.getAttribute('data-missing-parameter')!));
      const truth = cases.find((c) => c.id === `sample/${name}`)?.rules?.find((r) => r.rule === 'Parameters-Without-Default-Must-Exist-In-CreateUIDefinition');
      const expected = (truth?.errors ?? []).map((e) => e.replace(/^.*: /, ''));
      for (const p of expected) assert.ok(missing.includes(p), `${name}: arm-ttk finds ${p} missing from createUiDefinition; the review must say so (${missing.join(', ')})`);
      const file = JSON.parse((await page.textContent('#parameters-json'))!) as { $schema: string; parameters: Record<string, unknown> };
      assert.match(file.$schema, /deploymentParameters\.json#$/);
      const mainFile = readdirSync(join(samples, name)).find((f) => f.toLowerCase() === 'maintemplate.json')!;
      const main = JSON.parse(readFileSync(join(samples, name, mainFile), 'utf8').replace(/^\uFEFF/, '')) as { parameters?: Record<string, unknown> };
      for (const p of Object.keys(file.parameters)) assert.ok(p in (main.parameters ?? {}), `${name}: ${p} is a mainTemplate parameter`);
      assert.ok(!(await page.content()).includes('Preview-Passw0rd-2026!'), `${name}: no password in the page`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1280, `${name}: the review fits a 1280 px window (${width} px)`);
      await screenshot(page, `package-review-${name}`);
      assert.deepEqual(problems, [], name);
    }
    await tab.page.close();
  });

  it('refuses invalid values at their fields: the message tied to the field, aria-invalid, focus on the first field to fix', async () => {
    const { page, problems } = await openInstall('Azure-azure-managedapp-samples__101-managed-vm');
    await page.click('#wizard-next');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'basics-app-name', 'focus moves to the field to fix');
    assert.equal(await page.getAttribute('#basics-app-name', 'aria-invalid'), 'true');
    assert.match((await page.textContent('#wizard-message'))!, /Fix the fields marked in "Basics"/);
    await page.fill('#basics-app-name', 'vm-app');
    await page.click('#wizard-next');
    await page.waitForSelector('[data-step-panel="credentialsConfig"]');
    const user = '[data-control="adminUsername"] input';
    await page.fill(user, 'admin');
    await page.fill('[data-control="adminPassword"] input[type=password] >> nth=0', 'short');
    await page.click('#wizard-next');
    assert.match((await page.textContent('[data-control="adminUsername"] > .error'))!, /"admin" is a reserved user name/);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-control]')?.getAttribute('data-control')), 'adminUsername');
    const described = (await page.getAttribute(user, 'aria-describedby'))!;
    assert.equal(await page.textContent(`#${described.split(' ').pop()}`), await page.textContent('[data-control="adminUsername"] > .error'), 'the error is the field\'s description');
    assert.match((await page.textContent('[data-control="adminPassword"] > .error'))!, /12 to 123 characters/);
    await page.fill(user, 'vmadmin');
    await page.fill('[data-control="adminPassword"] input[type=password] >> nth=0', 'Preview-Passw0rd-2026!');
    await page.fill('[data-control="adminPassword"] input[type=password] >> nth=1', 'Preview-Passw0rd-2027!');
    await page.click('#wizard-next');
    assert.match((await page.textContent('[data-control="adminPassword"] > .error'))!, /do not match/);
    assert.equal(await page.getAttribute(user, 'aria-invalid'), null, 'a fixed field is no longer marked');
    // The tooltip is reachable by keyboard (just before the field) and shows its text while focused.
    await page.focus(user);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'tooltip');
    assert.equal(await page.isVisible('[data-control="adminUsername"] .tooltip-text'), true);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('[data-control="adminUsername"] .tooltip-text'), false);
    await screenshot(page, 'package-invalid-values');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a package as an app.zip: the overview says what it deploys, what it asks for and what validate finds; a folder without templates has nothing to preview', async () => {
    const name = 'Azure-azure-managedapp-samples__101-managed-vm';
    const zip = join(await tempDir(), 'vm.zip');
    await writeFile(zip, makeZip(['mainTemplate.json', 'createUiDefinition.json'].map((f) => ({ name: f, data: readFileSync(join(samples, name, f)) }))));
    const out = join(await tempDir(), 'site');
    const r = await runCli(['preview', zip, '--out', out]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Wrote 2 pages to .*: index\.html, install\/index\.html/);
    const page = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(page, /<h1>Package vm\.zip<\/h1>/);
    assert.match(page, /<tr data-resource-type="Microsoft\.Compute\/virtualMachines"><td>Virtual machine<\/td><td><code>Microsoft\.Compute\/virtualMachines<\/code><\/td><td>the managed resource group<\/td><td class="num">1<\/td><\/tr>/);
    assert.match(page, /<tr data-parameter="pwd"><td><code>pwd<\/code><\/td><td>securestring<\/td><td><em>none — the install form must provide it<\/em>/);
    assert.match(page, /<a href="install\/index\.html">Install wizard<\/a>/);
    const billable = [...page.matchAll(/<li data-not-estimated="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(billable, ['Microsoft.Compute/virtualMachines', 'Microsoft.Network/publicIPAddresses'], 'the VM and its public IP bill; the network, NIC and NSG do not');
    assert.match(page, /id="diagnostics"/);

    const empty = await tempDir();
    await writeFile(join(empty, 'notes.json'), '{}');
    const noneOut = join(await tempDir(), 'site');
    const none = await runCli(['preview', empty, '--out', noneOut]);
    assert.equal(none.code, 1, none.stdout + none.stderr);
    const nothing = await readFile(join(noneOut, 'index.html'), 'utf8');
    assert.match(nothing, /has no readable mainTemplate\.json at its root, so there is nothing to preview/);
    assert.doesNotMatch(nothing, /Nothing in this package bills on its own/, 'what cannot be read is not known, never nothing');
  });
});
