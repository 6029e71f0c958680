// The pure parts of publishing: where settings come from, which cloud is used, and what counts as a change.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLOUDS, resolveCloud } from '../../src/azure/clouds.js';
import { UserError } from '../../src/diagnostics.js';
import { desiredDefinition, diffDefinitions, type DefinitionModel } from '../../src/publish/service-catalog/desired.js';
import { resolveTarget } from '../../src/publish/service-catalog/settings.js';
import type { ApplicationDefinitionProperties } from '../../src/render/definition.js';
import { redact, registerSecret } from '../../src/util/redact.js';
import { tempDir } from '../helpers/cli.js';

const SUB = '3c4f8a1e-2b7d-4e6a-9f10-5d2c8b7a6e41';

describe('publish settings', () => {
  const usage = (fn: () => unknown, message: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof UserError && e.exitCode === 2 && message.test(e.message));

  it('flags win over the offer, the offer over the environment', () => {
    const offer = { subscription: SUB, resourceGroup: 'rg-offer', location: 'northeurope', storageAccount: 'offeracct' };
    const t = resolveTarget({ resourceGroup: 'rg-flag', location: 'West Europe' }, offer, { AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000000' });
    assert.equal(t.subscription, SUB);
    assert.equal(t.resourceGroup, 'rg-flag');
    assert.equal(t.location, 'westeurope');
    assert.deepEqual(t.delivery, { kind: 'storage', account: 'offeracct' });
    const env = resolveTarget({ resourceGroup: 'rg', location: 'uksouth', inline: true }, {}, { AZURE_SUBSCRIPTION_ID: SUB });
    assert.equal(env.subscription, SUB);
    assert.deepEqual(env.delivery, { kind: 'inline' });
  });

  it('a delivery flag replaces the offer\'s delivery; the key comes from the flag or AZURE_STORAGE_KEY', () => {
    const offer = { subscription: SUB, resourceGroup: 'rg', location: 'westeurope', storageAccount: 'offeracct' };
    assert.deepEqual(resolveTarget({ packageUrl: 'https://example.com/app.zip' }, offer, {}).delivery, { kind: 'url', url: 'https://example.com/app.zip' });
    assert.deepEqual(resolveTarget({}, offer, { AZURE_STORAGE_KEY: 'k3y' }).delivery, { kind: 'storage', account: 'offeracct', accountKey: 'k3y' });
  });

  it('missing, invalid or conflicting settings are usage errors that say what to set', () => {
    usage(() => resolveTarget({ resourceGroup: 'rg', location: 'westeurope', inline: true }, {}, {}), /No subscription/);
    usage(() => resolveTarget({ subscription: 'not-a-guid', resourceGroup: 'rg', location: 'westeurope', inline: true }, {}, {}), /must be a subscription id/);
    usage(() => resolveTarget({ subscription: SUB, location: 'westeurope', inline: true }, {}, {}), /No resource group/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg.', location: 'westeurope', inline: true }, {}, {}), /not a valid resource group name/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg', inline: true }, {}, {}), /No location/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg', location: 'westeurope' }, {}, {}), /No package delivery/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg', location: 'westeurope', inline: true, storageAccount: 'acct1' }, {}, {}), /Choose one of/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg', location: 'westeurope', storageAccount: 'Bad_Name' }, {}, {}), /Storage account name/);
    usage(() => resolveTarget({ subscription: SUB, resourceGroup: 'rg', location: 'westeurope', packageUrl: 'http://example.com/a.zip' }, {}, {}), /https URL/);
  });
});

describe('clouds', () => {
  it('the sovereign clouds have their own endpoints, scopes and storage suffixes', async () => {
    const gov = await resolveCloud({ cloud: 'AzureUSGovernment' });
    assert.equal(gov.resourceManager, 'https://management.usgovcloudapi.net');
    assert.equal(gov.armScope, 'https://management.usgovcloudapi.net/.default');
    assert.equal(gov.authorityHost, 'https://login.microsoftonline.us');
    assert.equal(gov.blobEndpointTemplate, 'https://{account}.blob.core.usgovcloudapi.net');
    const china = await resolveCloud({ cloud: 'AzureChinaCloud' });
    assert.equal(china.blobEndpointTemplate, 'https://{account}.blob.core.chinacloudapi.cn');
    assert.deepEqual(await resolveCloud({}), CLOUDS.AzureCloud);
  });

  it('--arm-endpoint derives the token scope from the endpoint', async () => {
    const c = await resolveCloud({ armEndpoint: 'https://management.contoso-stack.example/' });
    assert.equal(c.resourceManager, 'https://management.contoso-stack.example');
    assert.equal(c.armScope, 'https://management.contoso-stack.example/.default');
    await assert.rejects(resolveCloud({ armEndpoint: 'http://insecure.example' }), /must be an https URL/);
    await assert.rejects(resolveCloud({ cloud: 'AzureGermany' }), /Unknown cloud/);
  });

  it('a cloud file describes a private cloud completely', async () => {
    const file = join(await tempDir(), 'cloud.json');
    await writeFile(file, JSON.stringify({ name: 'stack', resourceManager: 'https://arm.stack.example', authorityHost: 'https://login.stack.example', storageEndpointSuffix: 'stack.example', portal: 'https://portal.stack.example' }));
    const c = await resolveCloud({ cloudConfigFile: file });
    assert.equal(c.name, 'stack');
    assert.equal(c.blobEndpointTemplate, 'https://{account}.blob.stack.example');
    assert.equal(c.disableInstanceDiscovery, true, 'a custom authority is not one Entra can discover');
    await writeFile(file, '{ not json');
    await assert.rejects(resolveCloud({ cloudConfigFile: file }), /Cannot read cloud configuration/);
  });
});

describe('what counts as a change to a definition', () => {
  const props: ApplicationDefinitionProperties = {
    displayName: 'Offer (Plan)',
    description: 'Summary',
    lockLevel: 'ReadOnly',
    authorizations: [{ principalId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', roleDefinitionId: 'b24988ac-6180-42a0-ab88-20f7382dd24c' }],
    policies: [{ name: 'secure-transfer', policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9', parameters: '{"effect":{"value":"Deny"}}' }],
    deploymentPolicy: { deploymentMode: 'Incremental' },
    managementPolicy: { mode: 'Managed' },
    isEnabled: true,
  };
  const meta = { location: 'westeurope', offerId: 'o', planId: 'p', planVersion: '1.0.0', sha256: 'a'.repeat(64) };
  const desired = desiredDefinition(props, meta, { kind: 'url', packageFileUri: 'https://acct.blob.core.windows.net/c/p.zip?sv=1&sig=abc' });

  it('a fresh SAS, id case, list order and JSON spacing are not changes', () => {
    const live: DefinitionModel = {
      ...desired,
      location: 'WestEurope',
      packageFileUri: 'https://acct.blob.core.windows.net/c/p.zip?sv=2&sig=other',
      authorizations: props.authorizations.map((a) => ({ principalId: a.principalId.toUpperCase(), roleDefinitionId: a.roleDefinitionId })),
      policies: [{ ...props.policies[0], parameters: '{ "effect": { "value": "Deny" } }' }],
    };
    assert.deepEqual(diffDefinitions(live, desired), []);
  });

  it('a different package, setting or location is, field by field', () => {
    const live: DefinitionModel = { ...desired, lockLevel: 'None', tags: { ...desired.tags, 'offerkit-package-sha256': 'b'.repeat(64) } };
    assert.deepEqual(diffDefinitions(live, desired).map((c) => c.field), ['lockLevel', 'package']);
    assert.deepEqual(diffDefinitions(undefined, desired), [{ field: 'definition', from: null, to: 'created' }]);
    const unparsable: DefinitionModel = { ...desired, policies: [{ ...props.policies[0], parameters: 'not json' }] };
    assert.deepEqual(diffDefinitions(unparsable, desired).map((c) => c.field), ['policies']);
  });
});

describe('redaction', () => {
  it('removes SAS signatures, keys, tokens and registered secrets from any text', () => {
    registerSecret('plain-secret-value-123');
    const text = 'url https://a.blob/c/b.zip?sv=1&sig=AbC%2Fd== key AccountKey=Zm9vYmFy; Bearer eyJhbGciOi.eyJzdWIiOiIx.c2ln and plain-secret-value-123';
    const out = redact(text);
    assert.equal(out, 'url https://a.blob/c/b.zip?sv=1&sig=*** key AccountKey=***; Bearer *** and ***');
  });

  it('a secret key holding an object (a Key Vault reference) is left as JSON; a secret value under it is still removed', () => {
    registerSecret('abcdefgh12345678');
    const json = JSON.stringify({ servicePrincipalKey: { type: 'AzureKeyVaultSecret', secretName: 'entra-application-secret' }, other: { servicePrincipalKey: 'abcdefgh12345678' } });
    const out = redact(json);
    assert.deepEqual(JSON.parse(out), { servicePrincipalKey: { type: 'AzureKeyVaultSecret', secretName: 'entra-application-secret' }, other: { servicePrincipalKey: '***' } });
  });
});
