import assert from 'node:assert/strict';
import { checkPolicy } from '../../src/policies/check-policy.js';
import { loadPolicyLibrary } from '../../src/policies/library.js';

const storage = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-05-01',
  name: "[variables('sa')]",
  location: "[parameters('location')]",
  properties,
  ...extra,
});
const template = (resources: unknown[], parameters: Record<string, unknown> = { location: { type: 'string', defaultValue: '[resourceGroup().location]' } }) => ({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  parameters,
  variables: { sa: 'x', tls: 'TLS1_0' },
  resources,
});

const SCRIPT = {
  type: 'Microsoft.Resources/deploymentScripts',
  apiVersion: '2023-08-01',
  name: 'run-once',
  location: "[parameters('location')]",
  kind: 'AzureCLI',
  properties: { azCliVersion: '2.61.0', retentionInterval: 'PT1H', scriptContent: 'echo hi' } as Record<string, unknown>,
};

describe('policy library', () => {
  it('loads every policy file without diagnostics and with a built-in definition id', async () => {
    const lib = await loadPolicyLibrary();
    assert.deepEqual(lib.diagnostics, []);
    for (const id of ['secure-transfer', 'infrastructure-encryption', 'customer-managed-key', 'minimum-tls', 'no-public-blob-access', 'allowed-locations', 'diagnostic-settings']) {
      const p = lib.policies.get(id);
      assert.ok(p, id);
      assert.match(p.policyDefinitionId, /^\/providers\/Microsoft\.Authorization\/policyDefinitions\/[0-9a-f-]{36}$/);
      assert.ok(p.guarantee.length > 20);
    }
  });
});

describe('checkPolicy', () => {
  const cases: { policy: string; params?: Record<string, unknown>; template: Record<string, unknown>; expect: ('error' | 'warning')[] }[] = [
    { policy: 'secure-transfer', template: template([storage({ supportsHttpsTrafficOnly: true })]), expect: [] },
    { policy: 'secure-transfer', template: template([storage({ supportsHttpsTrafficOnly: false })]), expect: ['error'] },
    { policy: 'secure-transfer', template: template([storage({})]), expect: ['error'] },
    { policy: 'secure-transfer', template: template([storage({ supportsHttpsTrafficOnly: "[parameters('https')]" })], { https: { type: 'bool' } }), expect: ['warning'] },
    { policy: 'secure-transfer', template: template([storage({ supportsHttpsTrafficOnly: "[parameters('https')]" })], { https: { type: 'bool', allowedValues: [true] } }), expect: [] },
    { policy: 'minimum-tls', template: template([storage({ minimumTlsVersion: 'TLS1_2' })]), expect: [] },
    { policy: 'minimum-tls', template: template([storage({ minimumTlsVersion: "[variables('tls')]" })]), expect: ['error'] },
    { policy: 'infrastructure-encryption', template: template([storage({ encryption: { requireInfrastructureEncryption: true } })]), expect: [] },
    { policy: 'infrastructure-encryption', template: template([storage({ Encryption: { RequireInfrastructureEncryption: false } })]), expect: ['error'] },
    { policy: 'no-public-blob-access', template: template([storage({ allowBlobPublicAccess: false })]), expect: [] },
    { policy: 'customer-managed-key', template: template([storage({ encryption: { keySource: 'Microsoft.Storage' } })]), expect: ['error'] },
    { policy: 'customer-managed-key', template: template([storage({ encryption: { keySource: 'microsoft.keyvault' } })]), expect: [] },
    {
      policy: 'allowed-locations',
      params: { listOfAllowedLocations: ['westeurope'] },
      template: template([storage({})], { location: { type: 'string', allowedValues: ['westeurope'] } }),
      expect: [],
    },
    { policy: 'allowed-locations', params: { listOfAllowedLocations: ['westeurope'] }, template: template([storage({})], { location: { type: 'string' } }), expect: ['error'] },
    { policy: 'allowed-locations', params: { listOfAllowedLocations: ['westeurope'] }, template: template([storage({}, { location: 'eastus' })]), expect: ['error'] },
    {
      policy: 'diagnostic-settings',
      params: { listOfResourceTypes: ['Microsoft.DataFactory/factories'] },
      template: template([{ type: 'Microsoft.DataFactory/factories', name: "[variables('f')]", location: "[parameters('location')]" }]),
      expect: ['error'],
    },
    {
      policy: 'diagnostic-settings',
      params: { listOfResourceTypes: ['Microsoft.DataFactory/factories'] },
      template: template([
        { type: 'Microsoft.DataFactory/factories', name: "[variables('f')]", location: "[parameters('location')]" },
        { type: 'Microsoft.Insights/diagnosticSettings', name: 'd', scope: "[format('Microsoft.DataFactory/factories/{0}', variables('f'))]", properties: { workspaceId: "[resourceId('Microsoft.OperationalInsights/workspaces', 'w')]", logs: [{ categoryGroup: 'allLogs', enabled: true }] } },
      ]),
      expect: [],
    },
    {
      policy: 'diagnostic-settings',
      params: { listOfResourceTypes: ['Microsoft.DataFactory/factories'] },
      template: template([
        { type: 'Microsoft.DataFactory/factories', name: "[variables('f')]", location: "[parameters('location')]" },
        { type: 'Microsoft.Insights/diagnosticSettings', name: 'd', scope: "[format('Microsoft.DataFactory/factories/{0}', variables('f'))]", properties: { logs: [{ categoryGroup: 'allLogs', enabled: true }] } },
      ]),
      expect: ['error'],
    },
    // A deployment script without storageAccountSettings gets a storage account Azure creates with settings no
    // template states: no storage policy holds for it, and a Deny refuses it with the whole installation.
    { policy: 'infrastructure-encryption', template: template([storage({ encryption: { requireInfrastructureEncryption: true } }), SCRIPT]), expect: ['error'] },
    { policy: 'secure-transfer', template: template([SCRIPT]), expect: ['error'] },
    { policy: 'infrastructure-encryption', template: template([storage({ encryption: { requireInfrastructureEncryption: true } }), { ...SCRIPT, properties: { ...SCRIPT.properties, storageAccountSettings: { storageAccountName: "[variables('sa')]", storageAccountKey: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('sa')), '2023-05-01').keys[0].value]" } } }]), expect: [] },
    { policy: 'diagnostic-settings', params: { listOfResourceTypes: ['Microsoft.Storage/storageAccounts/blobServices'] }, template: template([SCRIPT]), expect: ['error'] },
    { policy: 'diagnostic-settings', params: { listOfResourceTypes: ['Microsoft.DataFactory/factories'] }, template: template([SCRIPT]), expect: [] },
    { policy: 'allowed-locations', params: { listOfAllowedLocations: ['westeurope'] }, template: template([SCRIPT], { location: { type: 'string', allowedValues: ['westeurope'] } }), expect: [] },
  ];
  for (const [i, c] of cases.entries()) {
    it(`${c.policy} #${i + 1}: ${c.expect.length ? c.expect.join(', ') : 'compliant'}`, async () => {
      const lib = await loadPolicyLibrary();
      const policy = lib.policies.get(c.policy)!;
      const params = { ...Object.fromEntries(Object.entries(policy.parameters).map(([k, v]) => [k, v.default])), ...c.params };
      const diags = checkPolicy(policy, params, { template: c.template, templateFile: 'mainTemplate.json' });
      assert.deepEqual(diags.map((d) => d.severity), c.expect, JSON.stringify(diags.map((d) => d.message)));
    });
  }

  it('checks the region choices the createUiDefinition offers', async () => {
    const lib = await loadPolicyLibrary();
    const policy = lib.policies.get('allowed-locations')!;
    const t = template([storage({})], { location: { type: 'string', allowedValues: ['westeurope'] } });
    const ui = { parameters: { config: { basics: { location: { allowedValues: ['westeurope', 'eastus'] } } } } };
    const d = checkPolicy(policy, { listOfAllowedLocations: ['westeurope'] }, { template: t, templateFile: 'm.json', createUiDefinition: ui, uiFile: 'ui.json' });
    assert.equal(d.length, 1);
    assert.equal(d[0].file, 'ui.json');
    assert.match(d[0].message, /eastus/);
  });
});
