// The m365-copy-* rules on packages offerkit did not write: the 32 real packages of the conformance corpus
// (../shared/conformance), among them Microsoft's own managed application for Data Connect, which passes every
// rule of the family with its copy read whole (datasets, linked services, runtime found).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConformanceDir, packageFor, type Case } from '../../scripts/conformance-runner.js';
import { microsoft365Copies, serviceName } from '../../src/package-model/copy-contract.js';
import { validatePackage } from '../../src/validate/engine.js';
import { RULES } from '../../src/validate/rules/index.js';
import { ROOT } from '../helpers/cli.js';

const FAMILY = RULES.filter((r) => r.id.startsWith('m365-copy-')).map((r) => r.id);
const MICROSOFT = 'microsoftgraph-dataconnect-solutions__whoknowswho-managedapp';

describe('the Microsoft 365 copy rules on real packages (../shared/conformance)', function () {
  const dir = findConformanceDir(ROOT);
  let cases: Case[] = [];
  before(function () {
    if (!dir) {
      console.log('      (skipped: the conformance corpus ../shared/conformance is not present)');
      this.skip();
    }
    cases = (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Case[] }).cases.filter((c) => c.kind === 'sample');
  });

  it('the rule family has the seven rules the contract asks for', () => {
    assert.deepEqual(FAMILY.sort(), ['m365-copy-date-filter', 'm365-copy-destination-role', 'm365-copy-destination-sign-in', 'm365-copy-integration-runtime', 'm365-copy-output-format', 'm365-copy-scope', 'm365-copy-tenant']);
    for (const id of FAMILY) assert.match(RULES.find((r) => r.id === id)!.source ?? '', /connector-office-365\.md/, `${id} cites the connector page`);
  });

  it("Microsoft's own Data Connect managed application: its copy is read whole, and every rule of the family passes", () => {
    const c = cases.find((x) => x.id.includes(MICROSOFT));
    assert.ok(c, 'the corpus holds Microsoft\'s sample');
    const input = packageFor(dir!, c);
    const copies = microsoft365Copies(input.mainTemplate!.json.value);
    assert.equal(copies.length, 1);
    const [copy] = copies;
    assert.equal(copy.name, 'CopyO365Emails');
    assert.ok(copy.input && copy.output && copy.sourceService && copy.destinationService, 'datasets and linked services found');
    assert.deepEqual([serviceName(copy.sourceService, input.mainTemplate!.json.value), serviceName(copy.destinationService, input.mainTemplate!.json.value)], ['SourceO365LinkedService', 'DestinationLinkedService']);
    const found = validatePackage(input, { rules: RULES, only: new Set(FAMILY) });
    assert.deepEqual(found.map((d) => `${d.code} ${d.pointer}: ${d.message}`), []);
  });

  it('runs on all 32 real packages without a crash; only packages that copy Microsoft 365 data can have findings', () => {
    assert.equal(cases.length, 32);
    for (const c of cases) {
      const input = packageFor(dir!, c);
      const found = validatePackage(input, { rules: RULES, only: new Set(FAMILY) });
      assert.deepEqual(found.filter((d) => d.code === 'rule-crashed').map((d) => d.message), [], c.id);
      const copies = input.mainTemplate ? microsoft365Copies(input.mainTemplate.json.value).length : 0;
      if (!copies) assert.deepEqual(found.filter((d) => d.severity !== 'info'), [], c.id);
    }
  });
});
