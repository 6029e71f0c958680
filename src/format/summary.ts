// A Markdown job summary ($GITHUB_STEP_SUMMARY, or any file): per offer or input, its findings by severity and,
// for a build, its packages with size and sha256.

import { countBySeverity, type Diagnostic } from '../diagnostics.js';

export interface SummaryInput {
  title: string;
  /** Per offer or input checked. */
  items: {
    name: string;
    path: string;
    diagnostics: Diagnostic[];
    packages?: { plan: string; version: string; path: string; size: number; sha256: string }[];
  }[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatSummary(s: SummaryInput): string {
  const out: string[] = [`## ${s.title}`, ''];
  const all = s.items.flatMap((i) => i.diagnostics);
  const total = countBySeverity(all);
  out.push(`${total.error ? '❌' : '✅'} ${total.error} error${total.error === 1 ? '' : 's'}, ${total.warning} warning${total.warning === 1 ? '' : 's'} in ${s.items.length} item${s.items.length === 1 ? '' : 's'}.`, '');
  out.push('| | errors | warnings | notes |', '| --- | --- | --- | --- |');
  for (const i of s.items) {
    const c = countBySeverity(i.diagnostics);
    out.push(`| ${cell(i.name)} (\`${cell(i.path)}\`) | ${c.error} | ${c.warning} | ${c.info} |`);
  }
  out.push('');
  for (const i of s.items) {
    if (!i.packages?.length) continue;
    out.push(`### ${cell(i.name)}: packages`, '', '| plan | version | package | size | sha256 |', '| --- | --- | --- | --- | --- |');
    for (const p of i.packages) out.push(`| ${cell(p.plan)} | ${cell(p.version)} | \`${cell(p.path)}\` | ${p.size.toLocaleString('en-US')} bytes | \`${p.sha256}\` |`);
    out.push('');
  }
  const errors = all.filter((d) => d.severity === 'error').slice(0, 20);
  if (errors.length) {
    out.push('### Errors', '');
    for (const d of errors) out.push(`- \`${cell(d.file ?? '')}${d.line ? `:${d.line}` : ''}\` ${cell(d.message)} (${d.code}${d.armTtk ? `, arm-ttk ${d.armTtk}` : ''})`);
    if (all.filter((d) => d.severity === 'error').length > errors.length) out.push(`- … and ${all.filter((d) => d.severity === 'error').length - errors.length} more`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
