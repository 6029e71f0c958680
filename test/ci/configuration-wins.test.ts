// A level set in the configuration applies to every finding of its rule, whatever the rule's own defaults
// (per-finding defaults, arm-ttk warnings capped at warning): checked over every arm-ttk case and published
// package of the conformance corpus, for each level, and on the cases that used to slip through.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConformanceDir, packageFor, type Case } from '../../scripts/conformance-runner.js';
import { validatePackage } from '../../src/validate/engine.js';
import { providerCacheFrom } from '../../src/validate/provider-cache.js';
import { RULES } from '../../src/validate/rules/index.js';
import type { Level } from '../../src/validate/engine.js';
import { ROOT } from '../helpers/cli.js';
import { cuid, findingsOf, buildInput, tpl } from '../validate/rule-tester.js';

const corpus = findConformanceDir(ROOT);
const ruleIds = new Set(RULES.map((r) => r.id));

describe('configuration wins over rule defaults', function () {
  this.timeout(120000);

  describe('over the conformance corpus', function () {
    let cases: { c: Case; input: ReturnType<typeof packageFor> }[];
    let cache: ReturnType<typeof providerCacheFrom>;
    const today = new Date(Date.UTC(2019, 7, 31));
    before(function () {
      if (!corpus) {
        console.log('    (../shared/conformance is absent: corpus checks skipped)');
        this.skip();
      }
      const manifest = JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) as { cases: Case[] };
      cases = manifest.cases.map((c) => ({ c, input: packageFor(corpus, c) }));
      cache = providerCacheFrom(JSON.parse(readFileSync(join(corpus, 'cache', 'AllAzureResources.cache.json'), 'utf8')), 'cache');
    });

    for (const level of ['error', 'warning', 'info'] as const) {
      it(`every rule set to ${level}: every finding of every rule is ${level}`, () => {
        const levels = new Map<string, Level>([...ruleIds].map((id) => [id, level]));
        let findings = 0;
        for (const { c, input } of cases) {
          for (const d of validatePackage(input, { rules: RULES, levels, providerCache: cache, today })) {
            if (!ruleIds.has(d.code)) continue;
            findings++;
            assert.equal(d.severity, level, `${c.id}: ${d.code} ${d.message}`);
          }
        }
        assert.ok(findings > 300, `the corpus produces findings (${findings})`);
      });
    }

    it('without configuration, arm-ttk warnings stay warnings and arm-ttk failures carry armTtkLevel error', () => {
      let warnings = 0;
      let errors = 0;
      for (const { input } of cases) {
        for (const d of validatePackage(input, { rules: RULES, providerCache: cache, today })) {
          if (d.armTtkLevel === 'warning') {
            warnings++;
            assert.notEqual(d.severity, 'error', `${d.code}: an arm-ttk warning defaults to at most warning`);
          }
          if (d.armTtkLevel === 'error') errors++;
          if (d.armTtkLevel) assert.ok(d.armTtk, 'armTtkLevel only on arm-ttk rules');
        }
      }
      assert.ok(warnings > 0 && errors > 0, `both levels occur (${warnings} warnings, ${errors} errors)`);
    });

    it('a rule set off reports nothing', () => {
      const levels = new Map<string, Level>([...ruleIds].map((id) => [id, 'off']));
      for (const { input } of cases) assert.deepEqual(validatePackage(input, { rules: RULES, levels, providerCache: cache, today }).filter((d) => ruleIds.has(d.code)), []);
    });
  });

  describe('the cases that used to be forced or capped', () => {
    const dupCase = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {},\n  "resources": [],\n  "outputs": {},\n  "Outputs": {}\n}\n';

    const run = (ruleId: string, c: Parameters<typeof buildInput>[0], level?: Level) =>
      validatePackage(buildInput(c), { rules: RULES, only: new Set([ruleId]), ...(level ? { levels: new Map([[ruleId, level]]) } : {}) });

    it('json-duplicate-keys: error makes keys that differ only in case errors', () => {
      const byDefault = run('json-duplicate-keys', { name: 'case', template: dupCase });
      assert.equal(byDefault.length, 1);
      assert.equal(byDefault[0].severity, 'warning');
      const configured = run('json-duplicate-keys', { name: 'case', template: dupCase }, 'error');
      assert.deepEqual(configured.map((d) => d.severity), ['error']);
    });

    it('findings arm-ttk only warns about become errors when the rule is set to error', () => {
      const ui = cuid({ steps: [] });
      (ui as { parameters: { basics: unknown[] } }).parameters.basics = [
        { name: 'name', type: 'Microsoft.Common.TextBox', label: 'Name', toolTip: 'Name', constraints: { required: true, regex: '^[a-z]+$', validationMessage: 'Lower case letters.' } },
      ];
      const byDefault = run('textboxes-are-well-formed', { name: 'tb', ui, template: tpl() });
      assert.ok(byDefault.length >= 1, 'the unbounded regex is reported');
      assert.ok(byDefault.length > 0 && byDefault.every((d) => d.severity === 'warning' && d.armTtkLevel === 'warning'));
      const configured = run('textboxes-are-well-formed', { name: 'tb', ui, template: tpl() }, 'error');
      assert.ok(configured.length > 0 && configured.every((d) => d.severity === 'error' && d.armTtkLevel === 'warning'), 'severity follows the configuration; armTtkLevel still says what arm-ttk does');
    });

    it('findings with an info default (pinned VM image versions) follow a configured warning', () => {
      const vm = { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-03-01', name: 'vm', location: '[parameters(\'location\')]', properties: { storageProfile: { imageReference: { publisher: 'Canonical', offer: 'ubuntu', sku: '22_04-lts', version: '22.04.202301010' } } } };
      const c = { name: 'vm', template: tpl([vm], { parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } } }) };
      assert.deepEqual(run('vm-images-should-use-latest-version', c).map((d) => d.severity), ['info']);
      assert.deepEqual(run('vm-images-should-use-latest-version', c, 'warning').map((d) => d.severity), ['warning']);
    });

    it('"not checked" notes are info by default and follow a configured level like every other finding', () => {
      const c = { name: 'api', template: tpl([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2019-06-01', name: 'sa', location: 'global' }]) };
      const notes = findingsOf('apiversions-should-be-recent', c);
      assert.ok(notes.length > 0 && notes.every((d) => d.severity === 'info' && d.message.includes('not checked')));
      const strict = run('apiversions-should-be-recent', c, 'error');
      assert.ok(strict.length > 0 && strict.every((d) => d.severity === 'error'));
      const cached = { ...c, cache: { 'Microsoft.Compute/virtualMachines': ['2024-07-01'] }, today: '2025-01-01' };
      const missing = findingsOf('apiversions-should-be-recent', cached);
      assert.ok(missing.some((d) => d.armTtkLevel === 'warning' && d.message.includes('not in the provider cache')), 'arm-ttk warns about a type missing from the cache');
    });
  });
});
