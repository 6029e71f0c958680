// Runs the conformance corpus (../shared/conformance) through the validator: each arm-ttk unit case with
// only its rule selected (pass = no arm-ttk-level error from that rule), and each real package with the
// createUiDefinition rules plus JSON validity. Used by `npm run conformance` and by a test that keeps the
// agreement from dropping.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { validatePackage } from '../src/validate/engine.js';
import { assignRoles, sourceFile, type PackageInput, type SourceFile } from '../src/validate/package-input.js';
import { providerCacheFrom, type ProviderCache } from '../src/validate/provider-cache.js';
import { RULES } from '../src/validate/rules/index.js';

export interface CaseResult {
  id: string;
  kind: 'armttk' | 'sample';
  rule: string;
  expect: 'pass' | 'fail';
  actual: 'pass' | 'fail';
  messages: string[];
}

export interface ConformanceReport {
  armttk: CaseResult[];
  /** One entry per (sample, rule). */
  sampleRules: CaseResult[];
  /** One entry per sample: the package verdict. */
  samples: CaseResult[];
  ms: number;
}

export interface Case {
  id: string;
  kind: 'armttk' | 'sample';
  rule: string | null;
  input: 'file' | 'folder';
  files: { mainTemplate: string | null; createUiDefinition: string | null; viewDefinition: string | null };
  otherFiles?: string[];
  isMainTemplate?: boolean;
  expect: 'pass' | 'fail';
  rules: { rule: string; expect: 'pass' | 'fail' }[];
}

export const SAMPLE_RULES = [
  'Allowed-Values-Should-Actually-Be-Allowed', 'Controls-In-Outputs-Must-Exist', 'CreateUIDefinition-Must-Not-Have-Blanks', 'CreateUIDefinition-Should-Have-Schema',
  'Credential-Confirmation-Should-Not-Be-Hidden', 'Handler-Must-Be-Correct', 'HideExisting-Must-Be-Correctly-Handled', 'Location-Should-Be-In-Outputs',
  'Outputs-Must-Be-Present-In-Template-Parameters', 'Parameters-Without-Default-Must-Exist-In-CreateUIDefinition', 'Password-Textboxes-Must-Be-Used-For-Password-Parameters',
  'PasswordBoxes-Must-Have-Min-Length', 'Textboxes-Are-Well-Formed', 'Tooltips-Should-Be-Present', 'Usernames-Should-Not-Have-A-Default', 'VMSizes-Must-Match-Template',
  'Validations-Must-Have-Message', 'JSONFiles-Should-Be-Valid',
];

export function findConformanceDir(root: string): string | undefined {
  const candidates = [process.env.OFFERKIT_CONFORMANCE, join(root, '..', 'shared', 'conformance')].filter((x): x is string => Boolean(x));
  return candidates.find((c) => existsSync(join(c, 'cases.json')));
}

function read(dir: string, rel: string): SourceFile {
  const text = readFileSync(join(dir, rel), 'utf8');
  return sourceFile(basename(rel), rel, text);
}

/** Builds the package for a case the way arm-ttk pairs files (see the corpus README). */
export function packageFor(dir: string, c: Case): PackageInput {
  const f = c.files;
  const main = f.mainTemplate ? read(dir, f.mainTemplate) : undefined;
  const ui = f.createUiDefinition ? read(dir, f.createUiDefinition) : undefined;
  const view = f.viewDefinition ? read(dir, f.viewDefinition) : undefined;
  const folder = dirname(f.mainTemplate ?? f.createUiDefinition ?? f.viewDefinition ?? '');
  const others = (c.otherFiles ?? []).filter((p) => /\.jsonc?$/i.test(p)).map((p) => {
    const s = read(dir, p);
    s.path = relative(folder, p).split('\\').join('/');
    return s;
  });
  const files = [main, ui, view, ...others].filter((x): x is SourceFile => Boolean(x));
  const input = assignRoles(c.id, c.input === 'folder' ? 'folder' : 'file', []);
  input.files = files;
  if (main) {
    main.role = 'mainTemplate';
    input.mainTemplate = main;
  }
  input.isMainTemplate = Boolean(main) && (c.isMainTemplate ?? c.input === 'folder');
  if (ui) {
    ui.role = 'createUiDefinition';
    input.createUiDefinition = ui;
  }
  if (view) {
    view.role = 'viewDefinition';
    input.viewDefinition = view;
  }
  input.templates = others.filter((o) => o.role === 'template');
  return input;
}

function outcome(input: PackageInput, rules: string[], cache: ProviderCache, today: Date): Map<string, { failed: boolean; messages: string[] }> {
  const only = new Set(rules);
  const diags = validatePackage(input, { rules: RULES, only, providerCache: cache, today });
  const byRule = new Map<string, { failed: boolean; messages: string[] }>();
  for (const r of rules) byRule.set(r, { failed: false, messages: [] });
  for (const d of diags) {
    if (d.code === 'rule-crashed') {
      for (const r of rules) byRule.get(r)!.messages.push(`CRASH: ${d.message}`);
      continue;
    }
    if (!d.armTtk || !byRule.has(d.armTtk)) continue;
    const e = byRule.get(d.armTtk)!;
    if (d.armTtkLevel === 'error') e.failed = true;
    e.messages.push(`${d.severity}${d.armTtkLevel === 'error' ? '' : ' (arm-ttk warning)'} ${d.file}${d.line ? `:${d.line}` : ''} ${d.message}`);
  }
  return byRule;
}

export function runConformance(dir: string): ConformanceReport {
  const t0 = performance.now();
  const manifest = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Case[] };
  const cache = providerCacheFrom(JSON.parse(readFileSync(join(dir, 'cache', 'AllAzureResources.cache.json'), 'utf8')), 'AllAzureResources.cache.json');
  const today = new Date(Date.UTC(2019, 7, 31));
  const report: ConformanceReport = { armttk: [], sampleRules: [], samples: [], ms: 0 };
  for (const c of manifest.cases) {
    const input = packageFor(dir, c);
    if (c.kind === 'armttk' && c.rule) {
      const r = outcome(input, [c.rule], cache, today).get(c.rule)!;
      report.armttk.push({ id: c.id, kind: 'armttk', rule: c.rule, expect: c.expect, actual: r.failed ? 'fail' : 'pass', messages: r.messages });
    } else if (c.kind === 'sample') {
      const res = outcome(input, SAMPLE_RULES, cache, today);
      let failed = false;
      for (const exp of c.rules) {
        const r = res.get(exp.rule);
        if (!r) continue;
        failed ||= r.failed;
        report.sampleRules.push({ id: c.id, kind: 'sample', rule: exp.rule, expect: exp.expect, actual: r.failed ? 'fail' : 'pass', messages: r.messages });
      }
      report.samples.push({ id: c.id, kind: 'sample', rule: '(package)', expect: c.expect, actual: failed ? 'fail' : 'pass', messages: [] });
    }
  }
  report.ms = performance.now() - t0;
  return report;
}

export const agree = (rs: CaseResult[]) => rs.filter((r) => r.expect === r.actual).length;
export const pct = (a: number, b: number) => (b ? (100 * a) / b : 100).toFixed(1);
