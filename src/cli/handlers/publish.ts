// `offerkit publish`: settings from flags and the offer, the publish itself, and what it prints — progress on
// stderr as it happens, the outcome per plan on stdout (or one JSON document with --json). Secrets never
// reach the output: SAS signatures, keys and tokens are redacted on the way out.

import { renderAndValidateOffer } from '../../pipeline/offer-pipeline.js';
import { hasErrors, usageError } from '../../diagnostics.js';
import type { PublishEvent, PublishResult } from '../../publish/service-catalog/publish.js';
import { resolveTarget } from '../../publish/service-catalog/settings.js';
import { registerSecret } from '../../util/redact.js';
import { azureSetup } from '../azure-setup.js';
import { eventLine, stepFailure, uploadBar } from '../progress.js';
import { appendOutputFile, checkAppendFile } from '../../fs/output-file.js';
import { formatSummary } from '../../format/summary.js';
import { err, exitCodeFor, out, printDiagnostics, routeReports, useColor } from '../output.js';
import { changeLines } from '../show-changes.js';
import { fieldChangeLines, partnerCenter, seconds } from '../partner-center-session.js';
import type { MarketplaceEvent, MarketplaceResult } from '../../publish/marketplace/publish.js';
import type { AzureArgs } from '../azure-options.cjs';

/** The command line of `offerkit publish` as yargs parses it (declared here, used by commands/publish.cts). */
export interface PublishArgs extends AzureArgs {
  offer: string;
  to: 'service-catalog' | 'marketplace';
  plan: string[];
  storageAccount?: string;
  storageAccountKey?: string;
  packageUrl?: string;
  inline: boolean;
  dryRun: boolean;
  submit: boolean;
  partnerCenterEndpoint?: string;
  pollInterval: number;
  waitTimeout: number;
  summary?: string;
  trace?: string;
}

export async function runPublish(argv: PublishArgs): Promise<number> {
  routeReports({ '--summary': argv.summary }, argv.json ? { machineOutput: '--json' } : {});
  if (argv.summary) await checkAppendFile(argv.summary, { option: '--summary', channel: 'text' });
  if (argv.to === 'marketplace') return runPublishMarketplace(argv);
  if (argv.submit) throw usageError('--submit is for --to marketplace (a service-catalog definition is live as soon as it is written).');
  if (argv.trace) throw usageError('--trace records Partner Center requests: it is for --to marketplace.');
  registerSecret(argv.storageAccountKey);
  const rendered = await renderAndValidateOffer(argv.offer, argv.plan, { validation: { target: 'service-catalog' } });
  if (!rendered.offer || hasErrors(rendered.diagnostics)) return report(argv, { diagnostics: rendered.diagnostics, plans: [] });
  const target = resolveTarget(argv, rendered.offer.publish.serviceCatalog);
  const azure = await azureSetup(argv, target);
  const { publishToServiceCatalog, PublishStepError } = await import('../../publish/service-catalog/publish.js');
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
    }), { option: '--summary', channel: 'text' });
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

/** `offerkit publish <offer> --to marketplace [--submit] [--dry-run]`. */
export async function runPublishMarketplace(argv: PublishArgs): Promise<number> {
  if (argv.storageAccount || argv.packageUrl || argv.inline) throw usageError('--storage-account, --package-url and --inline are for --to service-catalog; Partner Center takes the package itself.');
  const pollIntervalMs = seconds(argv.pollInterval, '--poll-interval', 3600);
  const waitTimeoutMs = seconds(argv.waitTimeout, '--wait-timeout', 7 * 24 * 3600);
  // Validation first, with everything Partner Center would refuse: an error stops here, before credentials.
  const rendered = await renderAndValidateOffer(argv.offer, argv.plan, { validation: { target: 'marketplace' } });
  if (!rendered.offer || hasErrors(rendered.diagnostics)) return reportMarketplace(argv, { diagnostics: rendered.diagnostics, changes: [], plans: [], writes: 0, upToDate: false });
  const pc = await partnerCenter(argv, rendered.offer);
  const { publishToMarketplace } = await import('../../publish/marketplace/publish.js');
  const { PublishStepError } = await import('../../publish/steps.js');
  let result: MarketplaceResult;
  try {
    result = await publishToMarketplace({
      rendered,
      client: pc.client,
      dryRun: argv.dryRun,
      submit: argv.submit,
      retry: pc.retry,
      pollIntervalMs,
      waitTimeoutMs,
      ...(argv.json ? {} : { onEvent: (e: MarketplaceEvent) => err(eventLine(e, 30)) }),
      ...(!argv.json && useColor(process.stderr) ? { onUploadProgress: uploadBar } : {}),
    });
  } catch (e) {
    await pc.writeTrace();
    if (!(e instanceof PublishStepError)) throw e;
    return reportMarketplace(argv, { diagnostics: [...rendered.diagnostics, stepFailure(e)], changes: [], plans: [], writes: 0, upToDate: false });
  }
  await pc.writeTrace();
  return reportMarketplace(argv, result);
}

async function reportMarketplace(argv: PublishArgs, r: MarketplaceResult): Promise<number> {
  if (argv.summary) {
    await appendOutputFile(argv.summary, formatSummary({
      title: `offerkit publish --to marketplace${argv.dryRun ? ' (dry run)' : ''}`,
      items: [{ name: argv.offer, path: argv.offer, diagnostics: r.diagnostics, packages: r.plans.map((p) => ({ plan: p.plan, version: p.version, path: `${p.action}, package ${p.package.action}: ${p.package.fileName}`, size: p.package.size, sha256: p.package.sha256 })) }],
    }), { option: '--summary', channel: 'text' });
  }
  if (argv.json) {
    printDiagnostics(r.diagnostics, { json: true, extra: { target: 'marketplace', dryRun: argv.dryRun, upToDate: r.upToDate, writes: r.writes, ...(r.product ? { product: r.product } : {}), plans: r.plans, changes: r.changes, ...(r.submission ? { submission: r.submission } : {}) } });
    return exitCodeFor(r.diagnostics);
  }
  const shown = r.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length) printDiagnostics(shown);
  if (hasErrors(r.diagnostics)) return 1;
  if (r.product) out(`Partner Center offer ${r.product.id ?? '(new)'}: ${r.product.action}\n`);
  for (const p of r.plans) out(`${p.action.padEnd(13)} ${p.plan} v${p.version}  package ${p.package.action}${p.variantId ? `  (plan ${p.variantId})` : ''}\n`);
  if (r.changes.length) {
    out(`${argv.dryRun ? 'Would change' : 'Changed'}:\n`);
    for (const line of fieldChangeLines(r.changes)) out(`  ${line}\n`);
  }
  for (const c of r.submission?.cancelled ?? []) out(`${argv.dryRun ? 'Would cancel' : 'Cancelled'} submission ${c.id} (${c.stage}: ${c.reason})\n`);
  if (r.submission) out(`Preview submission: ${r.submission.action}${r.submission.id ? ` (${r.submission.id}${r.submission.substate ? `, ${r.submission.substate}` : ''}${r.submission.stage === 'being created' ? ', still being created' : ''})` : ''}\n`);
  if (r.upToDate && !argv.dryRun) out('Up to date: Partner Center already holds this offer; nothing was written.\n');
  else if (argv.dryRun) out('Dry run: nothing was changed.\n');
  else if (!argv.submit) out('The draft is updated. Submit it to preview with --submit (the preview audience can then install it).\n');
  return 0;
}

export { runCommand } from '../output.js';
