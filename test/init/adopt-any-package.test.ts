// Adopting a package nobody wrote for offerkit, as a folder people build packages in looks: version control and
// editor files, an old package.zip, screenshots, a duplicate JSON key, a `pid-` deployment that holds a script, a
// nested deployment, a linked template shipped beside mainTemplate.json and an extension on a cluster the customer
// picks. `init --from` adopts it and says what it leaves out and carries in; `build` points its findings at the
// files the user edits; the README, the preview and the cost say only what the templates do.

import assert from 'node:assert/strict';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectPackageBuffer } from '../../src/package/inspect-package.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeZip } from '../helpers/make-zip.js';
import { parseJson, type BuildJson } from '../helpers/json.js';

const MAIN = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": { "type": "string", "defaultValue": "[resourceGroup().location]" },
    "clusterResourceId": { "type": "string", "metadata": { "description": "The customer's cluster" } },
    "location": { "type": "string", "defaultValue": "[resourceGroup().location]", "metadata": { "description": "Where to deploy" } },
    "unusedSetting": { "type": "string", "defaultValue": "x" }
  },
  "variables": {
    "storageTemplate": "[uri(deployment().properties.templateLink.uri, 'nested/storage.json')]",
    "script": "[uri(deployment().properties.templateLink.uri, 'scripts/install.sh')]"
  },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "pid-00000000-0000-0000-0000-000000000000-partnercenter",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "location": { "value": "[parameters('location')]" }, "script": { "value": "[variables('script')]" } },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "location": { "type": "string" }, "script": { "type": "string" } },
          "resources": [
            { "type": "Microsoft.Resources/deploymentScripts", "apiVersion": "2023-08-01", "name": "install", "location": "[parameters('location')]", "kind": "AzureCLI", "properties": { "azCliVersion": "2.52.0", "primaryScriptUri": "[parameters('script')]", "retentionInterval": "PT1H", "cleanupPreference": "OnSuccess" } }
          ]
        }
      }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "web",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "location": { "value": "[parameters('location')]" } },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "location": { "type": "string" } },
          "resources": [
            { "type": "Microsoft.Web/serverfarms", "apiVersion": "2023-01-01", "name": "plan", "location": "[parameters('location')]", "sku": { "name": "B1" } }
          ]
        }
      }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "storage",
      "properties": {
        "mode": "Incremental",
        "templateLink": { "uri": "[variables('storageTemplate')]" },
        "parameters": { "location": { "value": "[parameters('location')]" } }
      }
    },
    {
      "type": "Microsoft.KubernetesConfiguration/extensions",
      "apiVersion": "2023-05-01",
      "name": "app",
      "scope": "[parameters('clusterResourceId')]",
      "properties": { "extensionType": "contoso.app", "autoUpgradeMinorVersion": true }
    }
  ]
}
`;

const STORAGE = `{
  "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "location": { "type": "string" } },
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[uniqueString(resourceGroup().id)]", "location": "[parameters('location')]", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2", "properties": { "supportsHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2" } }
  ]
}
`;

const UI = `{
  "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#",
  "handler": "Microsoft.Azure.CreateUIDef",
  "version": "0.1.2-preview",
  "parameters": {
    "basics": [
      { "name": "clusterLookup", "type": "Microsoft.Solutions.ArmApiControl", "request": { "method": "GET", "path": "[concat(subscription().id, '/resourcegroups/', resourceGroup().name, '/providers/Microsoft.ContainerService/managedClusters?api-version=2024-09-01')]" } },
      { "name": "cluster", "type": "Microsoft.Common.DropDown", "label": "Cluster", "toolTip": "The cluster to install into", "constraints": { "required": true, "allowedValues": "[map(basics('clusterLookup').value, (item) => parse(concat('{\\"label\\":\\"', item.name, '\\",\\"value\\":\\"', item.id, '\\"}')))]" } }
    ],
    "steps": [],
    "outputs": { "location": "[location()]", "clusterResourceId": "[basics('cluster')]" }
  }
}
`;

describe('offerkit init --from any package: adopts, says what it keeps, and its words follow the templates', function () {
  this.timeout(240000);
  let source: string;
  let offer: string;
  let init: { code: number; stdout: string; stderr: string };

  before(async () => {
    const base = await tempDir('offerkit-adopt-');
    source = join(base, 'vendor-package');
    for (const dir of ['nested', 'scripts', 'images', 'docs', '.git', '.github/workflows', 'node_modules/tool']) await mkdir(join(source, dir), { recursive: true });
    const files: Record<string, string | Buffer> = {
      'mainTemplate.json': MAIN,
      'createUiDefinition.json': UI,
      'nested/storage.json': STORAGE,
      'scripts/install.sh': '#!/bin/sh\necho installing\n',
      'deploy.sh': '#!/bin/sh\naz deployment group create -f mainTemplate.json\n',
      'images/screenshot.png': Buffer.from('89504e470d0a1a0a', 'hex'),
      'docs/guide.md': '# Guide\n',
      'package.zip': makeZip([{ name: 'mainTemplate.json', data: '{}' }, { name: 'createUiDefinition.json', data: '{}' }]),
      '.gitignore': 'package.zip\n',
      '.git/config': '[core]\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'node_modules/tool/index.js': 'module.exports = 1;\n',
    };
    for (const [name, data] of Object.entries(files)) await writeFile(join(source, name), data);
    offer = join(base, 'adopted');
    init = await runCli(['init', offer, '--from', source]);
  });

  it('adopts a package with a duplicate key, and names what it leaves out and what it carries in unnamed', async () => {
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const out = init.stdout;
    assert.match(out, /mainTemplate\.json:7:5: Duplicate property "location": ARM keeps the last value, and so do the offer's packages/);
    assert.match(out, /Left out: \.git, \.github, \.gitignore — a dot-file of version control or an editor, not part of a package\./);
    assert.match(out, /Left out: node_modules — installed dependencies \(node_modules\), not part of a package\./);
    assert.match(out, /Left out: package\.zip — an earlier build of this package/);
    assert.match(out, /Left out: images\/screenshot\.png — an image no template shows/);
    assert.match(out, /Left out: docs\/guide\.md — documentation no template names/);
    assert.match(out, /Carried into every package, though no template names it: deploy\.sh\. Delete it from template\/static\/ if the deployment does not need it\./);
    const statics = (await readdir(join(offer, 'template', 'static'), { recursive: true })).map(String).sort();
    assert.deepEqual(statics, ['deploy.sh', 'nested', 'nested/storage.json', 'scripts', 'scripts/install.sh']);
    // The templates are kept as they were, the duplicate included.
    assert.equal(await readFile(join(offer, 'template', 'mainTemplate.json.hbs'), 'utf8'), MAIN);
  });

  it('builds, with findings at the template and the static file the user edits, not inside app.zip', async () => {
    const out = join(await tempDir(), 'dist');
    const b = await runCli(['build', offer, '--out', out, '--format', 'json']);
    assert.equal(b.code, 0, b.stdout + b.stderr);
    const findings = parseJson<BuildJson>(b.stdout).diagnostics;
    const at = (code: string) => findings.filter((d) => d.code === code).map((d) => `${d.file!.split('/').slice(-3).join('/')}:${d.line}:${d.column}`);
    assert.deepEqual(at('render-duplicate-key'), ['adopted/template/mainTemplate.json.hbs:7:5']);
    // "unusedSetting" is declared at line 8 of the template as written; validate reports its value (column 22) there too.
    assert.deepEqual(at('parameters-must-be-referenced'), ['adopted/template/mainTemplate.json.hbs:8:22']);
    assert.deepEqual(at('deploymenttemplate-schema-is-correct'), ['static/nested/storage.json:2:14'], 'a linked template is a static file of the set: its findings are there');
    assert.ok(findings.every((d) => !d.file?.includes('app.zip')), JSON.stringify(findings.map((d) => d.file)));
    const zip = inspectPackageBuffer(await readFile(join(out, 'adopted', 'standard', 'app.zip')), 'app.zip');
    assert.deepEqual([...zip.contents.keys()].sort(), ['README.md', 'createUiDefinition.json', 'deploy.sh', 'mainTemplate.json', 'nested/storage.json', 'scripts/install.sh']);
  });

  it('the README says what the templates deploy, where, and what it costs — no copy, no copied data', async () => {
    const out = join(await tempDir(), 'dist');
    assert.equal((await runCli(['build', offer, '--out', out])).code, 0);
    const readme = await readFile(join(out, 'adopted', 'standard', 'README.md'), 'utf8');
    const table = /## What gets deployed\n\n([\s\S]*?)\n## /.exec(readme)![1];
    assert.match(table, /except what the table marks as outside it/);
    assert.match(table, /\| Deployment script \(runs during installation\) \| 1 \|/, 'the pid- deployment holds a script: it is deployed');
    assert.match(table, /\| App Service plan \| 1 \|/);
    assert.match(table, /\| Storage account \| 1 \|/, 'the linked template shipped beside mainTemplate.json is read');
    assert.match(table, /\| Kubernetes cluster extension \(an application installed in a cluster\) — outside the managed resource group, on an existing resource you choose when installing \| 1 \|/);
    assert.doesNotMatch(readme, /copied data|Data Factory|Microsoft Graph Data Connect|storage, Data Factory runs/);
    assert.match(readme, /## Price\n\nFree, billed through Azure\. The Azure resources it creates \(listed under "What gets deployed"\) are billed separately to your subscription at Azure prices\./);
    assert.match(readme, /Not deleted: what it created outside the managed resource group \(Kubernetes cluster extension .* on an existing resource you choose when installing\)/);
    assert.doesNotMatch(readme, /Nothing outside the managed resource group is created/);
  });

  it('the preview prices what bills, asks nothing about users or copies, and the form with a lambda works', async () => {
    const site = join(await tempDir(), 'site');
    assert.equal((await runCli(['preview', offer, '--out', site])).code, 0);
    const page = await readFile(join(site, 'index.html'), 'utf8');
    const cost = /<section id="cost">([\s\S]*?)<\/section>/.exec(page)![1];
    assert.doesNotMatch(cost, /Users in scope|Keep copied data|Copy every|graph-data-connect|data-factory/);
    const notEstimated = [...cost.matchAll(/data-not-estimated="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(notEstimated, ['Microsoft.KubernetesConfiguration/extensions', 'Microsoft.Resources/deploymentScripts', 'Microsoft.Storage/storageAccounts', 'Microsoft.Web/serverfarms']);
    assert.doesNotMatch(page, /<th scope="row">Copied data<\/th>/);

    const pkgSite = join(await tempDir(), 'pkg-site');
    assert.equal((await runCli(['preview', source, '--out', pkgSite])).code, 0);
    const overview = await readFile(join(pkgSite, 'index.html'), 'utf8');
    assert.doesNotMatch(overview, /Nothing in this package bills on its own/);
    assert.match(overview, /<tr data-resource-type="Microsoft\.KubernetesConfiguration\/extensions" data-outside="true">/);
  });
});
