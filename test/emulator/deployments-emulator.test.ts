// The emulator's deployments, managed applications and marketplace answer in ARM's shapes and are as strict as
// ARM: names evaluated as ARM evaluates them, the posted error bodies (fixtures/arm-errors) with the emulated names
// in place, a group's listing without extension or child resources, a deployment into a group that does not exist
// refused, terms accepted only with the signature read, artifacts readable only with their SAS. If these fail,
// deploy's tests prove nothing.

import assert from 'node:assert/strict';
import { request } from 'node:https';
import { uniqueString } from '../../src/arm/unique-string.js';
import { parseJson } from '../helpers/json.js';
import { startPublishEnv, type PublishEnv } from './publish-env.js';

describe('ARM emulator: deployments as ARM answers them', function () {
  this.timeout(120000);
  let env: PublishEnv;
  let token: string;

  before(async () => {
    env = await startPublishEnv();
    const now = Math.floor(Date.now() / 1000);
    token = env.arm.entra.sign({ aud: env.arm.base, iss: `https://sts.windows.net/${env.tenant}/`, tid: env.tenant, oid: env.principal.objectId, appid: env.principal.clientId, iat: now, nbf: now - 60, exp: now + 600 });
    env.arm.resourceGroups.set(`${env.subscription}/rg-e`, { subscription: env.subscription, name: 'rg-e', location: 'westeurope', tags: {} });
  });
  after(() => env?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
  });

  const call = (method: string, path: string, body?: unknown, auth = true): Promise<[number, string]> =>
    new Promise((resolve, reject) => {
      const req = request(`${env.arm.base}${path}`, { method, ca: env.cert.certPem, headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve([res.statusCode ?? 0, text]));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const rg = () => `/subscriptions/${env.subscription}/resourceGroups/rg-e`;
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[concat('st', uniqueString(resourceGroup().id))]", location: '[resourceGroup().location]', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' },
      { type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: '2023-05-01', name: "[format('{0}/default', concat('st', uniqueString(resourceGroup().id)))]" },
      { type: 'Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', name: 'to-log', scope: "[format('Microsoft.Storage/storageAccounts/{0}/blobServices/default', concat('st', uniqueString(resourceGroup().id)))]", properties: { workspaceId: '/x' } },
      { type: 'Microsoft.Web/sites', apiVersion: '2023-01-01', name: "[reference('elsewhere').siteName]", location: 'westeurope' },
    ],
  };

  it('names resources as ARM does, lists only tracked resources, and keeps extension resources where they extend', async () => {
    const [s] = await call('PUT', `${rg()}/providers/Microsoft.Resources/deployments/d1?api-version=2022-09-01`, { properties: { mode: 'Incremental', template } });
    assert.equal(s, 201);
    const account = `st${uniqueString(rg())}`;
    const [, listed] = await call('GET', `${rg()}/resources?api-version=2022-09-01`);
    const types = parseJson<{ value: { type: string; name: string }[] }>(listed).value.map((v) => `${v.type} ${v.name}`);
    assert.ok(types.includes(`Microsoft.Storage/storageAccounts ${account}`), JSON.stringify(types));
    assert.ok(!types.some((x) => /blobServices|diagnosticSettings/.test(x)), 'no child or extension resource in the listing');
    const [ds, settings] = await call('GET', `${rg()}/providers/Microsoft.Storage/storageAccounts/${account}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`);
    assert.equal(ds, 200);
    assert.deepEqual(parseJson<{ value: { name: string }[] }>(settings).value.map((v) => v.name), ['to-log']);
  });

  it("what-if marks a resource whose name needs a run-time value Unsupported, with a reason", async () => {
    const [s, body] = await call('POST', `${rg()}/providers/Microsoft.Resources/deployments/d2/whatIf?api-version=2022-09-01`, { properties: { mode: 'Incremental', template } });
    assert.equal(s, 200);
    const changes = parseJson<{ properties: { changes: { changeType: string; unsupportedReason?: string; resourceId: string }[] } }>(body).properties.changes;
    assert.ok(changes.some((c) => c.changeType === 'Unsupported' && (c.unsupportedReason ?? '').includes('could not be predicted')), JSON.stringify(changes));
    assert.ok(changes.some((c) => c.changeType === 'NoChange'), 'what exists already is NoChange');
  });

  it('refuses a preflight with the posted body, the resource named by its evaluated name', async () => {
    env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', phase: 'validate', code: 'RequestDisallowedByPolicy', message: 'x' });
    const [s, body] = await call('POST', `${rg()}/providers/Microsoft.Resources/deployments/d3/validate?api-version=2022-09-01`, { properties: { mode: 'Incremental', template } });
    assert.equal(s, 400);
    const e = parseJson<{ error: { code: string; details: { code: string; target: string; innererror: unknown }[] } }>(body).error;
    assert.equal(e.code, 'InvalidTemplateDeployment');
    assert.deepEqual(e.details.map((d) => [d.code, d.target]), [['RequestDisallowedByPolicy', `st${uniqueString(rg())}`]]);
    assert.ok(e.details[0].innererror, 'as posted, with its policy information');
  });

  it('validates from the subscription only into a group the request creates or that exists', async () => {
    const into = (group: string, create: boolean) => ({
      location: 'westeurope',
      properties: { mode: 'Incremental', template: { $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [...(create ? [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: group, location: 'westeurope' }] : []), { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', resourceGroup: group, properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template } }] } },
    });
    const [missing, body] = await call('POST', `/subscriptions/${env.subscription}/providers/Microsoft.Resources/deployments/s1/validate?api-version=2022-09-01`, into('rg-none', false));
    assert.equal(missing, 404);
    assert.equal(parseJson<{ error: { code: string } }>(body).error.code, 'ResourceGroupNotFound');
    const [ok, validated] = await call('POST', `/subscriptions/${env.subscription}/providers/Microsoft.Resources/deployments/s2/validate?api-version=2022-09-01`, into('rg-new', true));
    assert.equal(ok, 200, validated);
    assert.ok(validated.includes(`/resourceGroups/rg-new/providers/Microsoft.Storage/storageAccounts/st${uniqueString(`/subscriptions/${env.subscription}/resourceGroups/rg-new`)}`), 'named in the new group');
    assert.equal(env.arm.resourceGroups.get(`${env.subscription}/rg-new`), undefined, 'validate creates nothing');
  });

  it('accepts marketplace terms only with the signature of the terms read', async () => {
    const path = `/subscriptions/${env.subscription}/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/pub/offers/off/plans/p1/agreements/current?api-version=2021-01-01`;
    const [, read] = await call('GET', path);
    const terms = parseJson<{ properties: { accepted: boolean; signature: string } }>(read);
    assert.equal(terms.properties.accepted, false);
    const [forged] = await call('PUT', path, { properties: { ...terms.properties, signature: 'FORGED', accepted: true } });
    assert.equal(forged, 400);
    const [s, accepted] = await call('PUT', path, { properties: { ...terms.properties, accepted: true } });
    assert.equal(s, 200);
    assert.equal(parseJson<{ properties: { accepted: boolean } }>(accepted).properties.accepted, true);
  });

  it("serves a definition's template only with the SAS its artifact link carries", async () => {
    const [s] = await call('GET', `/artifacts/subscriptions/${env.subscription}/resourceGroups/rg-e/providers/Microsoft.Solutions/applicationDefinitions/none/applicationResourceTemplate.json?sig=guess`, undefined, false);
    assert.equal(s, 403);
  });
});
