// `offerkit publish`: settings from flags and the offer, the publish itself, and what it prints — progress on
// stderr as it happens, the outcome per plan on stdout (or one JSON document with --json). Secrets never
// reach the output: SAS signatures, keys and tokens are redacted on the way out.

import { renderAndValidateOffer } from '../pipeline/offer-pipeline.js';
import { hasErrors, usageError } from '../diagnostics.js';
import type { PublishEvent, PublishResult } from '../publish/service-catalog/publish.js';
import { resolveTarget } from '../publish/service-catalog/settings.js';
import { registerSecret } from '../util/redact.js';
import type { PublishArgs } from './commands/publish.cjs';
import { azureSetup } from './azure-setup.js';
import { eventLine, stepFailure, uploadBar } from './progress.js';
import { appendOutputFile } from '../fs/output-folder.js';
import { formatSummary } from '../format/summary.js';
import { err, exitCodeFor, out, printDiagnostics, useColor } from './output.js';
import { changeLines } from './show-changes.js';
import { runPublishMarketplace } from './run-marketplace.js';

export async function runPublish(argv: PublishArgs): Promise<number> {
  if (argv.to === 'marketplace') return runPublishMarketplace(argv);
  if (argv.submit) throw usageError('--submit is for --to marketplace (a service-catalog definition is live as soon as it is written).');
  if (argv.trace) throw usageError('--trace records Partner Center requests: it is for --to marketplace.');
  registerSecret(argv.storageAccountKey);
  const rendered = await renderAndValidateOffer(argv.offer, argv.plan, { validation: { target: 'service-catalog' } });
  if (!rendered.offer || hasErrors(rendered.diagnostics)) return report(argv, { diagnostics: rendered.diagnostics, plans: [] });
  const target = resolveTarget(argv, rendered.offer.publish.serviceCatalog);
  const azure = await azureSetup(argv, target);
  const { publishToServiceCatalog, PublishStepError } = await import('../publish/service-catalog/publish.js');
  const progress = !argv.json && useColor(process.stderr);
  let result: PublishResult;
  try {
    result = await publishToServiceCatalog({
      rendered,
      target,
      dryRun: argv.dryRun,
      cloud: azure.cloud,
      credential: azure.credential,
      retry: azure.retry,
      ...(argv.json ? {} : { onEvent: (e: PublishEvent) => err(eventLine(e)) }),
      ...(progress ? { onUploadProgress: uploadBar } : {}),
    });
  } catch (e) {
    if (!(e instanceof PublishStepError)) throw e;
    return report(argv, { diagnostics: [...rendered.diagnostics, stepFailure(e)], plans: [] });
  }
  return report(argv, result);
}

async function report(argv: PublishArgs, result: PublishResult): Promise<number> {
  if (argv.summary) {
    await appendOutputFile(argv.summary, formatSummary({
      title: `offerkit publish --to service-catalog${argv.dryRun ? ' (dry run)' : ''}`,
      items: [{ name: argv.offer, path: argv.offer, diagnostics: result.diagnostics, packages: result.plans.map((p) => ({ plan: p.plan, version: p.version, path: `${p.action}: ${p.definitionId ?? p.definitionName}`, size: p.size, sha256: p.sha256 })) }],
    }));
  }
  if (argv.json) {
    printDiagnostics(result.diagnostics, { json: true, extra: { dryRun: argv.dryRun, ...(result.resourceGroup ? { resourceGroup: result.resourceGroup } : {}), plans: result.plans } });
    return exitCodeFor(result.diagnostics);
  }
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length) printDiagnostics(shown);
  for (const p of result.plans) {
    out(`${p.action.padEnd(12)} ${p.plan} v${p.version} → ${p.definitionName}\n`);
    out(`             ${p.definitionId}\n             ${p.portalUrl}\n`);
    for (const line of changeLines(p.changes)) out(`             ${line}\n`);
  }
  if (result.plans.length && argv.dryRun) out('Dry run: nothing was changed.\n');
  return exitCodeFor(result.diagnostics);
}

