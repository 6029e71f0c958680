// docs/rules.md from the rule catalogue: one entry per rule (id, arm-ttk name, default level, target,
// description). `npm run docs` writes it; a test fails when it is out of date.

import type { Rule } from '../src/validate/rule.js';

const TARGET: Record<Rule['target'], string> = {
  template: 'deployment templates (main, nested and inner)',
  createUiDefinition: 'createUiDefinition.json',
  viewDefinition: 'viewDefinition.json',
  package: 'the package as a whole',
  jsonFile: 'every JSON file',
};

export function rulesDoc(rules: readonly Rule[]): string {
  const lines = [
    '# offerkit validation rules',
    '',
    'Generated from the rule catalogue (`src/validate/rules/`) by `npm run docs`; do not edit by hand.',
    '',
    'Levels are defaults: change them per repository in `offerkit.config.json` or `offerkit.config.yaml`',
    '(`rules: { <id or arm-ttk name>: error | warning | info | off }`). For arm-ttk rules the default is the',
    'severity Partner Center certification gives them (blocking = error).',
    '',
    '| rule | arm-ttk name | default | checks |',
    '| --- | --- | --- | --- |',
  ];
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  for (const r of sorted) lines.push(`| [${r.id}](#${r.id}) | ${r.armTtk ?? '—'} | ${r.defaultSeverity} | ${TARGET[r.target]} |`);
  lines.push('');
  for (const r of sorted) {
    lines.push(`## ${r.id}`, '', `${r.armTtk ? `arm-ttk: \`${r.armTtk}\` · ` : ''}default: **${r.defaultSeverity}** · checks ${TARGET[r.target]}`, '', r.description, '');
    if (r.source) lines.push(`Source: ${r.source}`, '');
  }
  return lines.join('\n');
}
