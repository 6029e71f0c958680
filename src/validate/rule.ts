// What a validation rule is (the ESLint/Bicep model): metadata plus one check function that reports.
// Rules never choose their final severity; the engine applies the per-repo configuration.

import type { Severity } from '../diagnostics.js';
import type { JsonObject } from '../arm/template.js';
import type { Offer, Plan } from '../offer/model.js';
import type { ProviderCache } from './provider-cache.js';
import type { PackageInput, SourceFile } from './package-input.js';

export type RuleTarget = 'template' | 'createUiDefinition' | 'viewDefinition' | 'package' | 'jsonFile';

/** Where a finding is: a package file, or another located document (offer.yaml). */
export interface ReportFile {
  display: string;
  json: { locate: SourceFile['json']['locate'] };
}

export interface Finding {
  message: string;
  /** Pointer within `file` (defaults to the context's file). */
  pointer?: string;
  file?: ReportFile;
  /** arm-ttk writes this finding as a warning (it never fails the rule there); its default level is then at most warning. */
  armTtkWarning?: boolean;
  /**
   * This finding's default level, used only when the repository's configuration does not set the rule's level.
   * A configured level always wins: rules choose defaults, never the final level.
   */
  severity?: Severity;
  /** A note that the rule could not check (no provider cache, disabled by metadata): info unless the configuration sets the rule's level. */
  note?: boolean;
  hint?: string;
  /** A position when there is no pointer (e.g. a JSON syntax error). */
  position?: { line: number; column: number };
  /** Point at the property name rather than its value. */
  key?: boolean;
  /** This finding counts findings not listed: the engine never counts it into its own bound. */
  summary?: boolean;
}

export interface RuleMeta {
  /** kebab-case code, stable. */
  id: string;
  /** arm-ttk's rule name, exactly. */
  armTtk?: string;
  /** Bicep's diagnostic codes for the same check (BCP037…), where Bicep has one. */
  bicep?: readonly string[];
  description: string;
  /** Default severity: arm-ttk's Marketplace severity for arm-ttk rules (blocking = error). */
  defaultSeverity: Severity;
  /** The vendor's own words the rule enforces, and where they are (printed in docs/rules.md). */
  source?: string;
  target: RuleTarget;
}

export interface BaseContext {
  package: PackageInput;
  report(finding: Finding): void;
  providerCache?: ProviderCache;
  today?: Date;
  /** `marketplace` makes marketplace-only requirements errors. */
  target: 'marketplace' | 'service-catalog' | 'any';
}

export interface TemplateContext extends BaseContext {
  file: SourceFile;
  /** The template object; inner-scope nested templates are replaced by `{}` in it (as arm-ttk does). */
  template: JsonObject;
  /** Pointer of `template` within the file ('' for the file's top level). */
  base: string;
  isMainTemplate: boolean;
  isInnerTemplate: boolean;
  /** For an inner template, the template that contains it. */
  parent?: TemplateContext;
  /** The deployment resource holding this inner template (its pointer in the file). */
  deploymentPointer?: string;
  /** Pointers of the inner templates cut out of this one (checked as their own contexts). */
  cutPointers: string[];
}

export interface UiContext extends BaseContext {
  file: SourceFile;
  ui: JsonObject;
  /** The main template, when there is one (rules needing it are skipped, i.e. pass, without it). */
  mainTemplate?: JsonObject;
  mainTemplateFile?: SourceFile;
}

export interface ViewContext extends BaseContext {
  file: SourceFile;
  view: JsonObject;
}

export interface PackageContext extends BaseContext {
  offer?: Offer;
  plan?: Plan;
}

export interface JsonFileContext extends BaseContext {
  file: SourceFile;
}

export type ContextFor<T extends RuleTarget> = T extends 'template'
  ? TemplateContext
  : T extends 'createUiDefinition'
    ? UiContext
    : T extends 'viewDefinition'
      ? ViewContext
      : T extends 'jsonFile'
        ? JsonFileContext
        : PackageContext;

export interface Rule<T extends RuleTarget = RuleTarget> extends RuleMeta {
  target: T;
  check(ctx: ContextFor<T>): void;
}

export function defineRule<T extends RuleTarget>(rule: Rule<T>): Rule<T> {
  return rule;
}
