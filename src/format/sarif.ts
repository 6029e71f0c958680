// SARIF 2.1.0, as GitHub code scanning loads it: one run, the rule catalogue as the tool's rules,
// one result per diagnostic with a location relative to the repository root.

import type { Diagnostic } from '../diagnostics.js';

export interface SarifRule {
  id: string;
  armTtk?: string;
  description: string;
  defaultSeverity: Diagnostic['severity'];
}

const LEVEL: Record<Diagnostic['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(diagnostics: Diagnostic[], rules: readonly SarifRule[], version: string): string {
  const known = new Map(rules.map((r) => [r.id, r]));
  const extra = [...new Set(diagnostics.map((d) => d.code))].filter((c) => !known.has(c)).sort();
  const allRules = [
    ...rules.map((r) => ({ id: r.id, name: r.armTtk ?? r.id, armTtk: r.armTtk, description: r.description, level: r.defaultSeverity })),
    ...extra.map((id) => ({ id, name: id, armTtk: undefined, description: id, level: 'error' as const })),
  ];
  const index = new Map(allRules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'offerkit',
            version,
            informationUri: 'https://github.com/offerkit/offerkit',
            rules: allRules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.description.split(/(?<=\.)\s/)[0] },
              fullDescription: { text: r.description },
              helpUri: `https://github.com/offerkit/offerkit/blob/main/docs/rules.md#${r.id}`,
              defaultConfiguration: { level: LEVEL[r.level] },
              ...(r.armTtk ? { properties: { armTtk: r.armTtk, tags: ['arm-ttk'] } } : {}),
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code)!,
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: d.file.split('\\').join('/').replace(/^\.\//, ''), uriBaseId: '%SRCROOT%' },
                      ...(d.line ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}),
                    },
                  },
                ],
              }
            : {}),
          ...(d.armTtk || d.pointer !== undefined
            ? { properties: { ...(d.armTtk ? { armTtk: d.armTtk } : {}), ...(d.armTtkLevel ? { armTtkLevel: d.armTtkLevel } : {}), ...(d.pointer !== undefined ? { pointer: d.pointer } : {}) } }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
