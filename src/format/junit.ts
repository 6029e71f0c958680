// JUnit XML for test-result views (Azure Pipelines' PublishTestResults, GitLab, Jenkins): one test suite per
// file checked, one failed test case per error finding, one passed test case per file without errors (its
// warnings listed in system-out). Info notes are left out.

import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';

const xml = (s: string): string =>
  s
    // Characters XML 1.0 forbids: C0 controls but tab and line breaks, U+FFFE and U+FFFF, and lone surrogates.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const where = (d: Diagnostic) => `${d.file ?? ''}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`;

export function formatJunit(diagnostics: Diagnostic[], files: readonly string[] = []): string {
  const shown = sortDiagnostics(diagnostics.filter((d) => d.severity !== 'info'));
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of files) byFile.set(f, []);
  for (const d of shown) (byFile.get(d.file ?? '') ?? byFile.set(d.file ?? '', []).get(d.file ?? '')!).push(d);
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [file, list] of byFile) {
    const errors = list.filter((d) => d.severity === 'error');
    const warnings = list.filter((d) => d.severity === 'warning');
    const cases = errors.map(
      (d) => `    <testcase classname="${xml(file || 'offerkit')}" name="${xml(`${d.code}: ${where(d)}`)}">\n      <failure message="${xml(d.message)}" type="${xml(d.armTtk ?? d.code)}">${xml(`${where(d)}\n${d.message}${d.hint ? `\n${d.hint}` : ''}`)}</failure>\n    </testcase>`,
    );
    if (!errors.length) {
      const out = warnings.map((d) => `warning ${d.code} ${where(d)}: ${d.message}`).join('\n');
      cases.push(`    <testcase classname="${xml(file || 'offerkit')}" name="no errors">${out ? `\n      <system-out>${xml(out)}</system-out>\n    ` : ''}</testcase>`);
    }
    tests += cases.length;
    failures += errors.length;
    suites.push(`  <testsuite name="${xml(file || 'offerkit')}" tests="${cases.length}" failures="${errors.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="offerkit" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
