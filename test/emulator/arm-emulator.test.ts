// The emulator answers the real Azure SDK clients the way ARM does. If these fail, publish tests prove nothing.

import { ApplicationClient } from '@azure/arm-managedapplications';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { AccessToken, TokenCredential } from '@azure/identity';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { writeDeterministicZip } from '../../src/package/zip-write.js';
import { startPublishEnv, type PublishEnv } from './publish-env.js';
import { solutionsValidator } from './solutions-schema.js';
import { parseJson } from '../helpers/json.js';

interface ArmError { error: { code: string; message: string } }

describe('ARM emulator (as the Azure SDK sees it)', function () {
  this.timeout(180000);
  let env: PublishEnv;
  let apps: ApplicationClient;
  let resources: ResourceManagementClient;

  const tokenFor = (aud: string): TokenCredential => ({
    getToken: (): Promise<AccessToken> => {
      const now = Math.floor(Date.now() / 1000);
      const token = env.arm.entra.sign({ aud, iss: `https://sts.windows.net/${env.tenant}/`, tid: env.tenant, oid: env.principal.objectId, appid: env.principal.clientId, iat: now, nbf: now - 60, exp: now + 600 });
      return Promise.resolve({ token, expiresOnTimestamp: (now + 600) * 1000 });
    },
  });

  before(async () => {
    env = await startPublishEnv({ pageSize: 2 });
    const options = { endpoint: env.arm.base, credentialScopes: [`${env.arm.base}/.default`], httpClient: env.httpClient, retryOptions: { maxRetries: 0 } };
    apps = new ApplicationClient(tokenFor(env.arm.base), env.subscription, options);
    resources = new ResourceManagementClient(tokenFor(env.arm.base), env.subscription, options);
  });
  after(() => env?.stop());

  const inline = (name: string) => ({
    location: 'West Europe',
    lockLevel: 'ReadOnly',
    displayName: name,
    authorizations: [{ principalId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', roleDefinitionId: 'b24988ac-6180-42a0-ab88-20f7382dd24c' }],
    mainTemplate: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] },
    createUiDefinition: { handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps: [], outputs: {} } },
  });

  it('resource groups: HEAD 404, PUT 201 then 200, HEAD 204, a location change refused with 409', async () => {
    assert.equal((await resources.resourceGroups.checkExistence('rg-a')).body, false);
    await resources.resourceGroups.createOrUpdate('rg-a', { location: 'westeurope' });
    await resources.resourceGroups.createOrUpdate('rg-a', { location: 'westeurope', tags: { a: 'b' } });
    assert.equal((await resources.resourceGroups.checkExistence('rg-a')).body, true);
    assert.deepEqual(env.arm.requests.filter((r) => r.method === 'PUT').map((r) => r.status), [201, 200]);
    await assert.rejects(resources.resourceGroups.createOrUpdate('rg-a', { location: 'eastus' }), (e: { statusCode?: number; code?: string }) => e.statusCode === 409 && e.code === 'InvalidResourceGroupLocation');
  });

  it('applicationDefinitions: PUT 201 then 200, GET, missing GET as the SDK expects, DELETE 200 then 204', async () => {
    const created = await apps.applicationDefinitions.createOrUpdate('rg-a', 'def-one', inline('One') as never);
    assert.equal(created.location, 'westeurope', 'ARM normalises the location');
    await apps.applicationDefinitions.createOrUpdate('rg-a', 'def-one', inline('One again') as never);
    const puts = env.arm.requests.filter((r) => r.method === 'PUT' && r.path.includes('def-one'));
    assert.deepEqual(puts.map((r) => r.status), [201, 200]);
    const got = await apps.applicationDefinitions.get('rg-a', 'def-one');
    assert.equal(got.displayName, 'One again');
    // 2021-07-01 declares 404 as an expected answer of GET: the SDK returns an empty result, no error.
    const missing = await apps.applicationDefinitions.get('rg-a', 'no-such-def');
    assert.equal(missing?.id, undefined);
    await apps.applicationDefinitions.delete('rg-a', 'def-one');
    await apps.applicationDefinitions.delete('rg-a', 'def-one');
    assert.deepEqual(env.arm.requests.filter((r) => r.method === 'DELETE').map((r) => r.status), [200, 204]);
  });

  it('lists page with nextLink, and the SDK follows it', async () => {
    for (const n of ['page-1', 'page-2', 'page-3', 'page-4', 'page-5']) await apps.applicationDefinitions.createOrUpdate('rg-a', n, inline(n) as never);
    const names: string[] = [];
    for await (const d of apps.applicationDefinitions.listByResourceGroup('rg-a')) names.push(d.name!);
    assert.deepEqual(names.sort(), ['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
    assert.ok(env.arm.requests.filter((r) => r.path.includes('skiptoken')).length >= 2, 'more than one page was fetched');
  });

  it('deleting a resource group is a long-running operation (202 + Location) that removes its definitions', async () => {
    await resources.resourceGroups.createOrUpdate('rg-gone', { location: 'westeurope' });
    await apps.applicationDefinitions.createOrUpdate('rg-gone', 'inside', inline('Inside') as never);
    const poller = await resources.resourceGroups.beginDelete('rg-gone', { updateIntervalInMs: 10 });
    await poller.pollUntilDone();
    const del = env.arm.requests.find((r) => r.method === 'DELETE' && r.path.includes('rg-gone'));
    assert.equal(del?.status, 202);
    assert.ok(env.arm.requests.some((r) => r.path.includes('/operationresults/') && r.status === 200));
    assert.equal((await resources.resourceGroups.checkExistence('rg-gone')).body, false);
    assert.equal(env.arm.definition(env.subscription, 'rg-gone', 'inside'), undefined);
  });

  it('validates bodies against the official Microsoft.Solutions schema when ../shared is present', async function () {
    if (!solutionsValidator()) {
      console.log('      (skipped: ../shared/conformance is not present, so the official schema is not available)');
      this.skip();
    }
    // The SDK checks enums itself, so the body goes over the wire as another client would send it.
    const { lockLevel: _l, ...props } = inline('Bad');
    const body = JSON.stringify({ location: 'westeurope', properties: { ...props, lockLevel: 'Sometimes' } });
    const token = (await tokenFor(env.arm.base).getToken([]))!.token;
    const [status, text] = await raw(env, 'PUT', `/subscriptions/${env.subscription}/resourceGroups/rg-a/providers/Microsoft.Solutions/applicationDefinitions/bad-def?api-version=2021-07-01`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body);
    assert.equal(status, 400, text);
    assert.equal(parseJson<ArmError>(text).error.code, 'InvalidRequestContent');
    assert.match(parseJson<ArmError>(text).error.message, /lockLevel/);
  });

  it('downloads packageFileUri like ARM and refuses a package without createUiDefinition.json at its root', async () => {
    const zip = await writeDeterministicZip(new Map([['mainTemplate.json', Buffer.from('{}')], ['nested/createUiDefinition.json', Buffer.from('{}')]]));
    const { url, close } = await serve(env, zip);
    try {
      const body = { location: 'westeurope', lockLevel: 'None', packageFileUri: url };
      await assert.rejects(apps.applicationDefinitions.createOrUpdate('rg-a', 'zip-def', body as never), (e: { statusCode?: number; code?: string; message?: string }) => e.statusCode === 400 && e.code === 'InvalidApplicationPackage' && (e.message ?? '').includes('createUiDefinition.json'));
      await assert.rejects(apps.applicationDefinitions.createOrUpdate('rg-a', 'zip-def', { ...body, packageFileUri: `${url}-missing` } as never), (e: { code?: string }) => e.code === 'PackageDownloadFailed');
    } finally {
      close();
    }
  });

  it('refuses requests without a token, with a token for another audience, or without api-version', async () => {
    const status = (path: string, headers: Record<string, string>) => raw(env, 'GET', path, headers);
    const path = `/subscriptions/${env.subscription}/resourcegroups?api-version=2025-04-01`;
    const [s1, b1] = await status(path, {});
    assert.equal(s1, 401);
    assert.equal(parseJson<ArmError>(b1).error.code, 'AuthenticationFailed');
    const wrong = (await tokenFor('https://storage.azure.com').getToken([]))!.token;
    const [s2, b2] = await status(path, { authorization: `Bearer ${wrong}` });
    assert.equal(s2, 401);
    assert.equal(parseJson<ArmError>(b2).error.code, 'InvalidAuthenticationTokenAudience');
    const right = (await tokenFor(env.arm.base).getToken([]))!.token;
    const [s3, b3] = await status(path.replace('?api-version=2025-04-01', ''), { authorization: `Bearer ${right}` });
    assert.equal(s3, 400);
    assert.equal(parseJson<ArmError>(b3).error.code, 'MissingApiVersionParameter');
  });
});

function raw(env: PublishEnv, method: string, path: string, headers: Record<string, string>, body?: string): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const req = request(`${env.arm.base}${path}`, { method, ca: env.cert.certPem, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve([res.statusCode ?? 0, text]));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Serves one package over HTTPS with the test certificate, the way a storage account would. */
async function serve(env: PublishEnv, zip: Buffer): Promise<{ url: string; close: () => void }> {
  const { createServer } = await import('node:https');
  const server = createServer({ cert: env.cert.certPem, key: env.cert.keyPem }, (req, res) => {
    if (req.url === '/app.zip') res.end(zip);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `https://127.0.0.1:${port}/app.zip`, close: () => server.close() };
}
