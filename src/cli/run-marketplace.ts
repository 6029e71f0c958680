// The commercial marketplace from the command line: `publish --to marketplace` (draft, and --submit to preview),
// `marketplace status` and `marketplace go-live`. Progress on stderr as it happens, the outcome on stdout (or
// one JSON document with --json); tokens and SAS signatures never reach the output.

import type { RetrySettings } from '../azure/clients.js';
import type { CloudConfig } from '../azure/clouds.js';
import type { PartnerCenterClient } from '../azure/partner-center.js';
import type { TokenCredential } from '../azure/credential.js';
import { hasErrors, usageError, UserError } from '../diagnostics.js';
import { loadOffer } from '../offer/load-offer.js';
import type { Offer } from '../offer/model.js';
import type { FieldChange } from '../publish/marketplace/desired.js';
import type { MarketplaceEvent, MarketplaceResult } from '../publish/marketplace/publish.js';
import { renderAndValidateOffer } from '../pipeline/offer-pipeline.js';
import type { MarketplaceArgs } from './commands/marketplace.cjs';
import type { PublishArgs } from './commands/publish.cjs';
import { azureSetup } from './azure-setup.js';
import { eventLine, stepFailure, uploadBar } from './progress.js';
import { appendOutputFile, assertFileOutsideInputs, writeOutputFile } from '../fs/output-folder.js';
import { formatSummary } from '../format/summary.js';
import { err, exitCodeFor, out, printDiagnostics, useColor } from './output.js';

function seconds(value: number, flag: string, max: number): number {
  if (!(value >= 0) || value > max) throw usageError(`${flag} must be a number of seconds from 0 to ${max}.`);
  return Math.round(value * 1000);
}

export async function partnerCenter(argv: { partnerCenterEndpoint?: string; trace?: string } & Parameters<typeof azureSetup>[0], offer: Offer): Promise<{ cloud: CloudConfig; retry: RetrySettings; client: () => Promise<PartnerCenterClient>; writeTrace: () => Promise<void> }> {
  const endpoint = argv.partnerCenterEndpoint ?? offer.publish.marketplace.endpoint;
  // The trace file is refused up front when it would land in the offer (it never replaces an input).
  if (argv.trace) await assertFileOutsideInputs(argv.trace, [{ dir: offer.dir, label: 'the offer folder' }, { dir: offer.template.dir, label: 'the template set' }], '--trace');
  const azure = await azureSetup(argv, endpoint ? { partnerCenterEndpoint: endpoint } : {});
  let client: Promise<PartnerCenterClient> | undefined;
  let made: PartnerCenterClient | undefined;
  return {
    cloud: azure.cloud,
    retry: azure.retry,
    client: () => {
      client ??= (async () => {
        const credential: TokenCredential = await azure.credential();
        const { PartnerCenterClient } = await import('../azure/partner-center.js');
        made = await PartnerCenterClient.create({ endpoint: azure.cloud.partnerCenter.endpoint, scope: azure.cloud.partnerCenter.scope, credential, retry: azure.retry });
        if (argv.trace) made.trace = [];
        return made;
      })();
      return client;
    },
    // Written whole at the end, whatever happened (a trace matters most when something failed).
    writeTrace: async () => {
      if (!argv.trace) return;
      await writeOutputFile(argv.trace, (made?.trace ?? []).map((r) => JSON.stringify(r)).join('\n') + ((made?.trace ?? []).length ? '\n' : ''));
    },
  };
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > 90 ? `${one.slice(0, 87)}…` : one;
};

const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
};
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const quoted = (v: unknown): string => (typeof v === 'string' ? show(JSON.stringify(v)) : show(v));

/** The leaves that differ between two values: `path: from → to`, and `path: + item` / `path: − item` for lists. */
function leafLines(path: string, from: unknown, to: unknown, out: string[]): void {
  if (canonical(from) === canonical(to)) return;
  if (Array.isArray(from) && Array.isArray(to)) {
    if (from.length === to.length && to.every(isObj)) {
      to.forEach((t, i) => leafLines(`${path}[${i}]`, from[i], t, out));
      return;
    }
    const before = new Set(from.map(canonical));
    const after = new Set(to.map(canonical));
    for (const x of from) if (!after.has(canonical(x))) out.push(`${path}: − ${quoted(x)}`);
    for (const x of to) if (!before.has(canonical(x))) out.push(`${path}: + ${quoted(x)}`);
    if (before.size === after.size && [...before].every((x) => after.has(x))) out.push(`${path}: order ${quoted(from)} → ${quoted(to)}`);
    return;
  }
  if (isObj(from) && isObj(to)) {
    for (const k of [...new Set([...Object.keys(from), ...Object.keys(to)])]) leafLines(`${path}.${k}`, from[k], to[k], out);
    return;
  }
  out.push(`${path}: ${quoted(from)} → ${quoted(to)}`);
}

/** Field by field, down to the values that differ (at most eight lines per field). */
export function fieldChangeLines(changes: readonly FieldChange[]): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    const leaves: string[] = [];
    if (c.from === undefined && (Array.isArray(c.to) || isObj(c.to))) leaves.push(`${c.field}: ${show(c.to)}`);
    else leafLines(c.field, c.from ?? (Array.isArray(c.to) ? [] : undefined), c.to, leaves);
    lines.push(...leaves.slice(0, 8).map((l) => `${c.resource} · ${l}`));
    if (leaves.length > 8) lines.push(`${c.resource} · ${c.field}: … and ${leaves.length - 8} more differences`);
  }
  return lines;
}


/** `offerkit publish <offer> --to marketplace [--submit] [--dry-run]`. */
export async function runPublishMarketplace(argv: PublishArgs): Promise<number> {
  if (argv.storageAccount || argv.packageUrl || argv.inline) throw usageError('--storage-account, --package-url and --inline are for --to service-catalog; Partner Center takes the package itself.');
  const pollIntervalMs = seconds(argv.pollInterval, '--poll-interval', 3600);
  const waitTimeoutMs = seconds(argv.waitTimeout, '--wait-timeout', 7 * 24 * 3600);
  // Validation first, with everything Partner Center would refuse: an error stops here, before credentials.
  const rendered = await renderAndValidateOffer(argv.offer, argv.plan, { validation: { target: 'marketplace' } });
  if (!rendered.offer || hasErrors(rendered.diagnostics)) return report(argv, { diagnostics: rendered.diagnostics, changes: [], plans: [], writes: 0, upToDate: false });
  const pc = await partnerCenter(argv, rendered.offer);
  const { publishToMarketplace } = await import('../publish/marketplace/publish.js');
  const { PublishStepError } = await import('../publish/steps.js');
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
    return report(argv, { diagnostics: [...rendered.diagnostics, stepFailure(e)], changes: [], plans: [], writes: 0, upToDate: false });
  }
  await pc.writeTrace();
  return report(argv, result);
}

async function report(argv: PublishArgs, r: MarketplaceResult): Promise<number> {
  if (argv.summary) {
    await appendOutputFile(argv.summary, formatSummary({
      title: `offerkit publish --to marketplace${argv.dryRun ? ' (dry run)' : ''}`,
      items: [{ name: argv.offer, path: argv.offer, diagnostics: r.diagnostics, packages: r.plans.map((p) => ({ plan: p.plan, version: p.version, path: `${p.action}, package ${p.package.action}: ${p.package.fileName}`, size: p.package.size, sha256: p.package.sha256 })) }],
    }));
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
  if (r.submission) out(`Preview submission: ${r.submission.action}${r.submission.id ? ` (${r.submission.id}${r.submission.substate ? `, ${r.submission.substate}` : ''})` : ''}\n`);
  if (r.upToDate && !argv.dryRun) out('Up to date: Partner Center already holds this offer; nothing was written.\n');
  else if (argv.dryRun) out('Dry run: nothing was changed.\n');
  else if (!argv.submit) out('The draft is updated. Submit it to preview with --submit (the preview audience can then install it).\n');
  return 0;
}

/** `offerkit marketplace status|go-live <offer>`. */
export async function runMarketplace(argv: MarketplaceArgs): Promise<number> {
  const loaded = await loadOffer(argv.offer);
  if (!loaded.offer) throw new UserError(loaded.diagnostics, 1);
  const offer = loaded.offer;
  const pc = await partnerCenter(argv, offer);
  const client = await pc.client();
  try {
    return await marketplaceAction(argv, offer, client);
  } finally {
    await pc.writeTrace();
  }
}

async function marketplaceAction(argv: MarketplaceArgs, offer: Offer, client: PartnerCenterClient): Promise<number> {
  const { marketplaceStatus, goLive, GoLiveRefused, describePartnerCenterError } = await import('../publish/marketplace/lifecycle.js');
  const failed = (e: unknown, what: string): never => {
    const d = describePartnerCenterError(e);
    throw new UserError({ code: 'marketplace-failed', severity: 'error', message: `${what} failed: ${d.message}`, ...(d.hint ? { hint: d.hint } : {}) }, 1);
  };
  if (argv.action === 'status') {
    const status = await marketplaceStatus(client, offer).catch((e: unknown) => failed(e, 'Reading the offer from Partner Center'));
    if (argv.json) {
      printDiagnostics(status.diagnostics, { json: true, extra: { offer: status.offer, ...(status.product ? { product: status.product } : {}), plans: status.plans, submissions: status.submissions, ...(status.current ? { current: status.current } : {}) } });
      return exitCodeFor(status.diagnostics);
    }
    out(`${offer.id}${status.product ? ` (Partner Center product ${status.product.id})` : ': not in Partner Center yet'}\n`);
    if (status.plans.length) {
      out(`  ${'plan'.padEnd(16)} ${'draft'.padEnd(10)} ${'preview'.padEnd(10)} live\n`);
      for (const p of status.plans) out(`  ${p.plan.padEnd(16)} ${(p.draft ?? '—').padEnd(10)} ${(p.preview ?? '—').padEnd(10)} ${p.live ?? '—'}\n`);
    }
    if (status.current) {
      const c = status.current;
      out(`Current submission ${c.id}: ${c.stage} (${c.target ?? '?'} — ${c.state ?? '?'}${c.substate ? ` / ${c.substate}` : ''})\n`);
      for (const w of c.workflow) for (const s of w.steps) out(`  ${s.state.padEnd(12)} ${s.name}\n`);
      for (const r of c.reports) out(`  report ${r.status ?? ''} ${r.reportTimeInUtc ?? ''} ${r.fileUri ?? ''}\n`);
    }
    const shown = status.diagnostics.filter((d) => d.severity !== 'info' || !status.product);
    if (shown.length) printDiagnostics(shown);
    return exitCodeFor(status.diagnostics);
  }
  const pollIntervalMs = seconds(argv.pollInterval, '--poll-interval', 24 * 3600);
  const waitTimeoutMs = seconds(argv.waitTimeout, '--wait-timeout', 30 * 24 * 3600);
  try {
    const r = await goLive(client, offer, { wait: argv.wait, pollIntervalMs, waitTimeoutMs, ...(argv.json ? {} : { onEvent: (e) => err(`${e.status === 'done' ? '✓' : '…'} ${e.detail}\n`) }) });
    if (argv.json) out(`${JSON.stringify({ offer: offer.id, submission: r.submission, ...(r.live ? { live: r.live } : {}), diagnostics: [] }, null, 2)}\n`);
    else out(r.live ? `Live: submission ${r.live.id} (${r.live.substate ?? r.live.state}).\n` : `Submission ${r.submission.id} is going live; \`offerkit marketplace status\` follows it (or use --wait).\n`);
    return 0;
  } catch (e) {
    if (e instanceof GoLiveRefused) throw new UserError({ code: 'marketplace-not-ready', severity: 'error', message: e.message }, 1);
    if (e instanceof Error && !('status' in e)) throw new UserError({ code: 'marketplace-failed', severity: 'error', message: e.message }, 1);
    return failed(e, 'Going live');
  }
}
