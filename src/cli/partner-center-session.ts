// A Partner Center session for the commands that talk to it (publish --to marketplace, marketplace,
// changes --since marketplace): the client, signed in lazily, and the --trace file; and how a field change reads.

import type { RetrySettings } from '../azure/clients.js';
import type { CloudConfig } from '../azure/clouds.js';
import type { PartnerCenterClient } from '../azure/partner-center.js';
import type { TokenCredential } from '../azure/credential.js';
import { usageError } from '../diagnostics.js';
import type { Offer } from '../offer/model.js';
import type { FieldChange } from '../publish/marketplace/desired.js';
import { azureSetup } from './azure-setup.js';
import { assertFileOutsideInputs } from '../fs/output-folder.js';
import { checkOutputFile, writeOutputFile } from '../fs/output-file.js';
import { routeReports } from './output.js';

export function seconds(value: number, flag: string, max: number): number {
  if (!(value >= 0) || value > max) throw usageError(`${flag} must be a number of seconds from 0 to ${max}.`);
  return Math.round(value * 1000);
}

export async function partnerCenter(argv: { partnerCenterEndpoint?: string; trace?: string } & Parameters<typeof azureSetup>[0], offer: Offer): Promise<{ cloud: CloudConfig; retry: RetrySettings; client: () => Promise<PartnerCenterClient>; writeTrace: () => Promise<void> }> {
  const endpoint = argv.partnerCenterEndpoint ?? offer.publish.marketplace.endpoint;
  // The trace file is refused up front when it would land in the offer (it never replaces an input).
  if (argv.trace) {
    routeReports({ '--trace': argv.trace }, argv.json ? { machineOutput: '--json' } : {});
    await assertFileOutsideInputs(argv.trace, [{ dir: offer.dir, label: 'the offer folder' }, { dir: offer.template.dir, label: 'the template set' }], '--trace');
    await checkOutputFile(argv.trace, { option: '--trace', channel: 'json' });
  }
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
      await writeOutputFile(argv.trace, (made?.trace ?? []).map((r) => JSON.stringify(r)).join('\n') + ((made?.trace ?? []).length ? '\n' : ''), { option: '--trace', channel: 'json' });
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

