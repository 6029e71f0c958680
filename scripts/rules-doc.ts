// docs/rules.md from the rule catalogue: one entry per rule (id, arm-ttk name or Bicep counterpart, default
// level, target, description), and where the resource-type rules' facts come from. `npm run docs` writes it; a
// test fails when it is out of date.

import { armTypeCatalogue, type CatalogueIndex } from '../src/arm/type-catalogue.js';
import type { Rule } from '../src/validate/rule.js';

const BICEP_DOCS = 'https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-core-diagnostics';
const bicepLinks = (codes: readonly string[]) => codes.map((c) => `[${c}](${BICEP_DOCS}#${c})`).join(', ');

/** What docs/rules.md says of Azure's resource types: the source, its date, what is checked, how to refresh. */
function catalogueSection(index: CatalogueIndex): string[] {
  const ns = Object.values(index.namespaces);
  const s = index.source;
  return [
    "## Azure's resource types",
    '',
    `The \`resource-*\` rules check every resource of a template against Azure's own types: every resource type and`,
    `api-version Azure's REST specifications define, with each property's type, whether it is required or read-only, the`,
    'values it allows, string lengths and patterns, and discriminated objects (Data Factory linked services, datasets,',
    "activities, sources and sinks; deployment scripts' kinds) — as Microsoft generates them for Bicep's type checker.",
    '',
    `- Source: [${s.repository}](https://github.com/${s.repository}) at commit \`${s.commit}\` (${s.date}), folder \`${s.folder}\`; ${s.licence}.`,
    `- Held: ${ns.length} provider namespaces, ${ns.reduce((n, x) => n + x.types, 0)} resource types, ${ns.reduce((n, x) => n + x.versions, 0)} type@api-version pairs, in \`schemas/arm-types/\``,
    '  (one compressed file per namespace, read the first time a template names it; documentation text left out).',
    '- Refresh: put a newer `generated/` folder of bicep-types-az (its `types.json` files) and its SOURCES.md in a',
    '  folder and run `npm run derive:arm-types -- <folder>`; the commit and date above come from that SOURCES.md.',
    '- Offline and certain first: a type Azure does not define, a missing required property and a name of the wrong',
    '  length are errors; an unknown property, a value of the wrong kind or outside the allowed set, and a read-only',
    "  property set are warnings, since providers' specifications are not perfect. An api-version the specifications lack",
    '  is a warning (Azure serves some they leave out) unless the provider cache (`--provider-cache`) lacks it too.',
    '  Expressions are checked only where their value or kind is known before deployment. Bicep, checking the same',
    "  types, reports all of these as warnings (its counterparts are listed with each rule); offerkit's levels say how",
    '  certain each finding is, and your configuration can change any of them.',
    '- How real packages fare: [resource-types-findings.md](resource-types-findings.md) classifies every finding on the',
    '  32 published packages of the conformance corpus.',
    '',
  ];
}

const TARGET: Record<Rule['target'], string> = {
  template: 'deployment templates (main, nested and inner)',
  createUiDefinition: 'createUiDefinition.json',
  viewDefinition: 'viewDefinition.json',
  package: 'the package as a whole',
  jsonFile: 'every JSON file',
};

export function rulesDoc(rules: readonly Rule[], catalogue: CatalogueIndex | undefined = armTypeCatalogue().describe()): string {
  const lines = [
    '# offerkit validation rules',
    '',
    'Generated from the rule catalogue (`src/validate/rules/`) by `npm run docs`; do not edit by hand.',
    '',
    'Levels are defaults: change them per repository in `offerkit.config.json` or `offerkit.config.yaml`',
    '(`rules: { <id or arm-ttk name>: error | warning | info | off }`). For arm-ttk rules the default is the',
    'severity Partner Center certification gives them (blocking = error).',
    '',
    '| rule | arm-ttk name | Bicep counterpart | default | checks |',
    '| --- | --- | --- | --- | --- |',
  ];
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  for (const r of sorted) lines.push(`| [${r.id}](#${r.id}) | ${r.armTtk ?? '—'} | ${r.bicep?.join(', ') ?? '—'} | ${r.defaultSeverity} | ${TARGET[r.target]} |`);
  lines.push('');
  if (catalogue) lines.push(...catalogueSection(catalogue));
  for (const r of sorted) {
    const counterpart = [r.armTtk ? `arm-ttk: \`${r.armTtk}\`` : '', r.bicep?.length ? `Bicep: ${bicepLinks(r.bicep)}` : ''].filter(Boolean).join(' · ');
    lines.push(`## ${r.id}`, '', `${counterpart ? `${counterpart} · ` : ''}default: **${r.defaultSeverity}** · checks ${TARGET[r.target]}`, '', r.description, '');
    if (r.source) lines.push(`Source: ${r.source}`, '');
  }
  return lines.join('\n');
}
