// Runs the rule catalogue on one package: JSON validity, schemas, template rules (main, nested and
// inner templates), createUiDefinition and viewDefinition rules, package-wide rules. Severities come
// from the per-repo configuration, not from the rules.

import type { Diagnostic, Severity } from '../diagnostics.js';
import { isObject, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { splitInnerTemplates } from './inner-templates.js';
import type { PackageInput, SourceFile } from './package-input.js';
import type { ProviderCache } from './provider-cache.js';
import type { BaseContext, Finding, ReportFile, Rule, RuleTarget, TemplateContext } from './rule.js';

export type Level = Severity | 'off';

export interface EngineOptions {
  rules: readonly Rule[];
  /** Rule id or arm-ttk name → level. */
  levels?: ReadonlyMap<string, Level>;
  providerCache?: ProviderCache;
  today?: Date;
  target?: BaseContext['target'];
  /** Run only these rules (ids or arm-ttk names). */
  only?: ReadonlySet<string>;
}

export type RuleDiagnostic = Diagnostic;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * A rule lists this many findings in one file (one template, with its inner templates apart); past it, its findings
 * are counted into one more that says how many. A hostile file (60,000 empty values) then stays within the time and
 * memory every command keeps (README, Safety), and a real one has been read long before its thousandth finding.
 */
export const LISTED_PER_RULE = 1000;

/** The level the repository's configuration sets for a rule (by its id or its arm-ttk name), if any. */
export function configuredLevel(rule: Rule, levels?: ReadonlyMap<string, Level>): Level | undefined {
  return levels?.get(rule.id) ?? (rule.armTtk ? levels?.get(rule.armTtk.toLowerCase()) : undefined);
}

export function ruleLevel(rule: Rule, levels?: ReadonlyMap<string, Level>): Level {
  return configuredLevel(rule, levels) ?? rule.defaultSeverity;
}

/**
 * The level of one finding: a level set in the configuration applies to everything the rule reports, notes
 * included; otherwise the finding's own default (a note is info), else the rule's, at most warning where
 * arm-ttk only warns. Rules choose defaults, never the final level.
 */
export function findingLevel(rule: Rule, f: Finding, levels?: ReadonlyMap<string, Level>): Severity {
  const configured = configuredLevel(rule, levels);
  if (configured && configured !== 'off') return configured;
  if (f.note) return 'info';
  if (f.severity) return f.severity;
  return f.armTtkWarning && RANK[rule.defaultSeverity] > RANK.warning ? 'warning' : rule.defaultSeverity;
}

export function validatePackage(input: PackageInput, options: EngineOptions): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [...input.diagnostics];
  const selected = options.rules.filter((r) => !options.only || options.only.has(r.id) || (r.armTtk && options.only.has(r.armTtk)));
  const byTarget = (t: RuleTarget) => selected.filter((r) => r.target === t && ruleLevel(r, options.levels) !== 'off');

  const run = <T extends RuleTarget>(rule: Rule<T>, defaultFile: ReportFile | undefined, build: (report: (f: Finding) => void, base: BaseContext) => Parameters<Rule<T>['check']>[0]) => {
    let listed = 0;
    let unlisted: { count: number; severity: Severity; first: Finding } | undefined;
    const report = (f: Finding) => {
      if (!f.summary && listed >= LISTED_PER_RULE) {
        const severity = findingLevel(rule, f, options.levels);
        unlisted ??= { count: 0, severity, first: f };
        unlisted.count++;
        if (RANK[severity] > RANK[unlisted.severity]) unlisted.severity = severity;
        return;
      }
      if (!f.summary) listed++;
      list(f);
    };
    const list = (f: Finding) => {
      const file = f.file ?? defaultFile;
      const pos = f.position ?? (file && f.pointer !== undefined ? file.json.locate(f.pointer, { key: Boolean(f.key) }) : undefined);
      // What arm-ttk itself would report: a warning where it writes one, an error where its rule fails, and
      // nothing for offerkit's own notes and for findings it never reports (default info).
      const armTtkLevel = !rule.armTtk ? undefined : f.armTtkWarning ? 'warning' : f.note || f.severity === 'info' ? undefined : 'error';
      out.push({
        code: rule.id,
        severity: findingLevel(rule, f, options.levels),
        message: f.message,
        ...(file ? { file: file.display } : { file: input.label }),
        ...(f.pointer !== undefined ? { pointer: f.pointer } : {}),
        ...(pos ? { line: pos.line, column: pos.column } : {}),
        ...(rule.armTtk ? { armTtk: rule.armTtk } : {}),
        ...(f.hint ? { hint: f.hint } : {}),
        docs: `docs/rules.md#${rule.id}`,
        ...(armTtkLevel ? { armTtkLevel } : {}),
      });
    };
    const base: BaseContext = {
      package: input,
      report,
      ...(options.providerCache ? { providerCache: options.providerCache } : {}),
      ...(options.today ? { today: options.today } : {}),
      target: options.target ?? 'any',
    };
    try {
      rule.check(build(report, base));
      if (unlisted) {
        const { count, severity, first } = unlisted;
        list({
          message: `…and ${count} more finding${count > 1 ? 's' : ''} of this rule in this file from here on, not listed (the first ${LISTED_PER_RULE} are); fix those and validate again.`,
          severity,
          summary: true,
          ...(first.file ? { file: first.file } : {}),
          ...(first.pointer !== undefined ? { pointer: first.pointer } : {}),
          ...(first.position ? { position: first.position } : {}),
          ...(first.key ? { key: true } : {}),
          ...(first.armTtkWarning ? { armTtkWarning: true } : {}),
        });
      }
    } catch (e) {
      out.push({
        code: 'rule-crashed',
        severity: 'error',
        message: `Rule ${rule.id} could not check ${defaultFile?.display ?? input.label}: ${(e as Error).message}. This is a bug in offerkit; please report it with the file.`,
        file: defaultFile?.display ?? input.label,
      });
    }
  };

  // Every JSON file.
  for (const file of input.files) for (const rule of byTarget('jsonFile')) run(rule as Rule<'jsonFile'>, file, (_r, base) => ({ ...base, file }));

  // Templates: the main one, then the others; each with its inner templates.
  const templateFiles: [SourceFile, boolean][] = [];
  if (input.mainTemplate) templateFiles.push([input.mainTemplate, input.isMainTemplate]);
  for (const t of input.templates) templateFiles.push([t, false]);
  const templateRules = byTarget('template') as Rule<'template'>[];
  for (const [file, isMain] of templateFiles) {
    if (!isObject(file.json.value)) continue;
    const contexts = templateContexts(file, file.json.value, isMain);
    for (const rule of templateRules) {
      for (const c of contexts) run(rule, file, (report, base) => Object.assign(c, base, { report }));
    }
  }

  // createUiDefinition.
  const ui = input.createUiDefinition;
  if (ui && isObject(ui.json.value)) {
    const main = input.mainTemplate && input.isMainTemplate && isObject(input.mainTemplate.json.value) ? input.mainTemplate : undefined;
    for (const rule of byTarget('createUiDefinition') as Rule<'createUiDefinition'>[]) {
      run(rule, ui, (_r, base) => ({ ...base, file: ui, ui: ui.json.value as JsonObject, ...(main ? { mainTemplate: main.json.value as JsonObject, mainTemplateFile: main } : {}) }));
    }
  }

  // viewDefinition.
  const view = input.viewDefinition;
  if (view && isObject(view.json.value)) {
    for (const rule of byTarget('viewDefinition') as Rule<'viewDefinition'>[]) run(rule, view, (_r, base) => ({ ...base, file: view, view: view.json.value as JsonObject }));
  }

  // The package as a whole.
  for (const rule of byTarget('package') as Rule<'package'>[]) {
    run(rule, undefined, (_r, base) => ({ ...base, ...(input.offer ? { offer: input.offer } : {}), ...(input.plan ? { plan: input.plan } : {}) }));
  }
  return out;
}

/** The template itself (inner templates cut out) and each inner template, recursively. */
export function templateContexts(file: SourceFile, template: JsonObject, isMain: boolean): Omit<TemplateContext, keyof BaseContext>[] {
  const out: Omit<TemplateContext, keyof BaseContext>[] = [];
  const add = (tpl: JsonObject, base: string, isInner: boolean, parent?: Omit<TemplateContext, keyof BaseContext>, holder?: string, depth = 0) => {
    const { outer, inners } = splitInnerTemplates(tpl, base);
    const ctx = {
      file,
      template: outer,
      base,
      cutPointers: inners.map((i) => i.pointer),
      isMainTemplate: isMain && !isInner,
      isInnerTemplate: isInner,
      ...(parent ? { parent: parent as TemplateContext } : {}),
      ...(holder !== undefined ? { deploymentPointer: holder } : {}),
    };
    out.push(ctx);
    if (depth < 20) for (const inner of inners) add(inner.template, inner.pointer, true, ctx, inner.holderPointer, depth + 1);
  };
  add(template, '', false);
  return out;
}

export const ptr = appendPointer;
