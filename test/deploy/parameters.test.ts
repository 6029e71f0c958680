// Deployment parameters checked as ARM checks them, before anything is created; findings at the parameter.

import assert from 'node:assert/strict';
import { checkParameters, secureVariable } from '../../src/deploy/parameters.js';
import { typeAndName } from '../../src/deploy/arm-errors.js';
import { parseJsonSource } from '../../src/util/json-source.js';

const template = {
  source: parseJsonSource(
    JSON.stringify(
      {
        parameters: {
          sku: { type: 'string', allowedValues: ['Standard_LRS', 'Standard_ZRS'] },
          prefix: { type: 'string', minLength: 3, maxLength: 11 },
          days: { type: 'int', minValue: 1, maxValue: 365, defaultValue: 90 },
          tags: { type: 'object', defaultValue: {} },
          adminPassword: { type: 'securestring' },
          location: { type: 'string', defaultValue: '[resourceGroup().location]' },
        },
        resources: [],
      },
      null,
      2,
    ),
  ),
  display: 'mainTemplate.json',
};
const file = (parameters: unknown) => ({ file: { source: parseJsonSource(JSON.stringify({ parameters }, null, 2)), display: 'params.json' } });

describe('deployment parameters', () => {
  it('a complete set passes; defaults stay ARM\'s; the secure value comes from the environment', () => {
    const r = checkParameters(template, { ...file({ sku: { value: 'Standard_ZRS' }, prefix: { value: 'abcd' } }), env: { [secureVariable('adminPassword')]: 'pw' } });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(Object.keys(r.parameters).sort(), ['adminPassword', 'prefix', 'sku']);
    assert.deepEqual(r.secure, ['adminPassword']);
    assert.equal(secureVariable('admin-Password'), 'OFFERKIT_PARAM_ADMIN_PASSWORD');
  });

  it('allowed values, length, range and type are checked, each at the value in the file', () => {
    const r = checkParameters(template, { ...file({ sku: { value: 'Premium_LRS' }, prefix: { value: 'ab' }, days: { value: 400 }, tags: { value: 'x' }, adminPassword: { value: 'in-a-file' } }), env: {} });
    const codes = r.diagnostics.map((d) => `${d.code} ${d.line}`).sort();
    assert.deepEqual(codes, ['deploy-parameter-length 7', 'deploy-parameter-not-allowed 4', 'deploy-parameter-range 10', 'deploy-parameter-type 13']);
    assert.ok(!r.diagnostics.some((d) => d.message.includes('in-a-file')), 'a secure value is never quoted');
  });

  it('every secure value given is known as a secret, even one refused for its type', () => {
    const r = checkParameters(template, { ...file({ sku: { value: 'Standard_LRS' }, prefix: { value: 'abcd' }, adminPassword: { value: 1234 } }), env: {} });
    assert.ok(r.diagnostics.some((d) => d.code === 'deploy-parameter-type'));
    assert.equal(r.parameters.adminPassword, undefined, 'not sent');
    assert.deepEqual(r.secureValues, [1234], 'but a secret all the same');
  });

  it('parameter names are data: __proto__ and constructor are parameters like any other', () => {
    const source = parseJsonSource('{ "parameters": { "__proto__": { "type": "string" }, "constructor": { "type": "int" } }, "resources": [] }');
    const given = { file: { source: parseJsonSource('{ "parameters": { "__proto__": { "value": "p" }, "constructor": { "value": 3 } } }'), display: 'params.json' } };
    const r = checkParameters({ source, display: 'mainTemplate.json' }, given);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(Object.keys(r.parameters).sort(), ['__proto__', 'constructor']);
    assert.deepEqual(r.parameters.__proto__, { value: 'p' });
    assert.equal(JSON.stringify(r.parameters), '{"__proto__":{"value":"p"},"constructor":{"value":3}}', 'and sent as such');
  });

  it('a Key Vault reference is passed to ARM as it is', () => {
    const reference = { keyVault: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/v' }, secretName: 's' };
    const r = checkParameters(template, { ...file({ sku: { value: 'Standard_LRS' }, prefix: { value: 'abcd' }, adminPassword: { reference } }), env: {} });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.parameters.adminPassword, { reference });
  });

  it('a resource id gives its full type and name', () => {
    assert.deepEqual(typeAndName('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default'), { type: 'Microsoft.Storage/storageAccounts/blobServices', name: 'st1/default' });
    assert.equal(typeAndName('/subscriptions/s/resourceGroups/rg'), undefined);
  });
});
