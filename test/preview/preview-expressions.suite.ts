// The install form's expressions in Chromium, on a package written for the test: a default that refers to a
// field on the same step follows it until the user edits it; an output the preview cannot compute is "not
// evaluated" and its parameter is reported missing, never passed on; InfoBox markup renders as elements and
// object labels as text. And `--parameters-out`: the parameters file the form gives with its defaults.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { exportPreview } from '../../src/preview/export.js';
import { EXAMPLE_OFFER, runCli, tempDir } from '../helpers/cli.js';
import { describeInBrowsers, browserOf, watchedPage } from './browser.js';
import { parseJson } from '../helpers/json.js';

const MAIN = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' }, vmName: { type: 'string' }, dnsPrefix: { type: 'string' }, secret: { type: 'securestring' }, special: { type: 'string' } },
  resources: [],
};
const UI = {
  $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',
  handler: 'Microsoft.Azure.CreateUIDef',
  version: '0.1.2-preview',
  parameters: {
    basics: [
      { name: 'about', type: 'Microsoft.Common.InfoBox', options: { icon: 'Info', text: '<p>Read <b>this</b> first.</p><img src="https://example.com/x.png" onerror="alert(1)"><script>alert(2)</script>' } },
      { name: 'vmName', type: 'Microsoft.Common.TextBox', label: 'VM name', toolTip: 'Name of the VM', constraints: { required: true } },
      { name: 'dnsPrefix', type: 'Microsoft.Common.TextBox', label: 'DNS prefix', toolTip: 'DNS', defaultValue: "[concat(basics('vmName'), '-dns')]", constraints: { required: true, regex: '^[a-z][a-z0-9-]{2,40}$', validationMessage: 'Lower-case letters, digits and hyphens.' } },
      { name: 'secret', type: 'Microsoft.Common.PasswordBox', label: { password: 'Secret', confirmPassword: 'Secret again' }, toolTip: 'x', constraints: { required: true, regex: '^.{8,}$', validationMessage: 'Eight characters or more.' }, options: { hideConfirmation: false } },
    ],
    steps: [],
    outputs: { location: '[location()]', vmName: "[basics('vmName')]", dnsPrefix: "[basics('dnsPrefix')]", secret: "[basics('secret')]", special: "[someFunctionThePreviewLacks(basics('vmName'))]" },
  },
};

describeInBrowsers('offerkit preview: expressions and the parameters file', function (choice) {
  this.timeout(120000);
  let browser: Browser;
  let pkg: string;

  before(async () => {
    browser = await browserOf(choice);
    pkg = join(await tempDir('offerkit-expr-'), 'package');
    await mkdir(pkg);
    await writeFile(join(pkg, 'mainTemplate.json'), JSON.stringify(MAIN));
    await writeFile(join(pkg, 'createUiDefinition.json'), JSON.stringify(UI));
  });

  it('a default follows the field it refers to until edited; what cannot be computed is "not evaluated", never a value', async () => {
    const out = join(await tempDir(), 'site');
    await exportPreview(pkg, out);
    const { page, problems } = await watchedPage(browser);
    await page.goto(`file://${join(out, 'install', 'index.html')}`);
    await page.waitForSelector('[data-step-panel="basics"]');
    // InfoBox markup: a paragraph with bold text; no image, no script, no raw tags.
    assert.equal(await page.innerHTML('[data-control="about"] .markup'), '<p>Read <b>this</b> first.</p>');
    assert.equal(await page.textContent('label[for]:has-text("Secret")'), 'Secret *', 'an object label shows as its text, not JSON');

    const dns = '[data-control="dnsPrefix"] input';
    assert.equal(await page.inputValue(dns), '-dns');
    await page.fill('[data-control="vmName"] input', 'web1');
    assert.equal(await page.inputValue(dns), 'web1-dns', 'the default tracks the VM name');
    await page.fill('[data-control="vmName"] input', 'web2');
    assert.equal(await page.inputValue(dns), 'web2-dns');
    await page.fill(dns, 'custom-name');
    await page.fill('[data-control="vmName"] input', 'web3');
    assert.equal(await page.inputValue(dns), 'custom-name', 'an edited field keeps what the user typed');

    await page.fill('#basics-app-name', 'expr-app');
    await page.fill('[data-control="secret"] input[type=password] >> nth=0', 'Sup3r-secret!');
    await page.fill('[data-control="secret"] input[type=password] >> nth=1', 'Sup3r-secret!');
    await page.click('#wizard-next');
    await page.waitForSelector('#review');
    assert.match((await page.textContent('tr[data-output="special"]'))!, /not evaluated: \[someFunctionThePreviewLacks\(basics\('vmName'\)\)\]/);
    assert.deepEqual(await page.$$eval('[data-missing-parameter]', (e) => e.map((x) => x.getAttribute('data-missing-parameter'))), ['special']);
    const file = JSON.parse((await page.textContent('#parameters-json'))!) as { parameters: Record<string, { value: unknown }> };
    assert.deepEqual(file.parameters, { location: { value: 'eastus' }, vmName: { value: 'web3' }, dnsPrefix: { value: 'custom-name' }, secret: { value: '••••••••' } });
    assert.ok(!(await page.content()).includes('Sup3r-secret!'));

    // The download is the same document.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-parameters')]);
    assert.equal(download.suggestedFilename(), 'package.parameters.json');
    assert.deepEqual(JSON.parse(await readFile((await download.path()), 'utf8')), JSON.parse((await page.textContent('#parameters-json'))!));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the rest of the element reference draws too: selectors, blades, grids, uploads, ARM calls — with sample data said as such', async () => {
    const dir = join(await tempDir('offerkit-elements-'), 'package');
    await mkdir(dir);
    const ui = {
      ...UI,
      parameters: {
        basics: [],
        steps: [{ name: 'more', label: 'More', elements: [
          { name: 'sp', type: 'Microsoft.Common.ServicePrincipalSelector', label: { password: 'Secret', certificateThumbprint: 'Thumbprint', authenticationType: 'Authentication', sectionHeader: 'Service principal' }, toolTip: { password: 'p' }, options: { hideCertificate: false } },
          { name: 'cert', type: 'Microsoft.KeyVault.KeyVaultCertificateSelector', label: 'Certificate', constraints: { required: true } },
          { name: 'blade', type: 'Microsoft.Solutions.BladeInvokeControl', options: { blade: { name: 'SomeBlade', extension: 'Some_Extension' } } },
          { name: 'pick', type: 'Microsoft.Common.Selector', label: 'Pick one', constraints: { required: true } },
          { name: 'grid', type: 'Microsoft.Common.EditableGrid', label: 'Ports', constraints: { required: true, rows: { count: { min: 1, max: 3 } }, columns: [{ id: 'port', header: 'Port', element: { type: 'Microsoft.Common.TextBox', constraints: { required: true, regex: '^[0-9]{2,5}$', validationMessage: 'A port number.' } } }] } },
          { name: 'upload', type: 'Microsoft.Common.FileUpload', label: 'Config file', constraints: { required: true }, options: { uploadMode: 'file', openMode: 'text' } },
          { name: 'vnetPick', type: 'Microsoft.Solutions.ResourceSelector', label: 'Existing network', resourceType: 'Microsoft.Network/virtualNetworks', constraints: { required: true } },
          { name: 'api', type: 'Microsoft.Solutions.ArmApiControl', request: { method: 'GET', path: "[concat(subscription().id, '/providers/Microsoft.Network/virtualNetworks?api-version=2022-01-01')]" } },
          { name: 'identity', type: 'Microsoft.ManagedIdentity.IdentitySelector', label: 'Identity', defaultValue: { systemAssignedIdentity: 'On' } },
        ] }],
        outputs: { location: '[location()]', vmName: "[steps('more').pick]", dnsPrefix: "[steps('more').cert.certificateName]", secret: "[steps('more').sp.password]", special: "[string(steps('more').grid)]" },
      },
    };
    await writeFile(join(dir, 'mainTemplate.json'), JSON.stringify(MAIN));
    await writeFile(join(dir, 'createUiDefinition.json'), JSON.stringify(ui));
    const out = join(await tempDir(), 'site');
    await exportPreview(dir, out);
    const { page, problems } = await watchedPage(browser);
    await page.goto(`file://${join(out, 'install', 'index.html')}`);
    await page.fill('#basics-app-name', 'elements');
    await page.click('#wizard-next');
    await page.waitForSelector('[data-step-panel="more"]');
    assert.equal(await page.$('[data-unsupported-control]'), null, 'no placeholder');
    assert.ok((await page.$$('.sample-data')).length >= 4, 'sample data is said as such');
    await page.click('#wizard-next');
    const errors = await page.$$eval('.control.invalid', (els) => els.map((e) => e.getAttribute('data-control')));
    assert.deepEqual(errors.sort(), ['cert', 'grid', 'pick', 'sp', 'upload', 'vnetPick']);
    await page.fill('[data-control="sp"] input[type=password]', 'client-secret-value');
    await page.selectOption('[data-control="cert"] select', '0');
    await page.fill('[data-control="pick"] input', 'choice-a');
    await page.fill('[data-control="grid"] input', 'abc');
    await page.setInputFiles('[data-control="upload"] input[type=file]', { name: 'app.conf', mimeType: 'text/plain', buffer: Buffer.from('key=value\n') });
    await page.selectOption('[data-control="vnetPick"] select', '0');
    await page.click('#wizard-next');
    assert.match((await page.textContent('[data-control="grid"] > .error'))!, /Port: A port number\./);
    await page.fill('[data-control="grid"] input', '8443');
    await page.click('#wizard-next');
    await page.waitForSelector('#review');
    const file = JSON.parse((await page.textContent('#parameters-json'))!) as { parameters: Record<string, { value: unknown }> };
    assert.deepEqual(file.parameters, { location: { value: 'eastus' }, vmName: { value: 'choice-a' }, dnsPrefix: { value: 'contoso-tls' }, secret: { value: '••••••••' }, special: { value: '[{"port":"8443"}]' } });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('lambdas, a lazy if() and lists the preview cannot compute: the form works, and says what it does not evaluate in place', async () => {
    const dir = join(await tempDir('offerkit-lambda-'), 'package');
    await mkdir(dir);
    const main = {
      ...MAIN,
      parameters: { location: { type: 'string' }, clusterId: { type: 'string' }, mode: { type: 'string' }, adminKey: { type: 'securestring' }, version: { type: 'string', defaultValue: '1.0' } },
    };
    const ui = {
      ...UI,
      parameters: {
        basics: [
          // The Kubernetes offer samples' shape: an ARM call lists clusters, a DropDown maps them with a lambda.
          { name: 'clusterLookup', type: 'Microsoft.Solutions.ArmApiControl', request: { method: 'GET', path: "[concat(subscription().id, '/resourcegroups/', resourceGroup().name, '/providers/Microsoft.ContainerService/managedClusters?api-version=2024-09-01')]" } },
          { name: 'cluster', type: 'Microsoft.Common.DropDown', label: 'Cluster', constraints: { required: true, allowedValues: "[map(basics('clusterLookup').value, (item) => parse(concat('{\"label\":\"', item.name, '\",\"value\":\"', item.id, '\"}')))]" } },
          { name: 'versions', type: 'Microsoft.Common.DropDown', label: 'Version', constraints: { required: true, allowedValues: "[map(basics('clusterLookup').properties.orchestrators, (o) => o.orchestratorVersion)]" } },
          { name: 'createNew', type: 'Microsoft.Common.CheckBox', label: 'Create a new one' },
          { name: 'adminKey', type: 'Microsoft.Common.TextBox', label: 'Admin key', constraints: { required: true } },
          { name: 'shownIf', type: 'Microsoft.Common.TextBox', label: 'Shown when', visible: "[notAFunction('x')]" },
        ],
        steps: [],
        outputs: { location: '[location()]', clusterId: "[basics('cluster')]", mode: "[if(basics('createNew'), reference('only-when-new'), 'existing')]", adminKey: "[basics('adminKey')]" },
      },
    };
    await writeFile(join(dir, 'mainTemplate.json'), JSON.stringify(main));
    await writeFile(join(dir, 'createUiDefinition.json'), JSON.stringify(ui));
    const out = join(await tempDir(), 'site');
    await exportPreview(dir, out);
    const { page, problems } = await watchedPage(browser);
    await page.goto(`file://${join(out, 'install', 'index.html')}`);
    await page.waitForSelector('[data-step-panel="basics"]');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'true', 'the script started');
    assert.deepEqual(await page.$$eval('[data-control="cluster"] option', (o) => o.map((x) => x.textContent)), ['— select —', 'managedclusters-sample-1', 'managedclusters-sample-2'], 'the lambda maps the sample ARM answer');
    assert.match((await page.textContent('[data-control="versions"] .hint.not-evaluated'))!, /The choices are not evaluated: \[map\(basics\('clusterLookup'\)\.properties\.orchestrators.*map\(\) expects an array, got nothing/);
    assert.match((await page.textContent('[data-control="shownIf"] .hint.not-evaluated'))!, /visible not evaluated: \[notAFunction\('x'\)\] \(the preview does not evaluate notAFunction\(\)\); the preview uses: shown\./);
    await page.fill('#basics-app-name', 'lambda-app');
    await page.selectOption('[data-control="cluster"] select', '1');
    await page.fill('[data-control="adminKey"] input', 'typed-Key-123');
    await page.click('#wizard-next');
    await page.waitForSelector('#review');
    const file = JSON.parse((await page.textContent('#parameters-json'))!) as { parameters: Record<string, { value: unknown }> };
    assert.deepEqual(file.parameters, {
      location: { value: 'eastus' },
      clusterId: { value: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-package/providers/Microsoft.ContainerService/managedClusters/managedclusters-sample-2' },
      mode: { value: 'existing' },
      adminKey: { value: '••••••••' },
    });
    assert.equal(await page.textContent('tr[data-output="adminKey"] td:nth-child(2)'), '••••••••');
    assert.ok(!(await page.content()).includes('typed-Key-123'), 'a secure parameter fed by a TextBox is never shown in clear');
    assert.equal(await page.$('#missing-parameters'), null, 'the branch if() did not choose is not evaluated, so nothing is reported missing');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('--parameters-out writes what the form gives with its defaults and names what a customer must still fill in', async () => {
    const file = join(await tempDir(), 'standard.parameters.json');
    const r = await runCli(['preview', EXAMPLE_OFFER, '--plan', 'standard', '--parameters-out', file, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { location: { value: 'westeurope' }, storageAccountPrefix: { value: 'm365data' } },
    });
    const report = JSON.parse(r.stdout) as { plan: string; missing: { name: string }[]; diagnostics: { code: string; message: string }[] };
    assert.equal(report.plan, 'plan standard');
    assert.deepEqual(report.missing.map((m) => m.name), ['servicePrincipalId', 'servicePrincipalObjectId', 'servicePrincipalKey']);
    assert.ok(report.diagnostics.length > 0 && report.diagnostics.every((d) => d.code === 'preview-parameter-without-value'));

    // Never into an input: the file would replace one of the package's.
    const inside = await runCli(['preview', pkg, '--parameters-out', join(pkg, 'mainTemplate.json')]);
    assert.equal(inside.code, 2, inside.stdout + inside.stderr);
    assert.match(inside.stderr, /--parameters-out .*mainTemplate\.json is inside the package folder .*; offerkit does not write into its inputs/);
    assert.deepEqual(JSON.parse(await readFile(join(pkg, 'mainTemplate.json'), 'utf8')), MAIN, 'the package is untouched');

    const pfile = join(await tempDir(), 'package.parameters.json');
    const p = await runCli(['preview', pkg, '--parameters-out', pfile]);
    assert.equal(p.code, 0, p.stdout + p.stderr);
    assert.deepEqual(parseJson<{ parameters: unknown }>(await readFile(pfile, 'utf8')).parameters, { location: { value: 'eastus' }, dnsPrefix: { value: '-dns' } });
    assert.match(p.stdout + p.stderr, /Parameter special gets no value from the form's defaults: its output special could not be evaluated by the preview/);
  });
});
