// The build command's work and output, loaded only when `offerkit build` runs.

import { join, relative, resolve } from 'node:path';
import { findOfferDirs } from '../offer-dirs.js';
import { usageError, type Diagnostic } from '../../diagnostics.js';
import { buildOffer, type OfferBuild } from '../../build/build-offer.js';
import { checkMaxWarnings, checkReportFiles, checkReportsOutsideInputs, formatForCi, rebasePath, rebasePaths, writeReports } from '../ci-outputs.js';
import { exitCodeWithWarnings, out, printDiagnostics } from '../output.js';

export interface BuildArgs {
  offers: string[];
  out: string;
  plan: string[];
  format: 'stylish' | 'json' | 'github' | 'azure-pipelines';
  dryRun: boolean;
  force?: boolean;
  maxWarnings?: number;
  sarif?: string;
  junit?: string;
  summary?: string;
  reportRoot?: string;
}

export async function runBuild(argv: BuildArgs): Promise<number> {
  checkMaxWarnings(argv.maxWarnings);
  const reports = { sarif: argv.sarif, junit: argv.junit, summary: argv.summary };
  checkReportFiles(reports, argv.format === 'stylish' ? undefined : `--format ${argv.format}`);
  const dirs = argv.offers.length ? argv.offers : await findOfferDirs();
  if (!dirs.length) throw usageError('No offers to build: offers/ has no folder with an offer.yaml.');
  await checkReportsOutsideInputs(reports, dirs.map((dir) => ({ dir, label: 'the offer folder' })));
  const builds: OfferBuild[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of dirs) {
    const b = await buildOffer(dir, { outDir: argv.out, plans: argv.plan, dryRun: argv.dryRun, force: Boolean(argv.force) });
    builds.push(b);
    diagnostics.push(...b.diagnostics);
  }
  // Paths in reports and CI output are relative to --report-root (the repository root) when given.
  const root = argv.reportRoot;
  const at = (p: string) => rebasePath(relative(process.cwd(), resolve(p)), root);
  const reported = rebasePaths(diagnostics, root);
  await writeReports(reports, reported, builds.map((b) => at(join(b.offerDir, 'offer.yaml'))), () => ({
    title: `offerkit build${argv.dryRun ? ' (dry run)' : ''}`,
    items: builds.map((b) => ({
      name: b.offerId ?? b.offerDir,
      path: at(b.offerDir),
      diagnostics: rebasePaths(b.diagnostics, root),
      packages: b.plans.map((p) => ({ plan: p.plan, version: p.version, path: at(p.zip), size: p.size, sha256: p.sha256 })),
    })),
  }));
  if (argv.format === 'github' || argv.format === 'azure-pipelines') {
    out(formatForCi(argv.format, reported.filter((d) => d.severity !== 'info')), 'ci');
    for (const b of builds) for (const p of b.plans) out(`${b.written ? 'built' : 'would build'} ${b.offerId}/${p.plan} v${p.version}: ${at(p.zip)} (${p.size} bytes, sha256 ${p.sha256})\n`);
  } else if (argv.format === 'json') {
    printDiagnostics(diagnostics, {
      json: true,
      extra: { offers: builds.map((b) => ({ offer: b.offerId ?? null, dir: b.offerDir, written: b.written, plans: b.plans.map((p) => ({ ...p, zip: relative(process.cwd(), p.zip), definition: relative(process.cwd(), p.definition), readme: relative(process.cwd(), p.readme) })) })) },
    });
  } else {
    const shown = diagnostics.filter((d) => d.severity !== 'info');
    printDiagnostics(shown);
    const hidden = diagnostics.length - shown.length;
    if (hidden) out(`(${hidden} info note${hidden === 1 ? '' : 's'} hidden; \`offerkit validate --verbose\` shows them)\n`);
    for (const b of builds) {
      if (!b.plans.length) {
        out(`✗ ${b.offerDir}: not built (fix the errors above; nothing was written)\n`);
        continue;
      }
      out(`${b.written ? '✓' : '○'} ${b.offerId} (${b.offerDir})${b.written ? '' : ' — dry run, nothing written'}\n`);
      for (const p of b.plans) out(`    ${p.plan.padEnd(14)} v${p.version.padEnd(8)} ${relative(process.cwd(), p.zip)}  ${p.size} bytes  sha256 ${p.sha256.slice(0, 16)}…\n`);
    }
  }
  return exitCodeWithWarnings(diagnostics, argv.maxWarnings);
}

export { runCommand } from '../output.js';
