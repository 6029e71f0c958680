// What a package deploys, table by table: resources of nested inline deployments at any depth and of the linked
// templates the package ships (relativePath, uri(deployment().properties.templateLink.uri, …), _artifactsLocation),
// the attribution deployment told by its empty template rather than its name, links offerkit cannot follow named,
// and where each resource lands when that is not the managed resource group. Then the words a customer reads.

import assert from 'node:assert/strict';
import { deployedResources, packagePath, type PackageJson } from '../../src/package-model/deployed-resources.js';
import { deployedResourceWords, outsideWords } from '../../src/render/plain-words.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const tpl = (resources: unknown[], extra: Record<string, unknown> = {}) => ({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...extra, resources });
const deployment = (name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, ...extra, properties: { mode: 'Incremental', ...properties } });
const res = (type: string, name = 'x', extra: Record<string, unknown> = {}) => ({ type, apiVersion: '2023-01-01', name, ...extra });

interface Case {
  name: string;
  main: Record<string, unknown>;
  files?: Record<string, unknown>;
  /** type [file] via… @outside, per resource */
  resources: string[];
  unread?: string[];
  attribution?: string[];
}

const cases: Case[] = [
  {
    name: 'a pid- deployment that holds a script deploys the script (told by content, not by name)',
    main: tpl([deployment('pid-GUID-partnercenter', { expressionEvaluationOptions: { scope: 'inner' }, template: tpl([res('Microsoft.Resources/deploymentScripts', 'install', { kind: 'AzureCLI' })]) })]),
    resources: ['Microsoft.Resources/deploymentScripts [mainTemplate.json] pid-GUID-partnercenter'],
  },
  {
    name: 'the attribution deployment is the one with an empty template',
    main: tpl([deployment('pid-3c4f8a1e-2b7d-4e6a-9f10-5d2c8b7a6e41', { template: tpl([]) }), res('Microsoft.Storage/storageAccounts')]),
    resources: ['Microsoft.Storage/storageAccounts [mainTemplate.json]'],
    attribution: ['pid-3c4f8a1e-2b7d-4e6a-9f10-5d2c8b7a6e41'],
  },
  {
    name: 'nested inline deployments at any depth',
    main: tpl([deployment('outer', { template: tpl([res('Microsoft.Web/serverfarms', 'plan'), deployment('inner', { template: tpl([res('Microsoft.Web/sites', 'site', { resources: [res('config', 'web')] })]) })]) })]),
    resources: ['Microsoft.Web/serverfarms [mainTemplate.json] outer', 'Microsoft.Web/sites [mainTemplate.json] outer inner', 'Microsoft.Web/sites/config [mainTemplate.json] outer inner'],
  },
  {
    name: 'templateLink.relativePath, relative to the template that links it, in linked templates too',
    main: tpl([deployment('storage', { templateLink: { relativePath: 'nested/storage.json' } })]),
    files: { 'nested/storage.json': tpl([res('Microsoft.Storage/storageAccounts'), deployment('vault', { templateLink: { relativePath: '../vault/kv.json' } })]), 'vault/kv.json': tpl([res('Microsoft.KeyVault/vaults')]) },
    resources: ['Microsoft.Storage/storageAccounts [nested/storage.json] storage', 'Microsoft.KeyVault/vaults [vault/kv.json] storage vault'],
  },
  {
    name: 'uri(deployment().properties.templateLink.uri, …) through a variable, and a variable object\'s property',
    main: tpl([deployment('kv', { templateLink: { uri: '[variables(\'kvUri\')]' } }), deployment('aks', { templateLink: { uri: '[variables(\'artifacts\').aks]' } })], {
      variables: { kvUri: "[uri(deployment().properties.templateLink.uri, 'nestedtemplates/kv.json')]", artifacts: { aks: "[uri(deployment().properties.templateLink.uri, 'nestedtemplates/aks.json')]" } },
    }),
    files: { 'nestedtemplates/kv.json': tpl([res('Microsoft.KeyVault/vaults')]), 'nestedtemplates/aks.json': tpl([res('Microsoft.ContainerService/managedClusters')]) },
    resources: ['Microsoft.KeyVault/vaults [nestedtemplates/kv.json] kv', 'Microsoft.ContainerService/managedClusters [nestedtemplates/aks.json] aks'],
  },
  {
    name: '_artifactsLocation defaulting to the template\'s own address, with concat() and a SAS token parameter',
    main: tpl([deployment('web', { templateLink: { uri: "[concat(parameters('_artifactsLocation'), '/nested/web.json', parameters('_artifactsLocationSasToken'))]" } })], {
      parameters: { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, _artifactsLocationSasToken: { type: 'securestring' } },
    }),
    files: { 'nested/web.json': tpl([res('Microsoft.Web/serverfarms')]) },
    resources: ['Microsoft.Web/serverfarms [nested/web.json] web'],
  },
  {
    name: 'the artifacts folder computed with substring() and lastIndexOf(), as the marketplace samples do',
    main: tpl([deployment('installer', { templateLink: { uri: "[concat(variables('artifactsContainerLocation'), '/', 'nested/app.json')]" } })], {
      parameters: { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' } },
      variables: { artifactsContainerLocation: "[substring(parameters('_artifactsLocation'), 0, lastIndexOf(parameters('_artifactsLocation'), '/'))]" },
    }),
    files: { 'nested/app.json': tpl([res('Microsoft.Web/sites')]) },
    resources: ['Microsoft.Web/sites [nested/app.json] installer'],
  },
  {
    name: 'links offerkit cannot follow are named, never counted as nothing',
    main: tpl([
      deployment('remote', { templateLink: { uri: 'https://raw.githubusercontent.com/contoso/x/main/azuredeploy.json' } }),
      deployment('missing', { templateLink: { relativePath: 'nested/absent.json' } }),
      deployment('computed', { templateLink: { uri: "[parameters('templateUrl')]" } }),
      deployment('self', { templateLink: { relativePath: 'loop.json' } }),
      deployment('spec', { templateLink: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/app/versions/1.0' } }),
    ], { parameters: { templateUrl: { type: 'string' } } }),
    files: { 'loop.json': tpl([deployment('again', { templateLink: { relativePath: 'loop.json' } })]) },
    resources: [],
    unread: ['remote: its template is outside the package', 'missing: nested/absent.json is not in the package', 'computed: offerkit cannot tell from the template which file it names', 'again: loop.json links back to itself', 'spec: its template is a template spec, outside the package'],
  },
  {
    name: 'where resources land: another resource group, the subscription, a resource the customer picks, a new group',
    main: tpl([
      deployment('elsewhere', { template: tpl([res('Microsoft.Authorization/roleAssignments', 'ra')]) }, { resourceGroup: "[parameters('vnetResourceGroup')]" }),
      deployment('same', { template: tpl([res('Microsoft.Network/networkSecurityGroups')]) }, { resourceGroup: '[resourceGroup().name]' }),
      res('Microsoft.Authorization/roleAssignments', 'sub-ra', { scope: '[subscription().id]' }),
      res('Microsoft.KubernetesConfiguration/extensions', 'ext', { scope: "[parameters('clusterResourceId')]" }),
      res('Microsoft.KubernetesConfiguration/extensions', 'ext2', { scope: "[concat('Microsoft.Kubernetes/connectedClusters/', parameters('clusterName'))]" }),
      res('Microsoft.KeyVault/vaults', 'kv'),
      res('Microsoft.Authorization/roleAssignments', 'kv-ra', { scope: "[format('Microsoft.KeyVault/vaults/{0}', 'kv')]" }),
      res('Microsoft.Storage/storageAccounts', 'st'),
      res('Microsoft.Authorization/roleAssignments', 'blob-ra', { scope: "[format('Microsoft.Storage/storageAccounts/{0}/blobServices/default', 'st')]" }),
      res('Microsoft.Resources/resourceGroups', 'rg-extra'),
    ], { parameters: { vnetResourceGroup: { type: 'string' }, clusterResourceId: { type: 'string' }, clusterName: { type: 'string' } } }),
    resources: [
      'Microsoft.Authorization/roleAssignments [mainTemplate.json] elsewhere @in a resource group you choose when installing',
      'Microsoft.Network/networkSecurityGroups [mainTemplate.json] same',
      'Microsoft.Authorization/roleAssignments [mainTemplate.json] @on your subscription',
      'Microsoft.KubernetesConfiguration/extensions [mainTemplate.json] @on an existing resource you choose when installing',
      'Microsoft.KubernetesConfiguration/extensions [mainTemplate.json] @on an existing Microsoft.Kubernetes/connectedClusters you choose when installing',
      'Microsoft.KeyVault/vaults [mainTemplate.json]',
      'Microsoft.Authorization/roleAssignments [mainTemplate.json]',
      'Microsoft.Storage/storageAccounts [mainTemplate.json]',
      'Microsoft.Authorization/roleAssignments [mainTemplate.json]',
      'Microsoft.Resources/resourceGroups [mainTemplate.json] @as a new resource group of your subscription',
    ],
  },
  {
    name: 'an AKS cluster\'s node resource group is outside, but deleted with the cluster the package creates',
    main: tpl([
      res('Microsoft.ContainerService/managedClusters', 'aks', { properties: { nodeResourceGroup: "[variables('nodeGroup')]" } }),
      deployment('node-roles', { template: tpl([res('Microsoft.Authorization/roleAssignments', 'ra')]) }, { resourceGroup: "[variables( 'nodeGroup' )]" }),
    ], { variables: { nodeGroup: "[concat(resourceGroup().name, '-aks')]" } }),
    resources: ['Microsoft.ContainerService/managedClusters [mainTemplate.json]', 'Microsoft.Authorization/roleAssignments [mainTemplate.json] node-roles @in the node resource group of the Kubernetes cluster the package creates (deleted with it)'],
  },
];

describe('what a package deploys (nested and linked deployments, attribution, where)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const json: PackageJson = new Map(Object.entries(c.files ?? {}));
      const m = deployedResources(c.main, json);
      assert.deepEqual(m.resources.map((r) => [r.type, `[${r.file}]`, ...r.via, ...(r.outside ? [`@${r.outside}${r.deletedWithApplication ? ' (deleted with it)' : ''}`] : [])].join(' ')), c.resources);
      assert.deepEqual(m.unread.map((u) => `${u.name}: ${u.why}`), c.unread ?? []);
      assert.deepEqual(m.attribution, c.attribution ?? []);
    });
  }

  it('package paths resolve as ARM resolves links, and never leave the package', () => {
    assert.equal(packagePath('mainTemplate.json', 'nested/a.json'), 'nested/a.json');
    assert.equal(packagePath('nested/a.json', '../b.json?sv=1&sig=x'), 'b.json');
    assert.equal(packagePath('nested/a.json', './c d.json'), 'nested/c d.json');
    assert.equal(packagePath('mainTemplate.json', '../../etc/passwd'), 'etc/passwd', 'a path above the root stays at the root, as a URL does');
    assert.equal(packagePath('mainTemplate.json', 'https://example.com/x.json'), undefined);
  });
});

describe('what a package deploys, in words', () => {
  const model = deployedResources(tpl([res('Microsoft.Storage/storageAccounts'), res('Microsoft.KeyVault/vaults'), res('Microsoft.KubernetesConfiguration/extensions', 'e', { scope: "[parameters('cluster')]" }), deployment('linked', { templateLink: { uri: 'https://example.com/t.json' } })], { parameters: { cluster: { type: 'string' } } }));
  it('an application that copies no Microsoft 365 data gets no copy words', () => {
    assert.deepEqual([...deployedResourceWords(model, { copiesData: false })], [
      ['Storage account', 1],
      ['Key Vault', 1],
      ['Kubernetes cluster extension (an application installed in a cluster) — outside the managed resource group, on an existing resource you choose when installing', 1],
      ['Linked deployment linked: what it creates is not known (its template is outside the package)', 1],
    ]);
    assert.deepEqual(outsideWords(model), [{ words: 'Kubernetes cluster extension (an application installed in a cluster) on an existing resource you choose when installing', kept: true }]);
  });
  it('a package that copies Microsoft 365 data names its storage for the copy', () => {
    const words = [...deployedResourceWords(model, { copiesData: true }).keys()];
    assert.ok(words.includes('Storage account that receives the copied data'));
    assert.ok(words.includes('Key Vault'), 'a vault the template puts nothing in is named plainly, not for a key it does not hold');
  });
});
