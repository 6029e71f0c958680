// Azure Pipelines logging commands: one `##vso[task.logissue type=error|warning;sourcepath=…;linenumber=…;
// columnnumber=…;code=…]message` line per finding, so findings appear in the run's summary and on the lines of a
// pull request's build; notes stay plain text (logissue has no info level). Then one plain summary line.
// Escaping follows the agent's rules: % is %AZP25, \r \n are %0D %0A, and in properties ; and ] are %3B %5D.

import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { inertText } from './terminal-safe.js';

export const escapeAzureData = (s: string): string => inertText(s).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeAzureProperty = (s: string): string => escapeAzureData(s).replace(/;/g, '%3B').replace(/\]/g, '%5D');

const where = (d: Diagnostic) => `${inertText(d.file ?? '')}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`;

export function formatAzurePipelines(diagnostics: Diagnostic[]): string {
  const lines = sortDiagnostics([...diagnostics]).map((d) => {
    const text = `${d.message}${d.hint ? ` ${d.hint}` : ''} [${d.armTtk ? `${d.code}, arm-ttk ${d.armTtk}${d.armTtkLevel ? ` (${d.armTtkLevel})` : ''}` : d.code}]`;
    if (d.severity === 'info') return `note ${where(d)}: ${inertText(text).replace(/[\r\n]+/g, ' ')}`;
    const props = [`type=${d.severity}`];
    if (d.file) props.push(`sourcepath=${escapeAzureProperty(d.file.split('\\').join('/'))}`);
    if (d.line) props.push(`linenumber=${d.line}`);
    if (d.line && d.column) props.push(`columnnumber=${d.column}`);
    props.push(`code=${escapeAzureProperty(d.code)}`);
    return `##vso[task.logissue ${props.join(';')};]${escapeAzureData(text)}`;
  });
  const c = countBySeverity(diagnostics);
  lines.push(`offerkit: ${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} note${c.info === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
