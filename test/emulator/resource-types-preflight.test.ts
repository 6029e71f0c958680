// The ARM emulator's preflight against Azure's own resource types, as Microsoft's deployments client sees it
// (@azure/arm-resources 6's deployments):
// a deployment whose resources Azure would refuse is refused (validate, what-if and the deployment itself),
// judged with the values its parameters are given and into nested templates; one Azure accepts goes through.

import { ResourceManagementClient } from '@azure/arm-resources';
import type { AccessToken, TokenCredential } from '@azure/identity';
import assert from 'node:assert/strict';
import { uniqueString } from '../../src/arm/unique-string.js';
import { startPublishEnv, type PublishEnv } from './publish-env.js';

interface Refusal {
  error: { code: string; message: string; details: { code: string; message: string; target: string; details?: { code: string; message: string; target: string }[] }[] };
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const template = (resources: unknown[], parameters: Record<string, unknown> = {}) => ({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters, resources });
const storage = (extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-05-01',
  name: 'contosodata01',
  location: '[resourceGroup().location]',
  sku: { name: 'Standard_LRS' },
  kind: 'StorageV2',
  properties: { supportsHttpsTrafficOnly: true, ...props },
  ...extra,
});

describe("ARM emulator: preflight against Azure's resource types", function () {
  this.timeout(180000);
  let env: PublishEnv;
  let deployments: ResourceManagementClient;
  const RG = 'rg-types';

  before(async () => {
    env = await startPublishEnv();
    const now = () => Math.floor(Date.now() / 1000);
    const credential: TokenCredential = {
      getToken: (): Promise<AccessToken> => {
        const iat = now();
        const token = env.arm.entra.sign({ aud: env.arm.base, iss: `https://sts.windows.net/${env.tenant}/`, tid: env.tenant, oid: env.principal.objectId, appid: env.principal.clientId, iat, nbf: iat - 60, exp: iat + 600 });
        return Promise.resolve({ token, expiresOnTimestamp: (iat + 600) * 1000 });
      },
    };
    const options = { endpoint: env.arm.base, credentialScopes: [`${env.arm.base}/.default`], credentials: { scopes: [`${env.arm.base}/.default`] }, httpClient: env.httpClient, retryOptions: { maxRetries: 0 } };
    deployments = new ResourceManagementClient(credential, env.subscription, options);
    await deployments.resourceGroups.createOrUpdate(RG, { location: 'westeurope' });
  });
  after(() => env?.stop());

  /** ARM's answer to validate: undefined when it validated, the refusal's body otherwise. */
  const validate = async (tpl: Record<string, unknown>, parameters: Record<string, { value: unknown }> = {}): Promise<Refusal | undefined> => {
    let refused: Refusal | undefined;
    try {
      await deployments.deployments.beginValidateAndWait(RG, 'types', { properties: { template: tpl, parameters, mode: 'Incremental' } }, {
        onResponse: (raw: { status: number; bodyAsText?: string | null }) => {
          if (raw.status >= 400) refused = JSON.parse(raw.bodyAsText ?? '{}') as Refusal;
        },
      });
    } catch (e) {
      if (!refused) throw e;
    }
    return refused;
  };
  const inner = (r: Refusal) => r.error.details.flatMap((d) => d.details ?? [d]);

  it('validates a deployment Azure accepts', async () => {
    assert.equal(await validate(template([storage()])), undefined);
  });

  it('refuses a misspelt property and a read-only one, naming the resource as ARM does', async () => {
    const r = await validate(template([storage({}, { supportsHttpsTrafficOnlyy: true, provisioningState: 'Succeeded' })]));
    assert.equal(r?.error.code, 'InvalidTemplateDeployment');
    assert.equal(r.error.details[0].code, 'PreflightValidationCheckFailed');
    const found = inner(r);
    assert.deepEqual(found.map((d) => d.target), ['contosodata01', 'contosodata01']);
    assert.match(found[0].message, /no property "supportsHttpsTrafficOnlyy".*Did you mean "supportsHttpsTrafficOnly"/);
    assert.match(found[1].message, /provisioningState .* is read-only/);
  });

  it('judges the values the parameters are given: a storage account named "ab"', async () => {
    const tpl = template([storage({ name: "[parameters('name')]" })], { name: { type: 'string' } });
    assert.equal(await validate(tpl, { name: { value: 'contosodata01' } }), undefined);
    const r = await validate(tpl, { name: { value: 'ab' } });
    assert.deepEqual(inner(r!).map((d) => [d.code, d.target]), [['InvalidResourceName', 'ab']]);
  });

  it('names a resource whose name is an expression by the name ARM evaluates (uniqueString included)', async () => {
    const r = await validate(template([storage({ name: "[concat('st', uniqueString(resourceGroup().id))]", kind: undefined })]));
    assert.deepEqual(inner(r!).map((d) => [d.code, d.target]), [['MissingRequiredProperty', `st${uniqueString(`/subscriptions/${env.subscription}/resourceGroups/${RG}`)}`]]);
  });

  it('refuses a type Azure does not define with InvalidResourceType', async () => {
    const r = await validate(template([storage({ type: 'Microsoft.Storage/storageAccount' })]));
    assert.equal(r?.error.details[0].code, 'InvalidResourceType');
    assert.match(r.error.details[0].message, /Did you mean "Microsoft.Storage\/storageAccounts"/);
  });

  it('refuses a missing required property inside a nested template evaluated in inner scope', async () => {
    const nested = { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'nested', properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: template([storage({ kind: undefined })]) } };
    const r = await validate(template([nested]));
    assert.deepEqual(inner(r!).map((d) => [d.code, d.target]), [['MissingRequiredProperty', 'contosodata01']]);
  });

  it('refuses the deployment itself, before anything is created', async () => {
    await assert.rejects(
      deployments.deployments.beginCreateOrUpdateAndWait(RG, 'types-put', { properties: { template: template([storage({}, { allowBlobPublicAccess: 'no' })]), mode: 'Incremental' } }),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 400 && e.code === 'InvalidTemplateDeployment',
    );
    assert.deepEqual(env.arm.deployments.resourcesIn(env.subscription, RG), []);
  });
});
