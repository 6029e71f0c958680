// npm run conformance: agreement with arm-ttk per rule and overall, and every disagreement.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agree, findConformanceDir, pct, runConformance, type CaseResult } from './conformance-runner.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = findConformanceDir(root);
if (!dir) {
  console.log('Conformance corpus not found (../shared/conformance, or set OFFERKIT_CONFORMANCE); nothing to compare.');
  process.exit(0);
}
const verbose = process.argv.includes('--verbose');
const report = runConformance(dir);

const byRule = new Map<string, CaseResult[]>();
for (const r of [...report.armttk, ...report.sampleRules]) (byRule.get(r.rule) ?? byRule.set(r.rule, []).get(r.rule)!).push(r);
console.log('Agreement per arm-ttk rule (unit cases + real-package rule verdicts):');
for (const [rule, rs] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
  const a = agree(rs);
  console.log(`  ${a === rs.length ? ' ' : '✗'} ${rule.padEnd(62)} ${String(a).padStart(3)}/${String(rs.length).padEnd(3)}`);
}
const dis = [...report.armttk, ...report.sampleRules, ...report.samples].filter((r) => r.expect !== r.actual);
if (dis.length) {
  console.log('\nDisagreements:');
  for (const d of dis) {
    console.log(`  ${d.id} [${d.rule}] expected ${d.expect}, got ${d.actual}`);
    for (const m of d.messages.slice(0, verbose ? 50 : 3)) console.log(`      ${m}`);
  }
}
const a = agree(report.armttk);
console.log(`\nvalidated ${report.armttk.length + report.samples.length} cases in ${report.ms.toFixed(0)} ms`);
console.log(`arm-ttk unit cases: ${a}/${report.armttk.length} agree (${pct(a, report.armttk.length)}%)`);
console.log(`real packages: ${agree(report.samples)}/${report.samples.length} verdicts agree, ${agree(report.sampleRules)}/${report.sampleRules.length} rule verdicts agree (${pct(agree(report.sampleRules), report.sampleRules.length)}%)`);
