// The build command's work and output, loaded only when `offerkit build` runs.

import { relative } from 'node:path';
import { findOfferDirs } from './offer-dirs.js';
import { usageError, type Diagnostic } from '../diagnostics.js';
import { buildOffer, type OfferBuild } from '../build/build-offer.js';
import { exitCodeFor, out, printDiagnostics } from './output.js';


export async function runBuild(argv: { offers: string[]; out: string; plan: string[]; json: boolean; dryRun: boolean; force?: boolean }): Promise<number> {
  const dirs = argv.offers.length ? argv.offers : await findOfferDirs();
  if (!dirs.length) throw usageError('No offers to build: offers/ has no folder with an offer.yaml.');
  const builds: OfferBuild[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of dirs) {
    const b = await buildOffer(dir, { outDir: argv.out, plans: argv.plan, dryRun: argv.dryRun, force: Boolean(argv.force) });
    builds.push(b);
    diagnostics.push(...b.diagnostics);
  }
  if (argv.json) {
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
  return exitCodeFor(diagnostics);
}
