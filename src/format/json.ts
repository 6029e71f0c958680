// Machine output: every diagnostic with all its fields, plus counts, as JSON no terminal or CI runner acts on.

import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { inertJson } from './terminal-safe.js';

export function formatJson(diagnostics: Diagnostic[], extra: Record<string, unknown> = {}): string {
  return inertJson(JSON.stringify({ ...extra, summary: countBySeverity(diagnostics), diagnostics: sortDiagnostics([...diagnostics]) }, null, 2)) + '\n';
}
