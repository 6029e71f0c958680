// `offerkit changes`: each offer rendered now, the baseline it is compared with, and the comparison printed as
// text, Markdown or JSON. Exit 1 when a plan's version does not reflect its changes (the same verdict the
// version-reflects-changes rule gives) or a baseline cannot be read, 0 otherwise: changes are not failures.

import { existsSync } from 'node:fs';
import { UserError, hasErrors, usageError, type Diagnostic } from '../../diagnostics.js';
import { currentFacts, type Baseline } from '../../changes/baseline.js';
import { runOfferPipeline } from '../../pipeline/offer-pipeline.js';
import { compareWithBaseline, localBaseline, VERSION_ERRORS, type OfferChanges } from '../../changes/offer-changes.js';
import { changesJson, formatChangesMarkdown, formatChangesStylish } from '../../changes/format-changes.js';
import type { Offer } from '../../offer/model.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { appendOutputFile, writeOutputFile } from '../../fs/output-file.js';
import { clipped } from '../../format/terminal-safe.js';
import { stableJson } from '../../util/stable-json.js';
import { azureSetup } from '../azure-setup.js';
import { findOfferDirs } from '../offer-dirs.js';
import { checkReportFiles, checkReportsOutsideInputs } from '../ci-outputs.js';
import { err, out, printDiagnostics, useColor } from '../output.js';
import { partnerCenter } from '../partner-center-session.js';
import type { AzureArgs } from '../azure-options.cjs';

/** The command line of `offerkit changes` as yargs parses it (declared here, used by commands/changes.cts). */
export interface ChangesArgs extends AzureArgs {
  offers: string[];
  since: string;
  plan: string[];
  format: 'stylish' | 'json' | 'markdown';
  out?: string;
  summary?: string;
  partnerCenterEndpoint?: string;
}

const PUBLISHED = /^(service-catalog|marketplace|marketplace:preview)$/;

const failed = (what: string) => (e: unknown): never => {
  if (e instanceof UserError) throw e;
  throw new UserError({ code: 'changes-baseline-failed', severity: 'error', message: `${what} failed: ${(e as Error).message}` }, 1);
};

async function publishedBaseline(argv: ChangesArgs, offer: Offer): Promise<Baseline> {
  if (argv.since === 'service-catalog') {
    const scope = resolveScope(argv, offer.publish.serviceCatalog);
    if (!scope.resourceGroup) throw usageError('--since service-catalog needs the resource group of the definitions: pass --resource-group <name>.', 'Or set publish.serviceCatalog.resourceGroup in offer.yaml.');
    const azure = await azureSetup(argv, offer.publish.serviceCatalog);
    const { serviceCatalogBaseline } = await import('../../publish/published-baseline.js');
    const ctx = { cloud: azure.cloud, credential: await azure.credential(), subscription: scope.subscription, retry: azure.retry };
    return serviceCatalogBaseline(offer, argv.plan, ctx, scope.resourceGroup).catch(failed('Reading the service-catalog definitions'));
  }
  const target = argv.since === 'marketplace:preview' ? 'preview' : 'live';
  const pc = await partnerCenter(argv, offer);
  const { marketplaceBaseline } = await import('../../publish/published-baseline.js');
  const { describePartnerCenterError } = await import('../../azure/partner-center.js');
  return marketplaceBaseline(offer, argv.plan, await pc.client(), target).catch((e: unknown) => {
    if (e instanceof UserError) throw e;
    const d = describePartnerCenterError(e);
    throw new UserError({ code: 'changes-baseline-failed', severity: 'error', message: `Reading the offer from Partner Center failed: ${d.message}`, ...(d.hint ? { hint: d.hint } : {}) }, 1);
  });
}

async function compareOffer(argv: ChangesArgs, dir: string): Promise<{ result?: OfferChanges; diagnostics: Diagnostic[] }> {
  // Rendered as build renders it (README and all), so the package hashes match what was published.
  const now = await currentFacts(dir, argv.plan, (d, p) => runOfferPipeline(d, p, { validate: false }));
  if (!now.offer || hasErrors(now.diagnostics)) return { diagnostics: now.diagnostics.filter((d) => d.severity !== 'info') };
  const offer = now.offer;
  const baseline = PUBLISHED.test(argv.since) ? await publishedBaseline(argv, offer) : await localBaseline(argv.since, dir, offer, argv.plan);
  const result = compareWithBaseline(offer, now.plans, baseline, argv.plan);
  const diagnostics = result.diagnostics.filter((d) => d.severity !== 'info');
  // A baseline that gave nothing because it could not be read is not a comparison.
  if (hasErrors(diagnostics) && baseline.plans.size === 0) return { diagnostics };
  return { result, diagnostics };
}

export async function runChanges(argv: ChangesArgs): Promise<number> {
  const json = argv.json || argv.format === 'json';
  if (argv.since.startsWith("marketplace:") && !PUBLISHED.test(argv.since)) throw usageError(`--since ${clipped(argv.since)}: use marketplace (what is live) or marketplace:preview.`);
  const dirs = argv.offers.length ? argv.offers : existsSync('offers') ? await findOfferDirs() : ['.'];
  if (!dirs.length) throw usageError('No offer under offers/: name an offer folder.');
  const reports = { out: argv.out, summary: argv.summary };
  checkReportFiles(reports, json ? (argv.json ? '--json' : '--format json') : undefined);
  await checkReportsOutsideInputs(reports, dirs.map((dir) => ({ dir, label: 'the offer folder' })));
  const results: OfferChanges[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of dirs) {
    const r = await compareOffer(argv, dir);
    if (r.result) results.push(r.result);
    diagnostics.push(...r.diagnostics);
  }
  const markdown = () => results.map(formatChangesMarkdown).join('\n');
  const text = json
    ? stableJson({ offers: results.map(changesJson), diagnostics })
    : argv.format === 'markdown'
      ? markdown()
      : results.map((r) => formatChangesStylish(r, !argv.out && useColor())).join('\n');
  if (argv.out) await writeOutputFile(argv.out, json || argv.format === 'markdown' ? text : results.map((r) => formatChangesStylish(r, false)).join('\n'), { option: '--out', channel: json ? 'json' : 'text' });
  if (argv.summary) await appendOutputFile(argv.summary, `${markdown() || '## What changes\n\nNo offer could be compared; see the findings in the log.\n'}\n`, { option: '--summary', channel: 'text' });
  out(text, json ? 'json' : 'text');
  if (!json && diagnostics.length) {
    if (results.length) err('\n');
    printDiagnostics(diagnostics, { json: false });
  }
  return results.some((r) => r.plans.some((p) => VERSION_ERRORS.has(p.verdict))) || hasErrors(diagnostics) ? 1 : 0;
}

export { runCommand } from '../output.js';
