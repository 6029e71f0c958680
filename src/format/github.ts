// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=…::message` line per
// finding, so findings appear on the pull request's lines; then one plain summary line.
// Escaping follows the runner's rules: in messages % \r \n; in properties also : and ,.

import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { printable } from './terminal-safe.js';

const COMMAND: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

export const escapeData = (s: string): string => printable(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diagnostics: Diagnostic[]): string {
  const lines = sortDiagnostics([...diagnostics]).map((d) => {
    const props: string[] = [];
    if (d.file) props.push(`file=${escapeProperty(d.file.split('\\').join('/'))}`);
    if (d.line) props.push(`line=${d.line}`);
    if (d.line && d.column) props.push(`col=${d.column}`);
    props.push(`title=${escapeProperty(d.armTtk ? `${d.code} (${d.armTtk})` : d.code)}`);
    const text = `${d.message}${d.hint ? `\n${d.hint}` : ''}${d.armTtkLevel ? `\narm-ttk: ${d.armTtkLevel}` : ''}`;
    return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(text)}`;
  });
  const c = countBySeverity(diagnostics);
  lines.push(`offerkit: ${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} note${c.info === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
