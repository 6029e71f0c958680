// The rules that need the offer: policy compliance, consent fidelity, JIT access. They are tested on
// the example offer's rendered packages, edited to break one thing at a time.

import assert from 'node:assert/strict';
import { renderOffer } from '../../../src/render/render-offer.js';
import type { RenderedPlan } from '../../../src/render/render-plan.js';
import { validatePackage } from '../../../src/validate/engine.js';
import { packageFromRendered } from '../../../src/validate/package-input.js';
import { RULES } from '../../../src/validate/rules/index.js';
import { preloadValidators } from '../../../src/util/compiled-schema.js';
import { SCHEMA_NAMES } from '../../../src/validate/rules/schema-rules.js';
import { EXAMPLE_OFFER } from '../../helpers/cli.js';

let base: RenderedPlan;

before(async () => {
  await preloadValidators(SCHEMA_NAMES);
  const r = await renderOffer(EXAMPLE_OFFER, ['starter']);
  base = r.rendered[0]!;
});

// The parts of the rendered files these tests edit.
interface CopySource { outputColumns?: { name: string }[]; allowedGroups?: string[] }
interface Resource { type: string; properties: { activities: { typeProperties: { source: CopySource } }[]; minimumTlsVersion?: string } }
interface Template { resources: Resource[] }
interface UiElement { name: string; type: string; elements: UiElement[]; options: { text: string } }
interface UiDefinition { parameters: { steps: UiElement[]; config: { basics: { location: { allowedValues: string[] } } }; outputs: Record<string, unknown> } }

/** The starter plan with its JSON files edited. */
function edited(edit: (files: { main: Template; ui: UiDefinition }) => void): RenderedPlan {
  const main = JSON.parse(base.files.get('mainTemplate.json')!.toString('utf8')) as Template;
  const ui = JSON.parse(base.files.get('createUiDefinition.json')!.toString('utf8')) as UiDefinition;
  edit({ main, ui });
  const files = new Map(base.files);
  files.set('mainTemplate.json', Buffer.from(JSON.stringify(main, null, 2)));
  files.set('createUiDefinition.json', Buffer.from(JSON.stringify(ui, null, 2)));
  return { ...base, files, parsed: new Map() };
}

const run = (rule: string, r: RenderedPlan) => validatePackage(packageFromRendered(r), { rules: RULES, only: new Set([rule]) }).filter((d) => d.severity !== 'info');
const copySource = (main: Template, n = 0) => main.resources.find((x) => x.type === 'Microsoft.DataFactory/factories/pipelines')!.properties.activities[n].typeProperties.source;
const consentSection = (ui: UiDefinition, n = 0) => ui.parameters.steps.find((s) => s.name === 'dataRequested')!.elements.filter((e) => e.type === 'Microsoft.Common.Section')[n];
const setText = (section: UiElement, name: string, text: string) => (section.elements.find((e) => e.name === name)!.options.text = text);

describe('rule consent-fidelity', () => {
  it('valid: the rendered example agrees everywhere', () => assert.deepEqual(run('consent-fidelity', base), []));

  it('invalid: the copy activity requests a column the admin is not shown', () => {
    const d = run('consent-fidelity', edited(({ main }) => copySource(main).outputColumns!.push({ name: 'body' })));
    assert.equal(d.length, 3, JSON.stringify(d.map((x) => x.message)));
    assert.ok(d.length > 0 && d.every((x) => x.message.includes('column body')));
    assert.ok(d.some((x) => (x.file!).includes('mainTemplate.json') && /\/resources\/\d+\/properties\/activities\/0/.test(x.pointer!)));
    assert.ok(d.length > 0 && d.every((x) => /copy activities.*(Data requested|offer|marketplace listing)/.test(x.message)), 'names both places');
    assert.ok(d.some((x) => x.message.includes('the marketplace listing does not')), 'the listing is one of the places');
  });

  it('invalid: the consent step lists a different date window', () => {
    const d = run('consent-fidelity', edited(({ ui }) => setText(consentSection(ui), 'dateWindow', 'Date window: items whose receivedDateTime is within the last 30 days before each run')));
    assert.ok(d.some((x) => /date window is receivedDateTime within the last 1 day\(s\) in the copy activities .* but receivedDateTime within the last 30 day\(s\)/.test(x.message)), JSON.stringify(d.map((x) => x.message)));
  });

  it('invalid: the groups differ', () => {
    const d = run('consent-fidelity', edited(({ main }) => (copySource(main).allowedGroups = ['11111111-1111-1111-1111-111111111111'])));
    assert.ok(d.some((x) => x.message.includes('users are groups 11111111')));
  });

  it('invalid: a dataset copied but not shown', () => {
    const d = run('consent-fidelity', edited(({ ui }) => {
      const step = ui.parameters.steps.find((s) => s.name === 'dataRequested')!;
      const second = consentSection(ui, 1);
      step.elements = step.elements.filter((e) => e !== second);
    }));
    assert.ok(d.some((x) => /BasicDataSet_v0\.User_v1 is requested in .* but missing from the "Data requested" step/.test(x.message)));
  });

  it('invalid: the template copies data and there is no consent step at all', () => {
    const d = run('consent-fidelity', edited(({ ui }) => (ui.parameters.steps = ui.parameters.steps.filter((s) => s.name !== 'dataRequested'))));
    assert.ok(d.some((x) => x.message.includes('no "Data requested" step')));
  });

  it('invalid: outputColumns removed means every column would be copied', () => {
    const d = run('consent-fidelity', edited(({ main }) => delete copySource(main).outputColumns));
    assert.ok(d.some((x) => /Cannot tell .*outputColumns is missing/.test(x.message) && x.severity === 'error'));
  });
});

describe('rule policy-compliance', () => {
  it('valid: the example meets its six policies', () => assert.deepEqual(run('policy-compliance', base), []));

  it('invalid: TLS lowered in the template', () => {
    const d = run('policy-compliance', edited(({ main }) => (main.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!.properties.minimumTlsVersion = 'TLS1_0')));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /minimum-tls.*TLS1_0/);
    assert.match(d[0].file!, /mainTemplate\.json$/);
    assert.ok(d[0].line! > 1);
  });

  it('invalid: the portal offers a region the policy forbids', () => {
    const d = run('policy-compliance', edited(({ ui }) => ui.parameters.config.basics.location.allowedValues.push('eastus')));
    assert.ok(d.some((x) => (x.file!).endsWith("createUiDefinition.json") && x.message.includes('eastus')));
  });
});

describe('rule jit-access-output', () => {
  it('valid: the example enables JIT and outputs jitAccessPolicy', () => assert.deepEqual(run('jit-access-output', base), []));
  it('invalid: the output is missing', () => {
    const d = run('jit-access-output', edited(({ ui }) => delete ui.parameters.outputs.jitAccessPolicy));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /does not output jitAccessPolicy/);
  });
});
