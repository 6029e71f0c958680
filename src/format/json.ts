// Machine output: every diagnostic with all its fields, plus counts.

import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics.js';

export function formatJson(diagnostics: Diagnostic[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, summary: countBySeverity(diagnostics), diagnostics: sortDiagnostics([...diagnostics]) }, null, 2) + '\n';
}
