// Human output: diagnostics grouped by file, one line each (line:column  severity  message  code),
// hints indented below, colours only on a terminal, and a summary line.

import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { inertText, oneLine } from './terminal-safe.js';

export interface StylishOptions {
  color: boolean;
  /** Files that were checked, so clean ones appear in the summary too. */
  files?: string[];
}

const paint = (on: boolean) => (code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export function formatStylish(diagnostics: Diagnostic[], options: StylishOptions): string {
  const c = paint(options.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of options.files ?? []) byFile.set(f, []);
  for (const d of sortDiagnostics([...diagnostics])) {
    const key = d.file ?? '';
    (byFile.get(key) ?? byFile.set(key, []).get(key)!).push(d);
  }
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const [file, list] of byFile) {
    const errs = list.filter((d) => d.severity === 'error').length;
    if (file) {
      if (errs) failed++;
      else passed++;
    }
    if (!list.length) continue;
    if (file) lines.push(c('4', oneLine(file)));
    for (const d of list) {
      const pos = d.line ? `${d.line}:${d.column ?? 1}` : '';
      const sev = d.severity === 'error' ? c('31', 'error  ') : d.severity === 'warning' ? c('33', 'warning') : c('36', 'info   ');
      const rule = d.armTtk ? `${d.code} (${d.armTtk})` : d.code;
      lines.push(`  ${pos.padEnd(8)} ${sev}  ${inertText(d.message)}  ${c('2', rule)}`);
      if (d.hint) lines.push(`  ${' '.repeat(8)}          ${c('2', inertText(d.hint))}`);
    }
    lines.push('');
  }
  const n = countBySeverity(diagnostics);
  const summary = `${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}${n.info ? `, ${n.info} info` : ''}`;
  const files = passed + failed ? ` — ${passed} file${passed === 1 ? '' : 's'} passed, ${failed} failed` : '';
  lines.push((n.error ? c('31', summary) : n.warning ? c('33', summary) : c('32', summary)) + files);
  return lines.join('\n') + '\n';
}
