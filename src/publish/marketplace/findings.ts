// What Partner Center found wrong with a submission — the validations of a submission it could not create, or
// the findings of certification (both `…/submissions/{id}/validations`, the swagger's ValidationItem: errorCode,
// severity, message, resource) — as diagnostics that name the file and the arm-ttk rule when the item does.

import type { PcResource } from '../../azure/partner-center.js';
import type { Diagnostic, Severity } from '../../diagnostics.js';
import { redact } from '../../util/redact.js';
import { textOf } from '../../util/text-of.js';

const SEVERITY: Record<string, Severity> = { error: 'error', critical: 'error', warning: 'warning', informational: 'info', info: 'info' };

export interface FindingsOptions {
  /** Certification findings, or the validations that kept a submission in draft. */
  kind?: 'certification' | 'validation';
  /** Caps every finding at this severity (the findings of a submission offerkit replaced are history, not failures). */
  atMost?: Severity;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export function findingsToDiagnostics(items: PcResource[], submissionId: string, o: FindingsOptions = {}): Diagnostic[] {
  const kind = o.kind ?? 'certification';
  return items.map((i) => {
    const resource = typeof i.resource === 'string' && i.resource ? i.resource : undefined;
    const code = typeof i.errorCode === 'string' && i.errorCode ? i.errorCode : 'finding';
    let severity = SEVERITY[textOf(i.severity ?? 'error').toLowerCase()] ?? 'error';
    if (o.atMost && RANK[severity] > RANK[o.atMost]) severity = o.atMost;
    return {
      code: `${kind}-${code.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}`,
      severity,
      message: `${kind === 'certification' ? 'Certification' : 'Validation'} of submission ${submissionId}: ${redact(textOf(i.message ?? 'no message'))}`,
      ...(resource ? { file: resource } : {}),
      ...(/-(Should|Must|Are|Is)-/i.test(code) ? { armTtk: code } : {}),
    };
  });
}
