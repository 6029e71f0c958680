// What a new version changes, table-driven over pairs of offers: each row differs from the fixture offer in
// one way, and the comparison must name that change in its group, mark it when it widens what the customer
// grants, and judge the version the way the version-reflects-changes rule does.

import assert from 'node:assert/strict';
import { currentFacts, type Baseline } from '../../src/changes/baseline.js';
import type { ChangeGroup, PlanChanges, VersionVerdict } from '../../src/changes/compare.js';
import { compareWithBaseline } from '../../src/changes/offer-changes.js';
import { BASE_OFFER, writeOffer } from '../helpers/offer-fixture.js';

const MGMT = `management:
  lockLevel: ReadOnly
  authorizations:
    - principalId: 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d
      roleDefinitionId: acdd72a7-3385-48ef-bd42-f606fba81ae7
  jitAccess:
    enabled: true
    approval: manual
    maximumDuration: PT8H
`;
const BEFORE = `${BASE_OFFER.replace('plans:\n', `regions:\n  allowed: [westeurope]\n${MGMT}plans:\n`)}`;

interface Row {
  name: string;
  /** Edits of the "after" offer (from → to in offer.yaml). */
  edit: [string, string][];
  /** Edits of the "before" offer, when the row needs a different start. */
  before?: [string, string][];
  expect: { group: ChangeGroup; kind: 'added' | 'removed' | 'changed'; text: RegExp; widens: boolean }[];
  verdict: VersionVerdict;
  reapproval?: boolean;
  plan?: string;
}

const patch: [string, string] = ['version: 1.0.0', 'version: 1.0.1'];
const minor: [string, string] = ['version: 1.0.0', 'version: 1.1.0'];

const ROWS: Row[] = [
  { name: 'nothing changes', edit: [], expect: [], verdict: 'unchanged' },
  {
    name: 'a column added with a patch version',
    edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, sender, receivedDateTime, subject]'], patch],
    expect: [{ group: 'data', kind: 'added', text: /Message_v1: adds column subject/, widens: true }],
    verdict: 'minor-needed',
    reapproval: true,
  },
  {
    name: 'a column added with a minor version',
    edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, sender, receivedDateTime, subject]'], minor],
    expect: [{ group: 'data', kind: 'added', text: /adds column subject/, widens: true }],
    verdict: 'raised',
    reapproval: true,
  },
  {
    name: 'a column removed with a patch version',
    edit: [['columns: [id, sender, receivedDateTime]', 'columns: [id, receivedDateTime]'], patch],
    expect: [{ group: 'data', kind: 'removed', text: /no longer copies column sender/, widens: false }],
    verdict: 'raised',
    reapproval: false,
  },
  {
    name: 'a dataset added',
    edit: [['schedule:', '  - dataset: BasicDataSet_v0.User_v1\n    columns: [id, displayName]\n    purpose: To show names.\nschedule:'], minor],
    expect: [
      { group: 'data', kind: 'added', text: /Adds dataset BasicDataSet_v0\.User_v1: columns displayName, id; .*Purpose: To show names/, widens: true },
      { group: 'deployed', kind: 'added', text: /Microsoft\.DataFactory\/factories\/datasets: 3 → 6/, widens: false },
    ],
    verdict: 'raised',
    reapproval: true,
  },
  {
    name: 'a longer date window',
    edit: [['rollingDays: 7', 'rollingDays: 30'], patch],
    expect: [{ group: 'data', kind: 'changed', text: /date window receivedDateTime within the last 7 days → receivedDateTime within the last 30 days/, widens: true }],
    verdict: 'minor-needed',
  },
  {
    name: 'a shorter date window',
    edit: [['rollingDays: 7', 'rollingDays: 1'], patch],
    expect: [{ group: 'data', kind: 'changed', text: /last 7 days → .*last 1 day$/, widens: false }],
    verdict: 'raised',
  },
  {
    name: 'from some groups to all users',
    before: [['    purpose: To count messages per sender.', '    scope:\n      groups: [6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f]\n    purpose: To count messages per sender.']],
    edit: [['    scope:\n      groups: [6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f]\n', ''], patch],
    expect: [{ group: 'data', kind: 'changed', text: /users members of 1 group \(6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f\) → all users in the tenant/, widens: true }],
    verdict: 'minor-needed',
  },
  {
    name: 'the purpose reworded',
    edit: [['To count messages per sender.', 'To count messages per sender and day.'], patch],
    expect: [{ group: 'data', kind: 'changed', text: /purpose now reads "To count messages per sender and day\."/, widens: false }],
    verdict: 'raised',
  },
  {
    name: 'the schedule',
    edit: [['  frequency: Day\n  interval: 1', '  frequency: Hour\n  interval: 6'], patch],
    expect: [{ group: 'data', kind: 'changed', text: /Copy schedule: every 1 day → every 6 hours/, widens: false }],
    verdict: 'raised',
  },
  {
    name: 'a policy removed',
    before: [['  - secure-transfer', '  - secure-transfer\n  - minimum-tls']],
    edit: [['  - secure-transfer\n  - minimum-tls', '  - secure-transfer'], patch],
    expect: [{ group: 'policies', kind: 'removed', text: /No longer attaches policy minimum-tls \(\/providers\/Microsoft\.Authorization\/policyDefinitions\/fe83a0eb/, widens: true }],
    verdict: 'minor-needed',
  },
  {
    name: 'a policy added',
    edit: [['  - secure-transfer', '  - secure-transfer\n  - minimum-tls'], patch],
    expect: [{ group: 'policies', kind: 'added', text: /Attaches policy minimum-tls/, widens: false }],
    verdict: 'raised',
  },
  {
    name: 'a region added',
    edit: [['  allowed: [westeurope]', '  allowed: [westeurope, eastus]'], patch],
    expect: [{ group: 'regions', kind: 'added', text: /Can also be installed in eastus/, widens: false }],
    verdict: 'raised',
  },
  {
    name: "a policy's parameters loosened",
    before: [['  - secure-transfer', '  - secure-transfer\n  - allowed-locations']],
    edit: [['  allowed: [westeurope]', '  allowed: [westeurope, eastus]'], patch],
    expect: [
      { group: 'regions', kind: 'added', text: /Can also be installed in eastus/, widens: false },
      { group: 'policies', kind: 'changed', text: /allowed-locations .*parameters \{"listOfAllowedLocations":\{"value":\["westeurope"\]\}\} → \{"listOfAllowedLocations":\{"value":\["westeurope","eastus"\]\}\}/, widens: true },
    ],
    verdict: 'minor-needed',
  },
  {
    name: 'a publisher identity added',
    edit: [['      roleDefinitionId: acdd72a7-3385-48ef-bd42-f606fba81ae7\n', '      roleDefinitionId: acdd72a7-3385-48ef-bd42-f606fba81ae7\n    - principalId: 11111111-2222-4333-8444-555555555555\n      roleDefinitionId: b24988ac-6180-42a0-ab88-20f7382dd24c\n'], patch],
    expect: [{ group: 'access', kind: 'added', text: /Publisher identity and role: adds 11111111-2222-4333-8444-555555555555 b24988ac/, widens: true }],
    verdict: 'minor-needed',
  },
  {
    name: 'just-in-time approval made automatic',
    edit: [['approval: manual', 'approval: automatic'], minor],
    expect: [
      { group: 'access', kind: 'changed', text: /Just-in-time approval ManualApprove → AutoApprove/, widens: true },
      { group: 'form', kind: 'changed', text: /Field "Just-in-time access" .* default/, widens: false },
    ],
    verdict: 'raised',
  },
  {
    name: 'just-in-time access switched off',
    edit: [['    enabled: true\n    approval: manual\n    maximumDuration: PT8H', '    enabled: false'], patch],
    expect: [
      { group: 'access', kind: 'removed', text: /Just-in-time access is switched off/, widens: true },
      { group: 'form', kind: 'removed', text: /Field "Just-in-time access" \(jitConfiguration\.jitConfigurator\) is removed/, widens: false },
    ],
    verdict: 'minor-needed',
  },
  {
    name: 'the lock lowered',
    edit: [['lockLevel: ReadOnly', 'lockLevel: CanNotDelete'], patch],
    expect: [{ group: 'access', kind: 'changed', text: /Lock level ReadOnly → CanNotDelete/, widens: false }],
    verdict: 'raised',
  },
  {
    name: 'the price raised without a new version',
    edit: [['amount: 10,', 'amount: 12,']],
    expect: [{ group: 'price', kind: 'changed', text: /^\$10 per month → \$12 per month$/, widens: false }],
    verdict: 'not-raised',
  },
  {
    name: 'a region dropped',
    edit: [['  allowed: [westeurope]', '  allowed: [northeurope]'], patch],
    expect: [
      { group: 'regions', kind: 'added', text: /Can also be installed in northeurope/, widens: false },
      { group: 'regions', kind: 'removed', text: /Can no longer be installed in westeurope/, widens: false },
    ],
    verdict: 'raised',
  },
  {
    name: 'more resources deployed',
    edit: [['diagnosticLogs: false', 'diagnosticLogs: true'], patch],
    before: [['template:\n  set: mgdc-adf', 'template:\n  set: mgdc-adf\n  inputs:\n    diagnosticLogs: false']],
    expect: [
      { group: 'deployed', kind: 'added', text: /^Adds 1 Microsoft\.OperationalInsights\/workspaces$/, widens: false },
      // The factory, the data's blob service and the deployment script's blob service.
      { group: 'deployed', kind: 'added', text: /^Adds 3 Microsoft\.Insights\/diagnosticSettings$/, widens: false },
    ],
    verdict: 'raised',
  },
  { name: 'the version lowered', before: [['version: 1.0.0', 'version: 1.3.0']], edit: [['version: 1.3.0', 'version: 1.2.9']], expect: [], verdict: 'lowered' },
];

async function factsOf(text: string, plan: string) {
  const dir = await writeOffer(text);
  const r = await currentFacts(dir, [plan]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], 'the fixture renders');
  return { offer: r.offer!, plans: r.plans };
}

function apply(text: string, edits: [string, string][]): string {
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `the fixture contains ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

async function compare(row: Row): Promise<PlanChanges> {
  const plan = row.plan ?? 'basic';
  const beforeText = apply(BEFORE, row.before ?? []);
  const before = await factsOf(beforeText, plan);
  const after = await factsOf(apply(beforeText, row.edit), plan);
  const baseline: Baseline = { name: 'the fixture', kind: 'git', plans: before.plans, complete: true, diagnostics: [] };
  const r = compareWithBaseline(after.offer, after.plans, baseline, [plan]);
  assert.equal(r.plans.length, 1);
  return r.plans[0];
}

describe('offerkit changes: one change at a time', function () {
  this.timeout(60000);
  for (const row of ROWS) {
    it(row.name, async () => {
      const p = await compare(row);
      const shown = p.changes.map((c) => `${c.group}/${c.kind}${c.widens ? '/widens' : ''}: ${c.text}`).join('\n');
      for (const e of row.expect) {
        const hit = p.changes.find((c) => c.group === e.group && c.kind === e.kind && e.text.test(c.text));
        assert.ok(hit, `expected ${e.group}/${e.kind} ${e.text} among:\n${shown}`);
        assert.equal(Boolean(hit.widens), e.widens, `widens for ${hit.text}`);
      }
      // Nothing but what the row changes (the JIT switch also changes its form field; regions change the policy).
      assert.equal(p.changes.length, row.expect.length, `exactly the expected changes:\n${shown}`);
      assert.equal(p.verdict, row.verdict, p.verdictText);
      if (row.reapproval !== undefined) assert.equal(p.reapproval, row.reapproval);
    });
  }

  it('a plan only in the new version is new, one only in the baseline is removed', async () => {
    const before = await factsOf(BEFORE, 'basic');
    const afterDir = await writeOffer(BEFORE.replace('  - id: basic', '  - id: premium'));
    const after = await currentFacts(afterDir, []);
    const baseline: Baseline = { name: 'the fixture', kind: 'git', plans: before.plans, complete: true, diagnostics: [] };
    const r = compareWithBaseline(after.offer!, after.plans, baseline, []);
    const status = Object.fromEntries(r.plans.map((p) => [p.plan, p.status]));
    assert.deepEqual(status, { premium: 'new', plus: 'new', basic: 'removed' });
    assert.equal(r.plans.find((p) => p.plan === 'premium')!.reapproval, true, 'a new plan asks for its data for the first time');
  });

  it('the same version with different package content is refused even when no listed fact changes', async () => {
    const row: Row = { name: 'copy timeout', edit: [['template:\n  set: mgdc-adf', 'template:\n  set: mgdc-adf\n  inputs:\n    copyTimeoutHours: 24']], expect: [], verdict: 'not-raised' };
    const p = await compare(row);
    assert.equal(p.contentChanged, true);
    assert.deepEqual(p.changes, []);
    assert.equal(p.verdict, 'not-raised');
    assert.match(p.verdictText, /same as in the fixture, but the package differs/);
  });
});
