// `offerkit marketplace status|go-live <offer>`: what Partner Center holds in draft, preview and live, and
// taking the preview live. Progress on stderr as it happens, the outcome on stdout (or one JSON document with
// --json); tokens and SAS signatures never reach the output.

import type { PartnerCenterClient } from '../../azure/partner-center.js';
import { UserError } from '../../diagnostics.js';
import { loadOffer } from '../../offer/load-offer.js';
import type { Offer } from '../../offer/model.js';
import { err, exitCodeFor, out, printDiagnostics } from '../output.js';
import { partnerCenter, seconds } from '../partner-center-session.js';
import type { AzureArgs } from '../azure-options.cjs';

/** The command line of `offerkit marketplace` as yargs parses it (declared here, used by commands/marketplace.cts). */
export interface MarketplaceArgs extends AzureArgs {
  action: 'status' | 'go-live';
  offer: string;
  wait: boolean;
  partnerCenterEndpoint?: string;
  pollInterval: number;
  waitTimeout: number;
  trace?: string;
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
  const { marketplaceStatus, goLive, GoLiveRefused, describePartnerCenterError } = await import('../../publish/marketplace/lifecycle.js');
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
      out(`Current submission ${c.id}: ${c.stage} (${c.target ?? '?'} — ${c.state ?? '?'}${c.substate ? ` / ${c.substate}` : ''})${c.stage === 'stuck in draft' && c.pendingUpdate?.failureReason ? `: ${c.pendingUpdate.failureReason}` : ''}\n`);
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

export { runCommand } from '../output.js';
