import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadOffer } from '../../src/offer/load-offer.js';
import { BASE_OFFER, lineOf, minimalOffer, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';

interface BadCase {
  name: string;
  yaml: () => string;
  files?: Record<string, string>;
  code: string;
  /** The diagnostic points at the line containing this text (in the modified YAML). */
  at?: string;
  occurrence?: number;
  message?: RegExp;
}

const bad: BadCase[] = [
  { name: 'YAML syntax error', yaml: () => replaceOnce(BASE_OFFER, "summary: A small offer used by offerkit's tests.", 'summary: Offers: the best'), code: 'yaml-syntax', at: 'summary: Offers: the best' },
  { name: 'YAML quote never closed: reported where it opens, not at the end', yaml: () => replaceOnce(BASE_OFFER, 'displayName: Fixture Offer', 'displayName: "Fixture Offer'), code: 'yaml-syntax', at: 'displayName: "Fixture Offer', message: /this quoted text is never closed/ },
  { name: 'YAML tab indentation', yaml: () => replaceOnce(BASE_OFFER, '  email: support@example.com', '\temail: support@example.com'), code: 'yaml-syntax', at: 'email: support@example.com' },
  { name: 'unknown key', yaml: () => replaceOnce(BASE_OFFER, 'displayName: Fixture Offer\n', 'displayName: Fixture Offer\ncategorys: [analytics]\n'), code: 'offer-unknown-key', at: 'categorys', message: /Did you mean "categories"\?/ },
  { name: 'unknown key in a plan', yaml: () => replaceOnce(BASE_OFFER, '    version: 2.1.0\n', '    version: 2.1.0\n    prise: 3\n'), code: 'offer-unknown-key', at: 'prise', message: /Did you mean "price"\?/ },
  { name: 'missing required field', yaml: () => replaceOnce(BASE_OFFER, 'privacyUrl: https://example.com/privacy\n', ''), code: 'offer-missing-key', at: 'id: fixture-offer', message: /privacyUrl/ },
  { name: 'wrong type', yaml: () => replaceOnce(BASE_OFFER, 'amount: 10,', 'amount: ten,'), code: 'offer-invalid', at: 'amount: ten', message: /must be a number/ },
  { name: 'enum typo', yaml: () => replaceOnce(BASE_OFFER, 'format: parquet', 'format: parket'), code: 'offer-invalid', at: 'format: parket', message: /Did you mean "parquet"\?/ },
  { name: 'unknown dataset', yaml: () => replaceOnce(BASE_OFFER, 'BasicDataSet_v0.Message_v1', 'BasicDataSet_v0.Mesage_v1'), code: 'offer-unknown-dataset', at: 'Mesage_v1', message: /Did you mean "BasicDataSet_v0\.Message_v1"\?/ },
  { name: 'unknown column', yaml: () => replaceOnce(BASE_OFFER, '[id, sender, receivedDateTime]', '[id, sendr, receivedDateTime]'), code: 'offer-unknown-column', at: 'sendr', message: /Did you mean "sender"\?/ },
  { name: 'date filter on a column that cannot filter', yaml: () => replaceOnce(BASE_OFFER, 'column: receivedDateTime', 'column: subject'), code: 'offer-date-filter-column', at: 'column: subject' },
  { name: 'missing date window', yaml: () => replaceOnce(BASE_OFFER, '    dateFilter:\n      column: receivedDateTime\n      rollingDays: 7\n', ''), code: 'offer-date-filter-required', at: '- dataset: BasicDataSet_v0.Message_v1' },
  {
    name: 'group scope on a tenant-wide dataset',
    yaml: () =>
      replaceOnce(BASE_OFFER, '    purpose: To count messages per sender.\n', '    purpose: To count messages per sender.\n  - dataset: BasicDataSet_v0.SharePointSites_v1\n    columns: [Id, Url]\n    dateFilter: { column: SnapshotDate, rollingDays: 1 }\n    scope: { groups: [6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f] }\n    purpose: To list the sites that exist.\n'),
    code: 'offer-scope-unsupported',
    at: 'scope: { groups',
  },
  { name: 'a former category name', yaml: () => replaceOnce(BASE_OFFER, 'displayName: Fixture Offer\n', 'displayName: Fixture Offer\ncategories: [analytics, security]\n'), code: 'offer-unknown-category', at: 'categories: [analytics', message: /"analytics" is not a Partner Center category id; use "analytics-azure-apps"/ },
  { name: 'compliance, which is no category', yaml: () => replaceOnce(BASE_OFFER, 'displayName: Fixture Offer\n', 'displayName: Fixture Offer\ncategories:\n  compliance: [other]\n'), code: 'offer-unknown-category', at: 'compliance: [other]', message: /"compliance" is not a Partner Center category id; use "security"/ },
  { name: 'a subcategory of another category', yaml: () => replaceOnce(BASE_OFFER, 'displayName: Fixture Offer\n', 'displayName: Fixture Offer\ncategories: { analytics-azure-apps: [information-protection] }\n'), code: 'offer-invalid', at: 'categories: {', message: /information-protection|allowed/ },
  { name: 'PartialOptIn without reseller tenants', yaml: () => `${BASE_OFFER}marketplace:\n  resellers: PartialOptIn\n`, code: 'offer-reseller-tenants', at: 'resellers: PartialOptIn' },
  { name: 'plan id duplicated', yaml: () => replaceOnce(BASE_OFFER, '  - id: plus', '  - id: basic'), code: 'offer-duplicate-plan', at: '- id: basic', occurrence: 2 },
  { name: 'version not semver', yaml: () => replaceOnce(BASE_OFFER, 'version: 2.1.0', 'version: 2.1'), code: 'offer-invalid-version', at: 'version: 2.1' },
  { name: 'pre-release version', yaml: () => replaceOnce(BASE_OFFER, 'version: 2.1.0', 'version: 2.1.0-beta'), code: 'offer-invalid-version', at: 'version: 2.1.0-beta' },
  { name: 'policy unknown', yaml: () => replaceOnce(BASE_OFFER, '  - secure-transfer', '  - secure-transfr'), code: 'offer-unknown-policy', at: 'secure-transfr', message: /Did you mean "secure-transfer"\?/ },
  {
    name: 'policy parameter not allowed',
    yaml: () => replaceOnce(BASE_OFFER, '  - secure-transfer', '  - id: secure-transfer\n    parameters: { effect: Deni }'),
    code: 'offer-invalid-policy-parameter',
    at: 'effect: Deni',
    message: /Did you mean "Deny"\?/,
  },
  { name: 'template set missing', yaml: () => replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-adff'), code: 'offer-unknown-template-set', at: 'set: mgdc-adff', message: /Did you mean "mgdc-adf"\?/ },
  { name: 'template input unknown', yaml: () => replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-adf\n  inputs: { retentionDay: 5 }'), code: 'offer-unknown-input', at: 'retentionDay', message: /Did you mean "retentionDays"\?/ },
  { name: 'template input out of range', yaml: () => replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-adf\n  inputs: { retentionDays: 0 }'), code: 'offer-invalid-input', at: 'retentionDays: 0' },
  { name: 'file reference escaping the offer folder', yaml: () => replaceOnce(BASE_OFFER, 'description: { file: description.md }', 'description: { file: ../outside.md }'), code: 'offer-path-escape', at: 'description: { file: ../outside.md }' },
  { name: 'file reference that does not exist', yaml: () => replaceOnce(BASE_OFFER, 'terms: { file: terms.md }', 'terms: { file: missing.md }'), code: 'offer-file-missing', at: 'terms: { file: missing.md }' },
  {
    name: 'Owner role in authorizations',
    yaml: () => BASE_OFFER + 'management:\n  authorizations:\n    - principalId: 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d\n      roleDefinitionId: 8e3af657-a8ff-443c-a75c-2fe8c4bcb635\n',
    code: 'offer-owner-authorization',
    at: 'roleDefinitionId: 8e3af657',
  },
  { name: 'template set requirement missing', yaml: () => replaceOnce(BASE_OFFER, 'schedule:\n  frequency: Day\n  interval: 1\n', ''), code: 'offer-missing-section', message: /needs "schedule"/ },
];

describe('loadOffer: bad input', () => {
  for (const c of bad) {
    it(`${c.name} → ${c.code} with file, line and column`, async () => {
      const text = c.yaml();
      const dir = await writeOffer(text, c.files);
      const r = await loadOffer(dir);
      assert.equal(r.offer, undefined, 'no offer is produced');
      const d = r.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `expected ${c.code}, got ${JSON.stringify(r.diagnostics.map((x) => `${x.code}: ${x.message}`))}`);
      assert.equal(d.severity, 'error');
      assert.match(d.file ?? '', /offer\.yaml$/);
      assert.ok(d.line && d.column, 'has a position');
      if (c.at) assert.equal(d.line, lineOf(text, c.at, c.occurrence), `${d.message} at line ${d.line}`);
      if (c.message) assert.match(d.message, c.message);
    });
  }

  it('reports several independent problems at once', async () => {
    let text = replaceOnce(BASE_OFFER, '[id, sender, receivedDateTime]', '[id, sendr, receivedDateTime]');
    text = replaceOnce(text, '  - secure-transfer', '  - secure-transfr');
    text = replaceOnce(text, 'version: 2.1.0', 'version: two');
    const r = await loadOffer(await writeOffer(text));
    // The default lock (ReadOnly, no lockingPolicy) is a warning of its own: it would deny the copy's writes.
    assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['offer-invalid-version', 'offer-lock-denies-copy', 'offer-unknown-column', 'offer-unknown-policy']);
  });

  it('refuses a file reference through a link that leads outside', async () => {
    const dir = await writeOffer(replaceOnce(BASE_OFFER, 'terms: { file: terms.md }', 'terms: { file: linked.md }'));
    const { symlink } = await import('node:fs/promises');
    await writeFile(join(dir, '..', 'secret.md'), 'outside');
    await symlink(join(dir, '..', 'secret.md'), join(dir, 'linked.md'));
    const r = await loadOffer(dir);
    const d = r.diagnostics.find((x) => x.code === 'offer-link-escape');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.match(d.message, /linked\.md .*link .*secret\.md.*outside the offer folder/, 'names the path, the link and why');
    assert.match(d.file ?? '', /offer\.yaml$/, 'placed where offer.yaml refers to it');
  });

  it('says where offer.yaml is missing', async () => {
    const dir = await writeOffer(BASE_OFFER);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const r = await loadOffer(empty);
    assert.equal(r.diagnostics[0].code, 'offer-missing');
  });
});

describe('loadOffer: the model', () => {
  it('applies defaults and merges template inputs (set default ← offer ← plan)', async () => {
    let text = replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-adf\n  inputs: { retentionDays: 30, storageSku: Standard_ZRS }');
    text = replaceOnce(text, '    version: 2.1.0\n', '    version: 2.1.0\n    inputs: { retentionDays: 365 }\n');
    const r = await loadOffer(await writeOffer(text));
    // Nothing but the warning that the default lock (ReadOnly, no lockingPolicy) would deny the copy's writes.
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['offer-lock-denies-copy', 'warning']]);
    const [basic, plus] = r.offer!.plans;
    assert.equal(basic.inputs.retentionDays, 30);
    assert.equal(plus.inputs.retentionDays, 365);
    assert.equal(plus.inputs.storageSku, 'Standard_ZRS');
    assert.equal(plus.inputs.copyTimeoutHours, 12, 'template-set default');
    assert.equal(r.offer!.management.lockLevel, 'ReadOnly');
    assert.equal(r.offer!.sink.container, 'm365data');
    assert.deepEqual(r.offer!.requiredData[0].scope, { allUsers: true, groups: [] });
  });

  it('fills allowed-locations from regions.allowed', async () => {
    let text = replaceOnce(BASE_OFFER, '  - secure-transfer', '  - secure-transfer\n  - allowed-locations');
    text += 'regions:\n  allowed: [westeurope, northeurope]\n';
    const r = await loadOffer(await writeOffer(text));
    const p = r.offer!.policies.find((x) => x.policy.id === 'allowed-locations')!;
    assert.deepEqual(p.parameters.listOfAllowedLocations, ['westeurope', 'northeurope']);
  });

  it('requires a region list for allowed-locations when regions are not set', async () => {
    const r = await loadOffer(await writeOffer(replaceOnce(BASE_OFFER, '  - secure-transfer', '  - allowed-locations')));
    assert.ok(r.diagnostics.some((d) => d.code === 'offer-missing-policy-parameter'));
  });
});

describe('loadOffer: the lock lets the copy write', () => {
  const READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
  const withLock = (lock: string) => `${BASE_OFFER}management:\n${lock}`;
  const codes = async (text: string) => (await loadOffer(await writeOffer(text))).diagnostics.filter((d) => d.code === 'offer-lock-denies-copy');

  it('ReadOnly without the write data actions is a warning at lockingPolicy, naming what is missing', async () => {
    const text = withLock(`  lockLevel: ReadOnly\n  lockingPolicy:\n    allowedDataActions: [${READ}]\n`);
    const found = await codes(text);
    assert.deepEqual(found.map((d) => [d.severity, d.pointer, d.line]), [['warning', '/management/lockingPolicy', lineOf(text, 'lockingPolicy:')]]);
    assert.match(found[0].message, /the Entra application's blobs\/write, blobs\/add\/action on the copy's destination would be denied/);
    assert.match(found[0].hint!, /Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write/);
  });

  it('the three data actions, a wildcard, another lock level or no Microsoft 365 data: nothing to say', async () => {
    for (const lock of [
      `  lockingPolicy:\n    allowedDataActions: [${READ}, ${READ.replace('read', 'write')}, ${READ.replace('read', 'add/action')}]\n`,
      '  lockingPolicy:\n    allowedDataActions: [Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*]\n',
      '  lockLevel: CanNotDelete\n',
    ]) assert.deepEqual(await codes(withLock(lock)), [], lock);
    assert.deepEqual((await loadOffer(await writeOffer(minimalOffer()))).diagnostics.filter((d) => d.code === 'offer-lock-denies-copy'), []);
  });
});
