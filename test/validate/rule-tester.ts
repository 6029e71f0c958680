// ESLint's RuleTester, for offerkit rules: a table of valid inputs (the rule reports nothing above info)
// and invalid ones (it reports exactly the expected findings, with message, pointer, severity, and the line
// and column each one points at: a finding at the wrong place fails, and an invalid case expects at least one).

import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { validatePackage } from '../../src/validate/engine.js';
import { assignRoles, sourceFile, type PackageInput } from '../../src/validate/package-input.js';
import { providerCacheFrom } from '../../src/validate/provider-cache.js';
import { RULES } from '../../src/validate/rules/index.js';
import { preloadValidators } from '../../src/util/compiled-schema.js';
import { SCHEMA_NAMES } from '../../src/validate/rules/schema-rules.js';
import type { Offer } from '../../src/offer/model.js';

export interface RuleCase {
  name: string;
  template?: unknown;
  /** File name of the template (default mainTemplate.json; another name makes it non-main). */
  templateName?: string;
  ui?: unknown;
  view?: unknown;
  /** Extra files: path → JSON value or raw text. */
  files?: Record<string, unknown>;
  offer?: Partial<Offer>;
  target?: 'marketplace' | 'service-catalog';
  cache?: Record<string, string[]>;
  today?: string;
}

export interface Expected {
  message?: RegExp;
  pointer?: string;
  severity?: 'error' | 'warning' | 'info';
  file?: RegExp;
  /** Where the finding points (1-based, in the file as the case writes it); null when it names the file only. */
  line: number | null;
  column: number | null;
}

export interface InvalidCase extends RuleCase {
  errors: Expected[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export function buildInput(c: RuleCase): PackageInput {
  const files = [];
  if (c.template !== undefined) files.push(sourceFile(c.templateName ?? 'mainTemplate.json', c.templateName ?? 'mainTemplate.json', text(c.template)));
  if (c.ui !== undefined) files.push(sourceFile('createUiDefinition.json', 'createUiDefinition.json', text(c.ui)));
  if (c.view !== undefined) files.push(sourceFile('viewDefinition.json', 'viewDefinition.json', text(c.view)));
  for (const [p, v] of Object.entries(c.files ?? {})) files.push(sourceFile(p, p, text(v)));
  const input = assignRoles('package', 'folder', files);
  if (c.templateName && !['maintemplate.json', 'azuredeploy.json'].includes(c.templateName.toLowerCase()) && input.templates.length === 1 && !input.mainTemplate) {
    input.mainTemplate = input.templates[0];
    input.templates = [];
    input.isMainTemplate = false;
  }
  if (c.offer) input.offer = c.offer as Offer;
  return input;
}

export function findingsOf(ruleId: string, c: RuleCase) {
  const cache = c.cache ? providerCacheFrom(Object.fromEntries(Object.entries(c.cache).map(([t, v]) => [t, [{ apiVersions: v }]])), 'test') : undefined;
  return validatePackage(buildInput(c), {
    rules: RULES,
    only: new Set([ruleId]),
    ...(cache ? { providerCache: cache } : {}),
    ...(c.today ? { today: new Date(`${c.today}T00:00:00Z`) } : {}),
    ...(c.target ? { target: c.target } : {}),
  });
}

export function ruleTests(ruleId: string, table: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const rule = RULES.find((r) => r.id === ruleId);
  describe(`rule ${ruleId}`, () => {
    before(() => preloadValidators(SCHEMA_NAMES));
    it('is registered with metadata', () => {
      assert.ok(rule, `${ruleId} is in the catalogue`);
      assert.ok(rule.description.length > 20);
    });
    for (const c of table.valid) {
      it(`valid: ${c.name}`, () => {
        const found = findingsOf(ruleId, c).filter((d) => d.severity !== 'info');
        assert.deepEqual(found.map((d) => `${d.code}: ${d.message}`), []);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, () => {
        assert.ok(c.errors.length > 0, 'an invalid case expects at least one finding');
        const found = findingsOf(ruleId, c).filter((d) => d.severity !== 'info' || c.errors.some((e) => e.severity === 'info'));
        // Maintainers only: OFFERKIT_PIN_POSITIONS=<file> records where each finding points, to state it in a new table row.
        if (process.env.OFFERKIT_PIN_POSITIONS) appendFileSync(process.env.OFFERKIT_PIN_POSITIONS, `${JSON.stringify({ rule: ruleId, name: c.name, at: found.map((d) => [d.line ?? null, d.column ?? null]) })}\n`);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got: ${JSON.stringify(found.map((d) => `${d.code} ${d.pointer}: ${d.message}`), null, 1)}`);
        found.forEach((d, i) => {
          const e = c.errors[i];
          assert.ok(d.code === ruleId || d.code === 'rule-crashed', d.code);
          assert.notEqual(d.code, 'rule-crashed', d.message);
          if (e.message) assert.match(d.message, e.message);
          if (e.pointer !== undefined) assert.equal(d.pointer, e.pointer);
          if (e.severity) assert.equal(d.severity, e.severity);
          if (e.file) assert.match(d.file ?? '', e.file);
          assert.deepEqual([d.line ?? null, d.column ?? null], [e.line, e.column], `finding ${i + 1} (${d.pointer ?? ''}) points at line ${d.line ?? '-'}, column ${d.column ?? '-'}`);
        });
      });
    }
  });
}

/** A minimal template with the given resources and extra top-level properties. */
export function tpl(resources: unknown[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', ...extra, resources };
}

/** A minimal createUiDefinition. */
export function cuid(parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',
    handler: 'Microsoft.Azure.CreateUIDef',
    version: '0.1.2-preview',
    ...extra,
    parameters: { basics: [], steps: [], outputs: { location: '[location()]' }, ...parameters },
  };
}
