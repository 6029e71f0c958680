// The one diagnostic type every part of offerkit reports with (offer loader, renderer, validator rules,
// zip inspection, publish preflight), and the few helpers that work on lists of them.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** kebab-case identifier, stable across releases (e.g. `offer-unknown-key`). */
  code: string;
  severity: Severity;
  message: string;
  /** Path as the user gave it (or relative to the current directory). */
  file?: string;
  /** JSON pointer into the file's document (`/plans/0/version`). */
  pointer?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The arm-ttk rule this corresponds to, spelled exactly as arm-ttk does. */
  armTtk?: string;
  /** What arm-ttk itself reports for this finding (error fails the rule there); absent when arm-ttk would not report it. */
  armTtkLevel?: 'error' | 'warning';
  /** What to do about it. */
  hint?: string;
  /** Where to read more. */
  docs?: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Stable order: file, line, column, code. Diagnostics without a position sort first within a file. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * The same finding reported more than once (a rule about offer.yaml runs once per plan) kept once, in order.
 * Only findings in `file` are merged; findings in package files are per plan and stay as they are.
 */
export function keepOncePerFile(diagnostics: readonly Diagnostic[], file: string): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    if (d.file !== file) return true;
    const key = `${d.code}|${d.severity}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A failure the user can act on. Commands catch it and print its diagnostics instead of a stack trace.
 * `exitCode` is 1 for findings about the input, 2 for usage errors.
 */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: 1 | 2;
  constructor(diagnostics: Diagnostic | Diagnostic[], exitCode: 1 | 2 = 1) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map((d) => d.message).join('; '));
    this.name = 'UserError';
    this.diagnostics = list;
    this.exitCode = exitCode;
  }
}

/**
 * A value the user or a file gave, for a message: whole when short, else its start and its length, so a
 * 100,000-character argument is not echoed back whole (and a surrogate pair is never cut in two).
 */
export function clipped(value: string, max = 80): string {
  if (value.length <= max) return value;
  let head = value.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}… (${value.length} characters)`;
}

/** A usage error (exit 2). Its message often quotes the command line, so a very long one is clipped. */
export function usageError(message: string, hint?: string): UserError {
  return new UserError({ code: 'usage', severity: 'error', message: clipped(message, 1000), ...(hint ? { hint } : {}) }, 2);
}
