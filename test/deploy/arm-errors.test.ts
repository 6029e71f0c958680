// ARM's errors placed on the template's resources by the names they will have where they are deployed: a
// target by evaluated name (uniqueString(resourceGroup().id) as ARM computes it), an id in a target or inside a
// message, a provider's error held as JSON text in a detail's message; said once; and said plainly when a name
// fits several resources or cannot be told before deploying. Each case states the pointer (and so the line and
// column) it expects.

import assert from 'node:assert/strict';
import { uniqueString } from '../../src/arm/unique-string.js';
import { armErrorDiagnostics, leafErrors, type ArmError } from '../../src/deploy/arm-errors.js';
import { resourceNames } from '../../src/deploy/resource-names.js';
import { parseJsonSource } from '../../src/util/json-source.js';

const SUB = '3f1c2b8e-0000-4c5b-9e7f-0a1b2c3d4e5f';
const MRG = 'mrg-cmi';
const RG_ID = `/subscriptions/${SUB}/resourceGroups/${MRG}`;
const U = uniqueString(RG_ID);

const template = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { prefix: { type: 'string' }, flag: { type: 'bool', defaultValue: true } },
  variables: { data: "[toLower(concat(parameters('prefix'), uniqueString(resourceGroup().id)))]" },
  resources: [
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[variables('data')]", location: 'westeurope', resources: [{ type: 'blobServices', apiVersion: '2023-05-01', name: 'default' }] },
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[concat('script', uniqueString(resourceGroup().id))]", location: 'westeurope' },
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[concat('st', copyIndex())]", location: 'westeurope', copy: { name: 'accounts', count: 2 } },
    { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-05-01', name: 'dup', condition: "[parameters('flag')]", location: 'westeurope' },
    { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-05-01', name: 'dup', condition: "[not(parameters('flag'))]", location: 'westeurope' },
    { type: 'Microsoft.Web/sites', apiVersion: '2023-01-01', name: "[reference('x').siteName]", location: 'westeurope' },
    { type: 'Microsoft.Web/sites', apiVersion: '2023-01-01', name: "[reference('y').siteName]", location: 'westeurope' },
    {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'inner',
      properties: {
        mode: 'Incremental',
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: { vaultName: { value: "[concat('kv-', uniqueString(resourceGroup().id))]" } },
        template: { parameters: { vaultName: { type: 'string' } }, resources: [{ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: "[parameters('vaultName')]", location: 'westeurope' }] },
      },
    },
  ],
};
const text = JSON.stringify(template, null, 2);
const source = parseJsonSource(text);
const file = { source, display: 'mainTemplate.json' };
const names = resourceNames(template, { prefix: 'CMI' }, { subscription: SUB, resourceGroup: MRG, location: 'westeurope', deploymentName: 'cmi' });
const where = { template: file, names };
const at = (pointer: string) => ({ pointer, line: source.locate(pointer)!.line, column: source.locate(pointer)!.column });
const id = (type: string, name: string) => `${RG_ID}/providers/${type}/${name}`;

describe('ARM errors placed on the template by evaluated names', () => {
  it('knows each resource\'s names where it is deployed', () => {
    const byPointer = new Map(names.map((n) => [n.pointer, n.names]));
    assert.deepEqual(byPointer.get('/resources/0'), [`cmi${U}`]);
    assert.deepEqual(byPointer.get('/resources/0/resources/0'), [`cmi${U}/default`]);
    assert.deepEqual(byPointer.get('/resources/2'), ['st0', 'st1']);
    assert.equal(byPointer.get('/resources/5'), undefined, 'a name from reference() is not guessed');
    assert.deepEqual(byPointer.get('/resources/7/properties/template/resources/0'), [`kv-${U}`]);
  });

  const placed: { what: string; error: ArmError; known?: { type: string; name: string }; pointer: string; says: RegExp }[] = [
    { what: 'a target by evaluated name (as azure-cli#6075 posted it)', error: { code: 'InvalidTemplateDeployment', message: 'multiple errors', details: [{ code: 'RequestDisallowedByPolicy', target: `cmi${U}`, message: `Resource 'cmi${U}' was disallowed by policy.` }] }, pointer: '/resources/0', says: new RegExp(`RequestDisallowedByPolicy for Microsoft\\.Storage/storageAccounts cmi${U}: Resource`) },
    { what: 'the second storage account by its own name', error: { code: 'StorageAccountAlreadyTaken', target: `script${U}`, message: 'taken' }, pointer: '/resources/1', says: /StorageAccountAlreadyTaken for Microsoft\.Storage\/storageAccounts script/ },
    { what: 'a target by id', error: { code: 'Conflict', target: id('Microsoft.Storage/storageAccounts', 'st1'), message: 'busy' }, pointer: '/resources/2', says: /Conflict for Microsoft\.Storage\/storageAccounts st1/ },
    { what: 'an id only inside the message (SkuNotAvailable, PartsUnlimitedMRP#133)', error: { code: 'SkuNotAvailable', message: `The requested size for resource '${id('Microsoft.Storage/storageAccounts', `script${U}`)}' is currently not available in location 'westeurope' zones ''.` }, pointer: '/resources/1', says: /SkuNotAvailable for Microsoft\.Storage\/storageAccounts script/ },
    { what: 'a child by its full name', error: { code: 'BadRequest', target: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/cmi${U}/blobServices/default`, message: 'no' }, pointer: '/resources/0/resources/0', says: /BadRequest for Microsoft\.Storage\/storageAccounts\/blobServices/ },
    { what: "a provider's error as JSON text in a detail's message (azure-cli#336)", error: { code: 'DeploymentFailed', message: 'At least one…', details: [{ code: 'Conflict', message: `{\r\n  "error": {\r\n    "code": "StorageAccountAlreadyTaken",\r\n    "message": "The storage account named st0 is already taken."\r\n  }\r\n}` }] }, known: { type: 'Microsoft.Storage/storageAccounts', name: 'st0' }, pointer: '/resources/2', says: /StorageAccountAlreadyTaken for Microsoft\.Storage\/storageAccounts st0: The storage account named st0/ },
    { what: "a nested deployment's resource, named from the nested template's own parameter", error: { code: 'VaultAlreadyExists', target: `kv-${U}`, message: 'exists' }, pointer: '/resources/7/properties/template/resources/0', says: /VaultAlreadyExists for Microsoft\.KeyVault\/vaults kv-/ },
  ];
  for (const c of placed) {
    it(`places ${c.what}`, () => {
      const d = armErrorDiagnostics(c.error, where, 'deploy-preflight', c.known);
      assert.equal(d.length, 1, JSON.stringify(d));
      assert.deepEqual({ pointer: d[0].pointer, line: d[0].line, column: d[0].column }, at(c.pointer));
      assert.match(d[0].message, c.says);
    });
  }

  it('says plainly when a name fits several resources, with their lines, and places none', () => {
    const [d] = armErrorDiagnostics({ code: 'InUseSubnetCannotBeDeleted', target: 'dup', message: 'x' }, where, 'deploy-failed');
    assert.equal(d.line, undefined);
    assert.match(d.hint!, new RegExp(`2 resources of mainTemplate.json can have the name dup \\(lines ${at('/resources/3').line}, ${at('/resources/4').line}\\)`));
  });

  it('says plainly when the resources of that type have names known only at run time', () => {
    const [d] = armErrorDiagnostics({ code: 'Conflict', target: id('Microsoft.Web/sites', 'app1'), message: 'x' }, where, 'deploy-failed');
    assert.equal(d.line, undefined);
    assert.match(d.hint!, /Not placed: the name of 2 Microsoft\.Web\/sites resources at lines \d+, \d+ needs a value known only at run time/);
  });

  it('says when no resource of the template has the name', () => {
    const [d] = armErrorDiagnostics({ code: 'Conflict', target: 'nosuchname', message: 'x' }, where, 'deploy-failed');
    assert.equal(d.line, undefined);
    assert.match(d.hint!, /No resource of mainTemplate\.json has the name nosuchname/);
  });

  it('says each failure once', () => {
    const twice: ArmError = { code: 'DeploymentFailed', details: [{ code: 'Conflict', target: 'st0', message: 'a' }, { code: 'Conflict', target: 'st0', message: 'a' }, { code: 'Conflict', target: 'st1', message: 'b' }] };
    assert.equal(armErrorDiagnostics(twice, where, 'deploy-failed').length, 2);
  });

  it('follows nested details and JSON in messages down to the first-hand errors', () => {
    const leaves = leafErrors({ code: 'ResourceDeploymentFailure', details: [{ code: 'DeploymentFailed', details: [{ code: 'Conflict', message: '{"error":{"code":"StorageAccountAlreadyTaken","message":"taken"}}' }] }] });
    assert.deepEqual(leaves, [{ code: 'StorageAccountAlreadyTaken', message: 'taken', statusCode: 'Conflict' }]);
  });
});
