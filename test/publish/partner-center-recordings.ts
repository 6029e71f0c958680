// What a recording of Partner Center (test/recordings/partner-center/*.json, made from `--trace` by
// `npm run record:partner-center`) proves about offerkit's client, in two ways:
// - read: every request body offerkit sent still fits the contract; every feature availability went with
//   $expand=MarketStates,PriceSchedules,Trial; every failure is in a shape offerkit reads; every submission is
//   in a state offerkit models; and what offerkit wrote, Partner Center answered and later showed the way
//   offerkit's comparison sees it — so a re-run against that service writes nothing again;
// - replayed: the client sends each recorded request, through its whole pipeline, to a server that answers
//   with the recorded answer, and must send what was recorded and read each answer as recorded.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkRequestBody } from '../../src/azure/partner-center-contract.js';
import { PartnerCenterClient, PartnerCenterError, parseFailure } from '../../src/azure/partner-center.js';
import { diffFields, type Fields } from '../../src/publish/marketplace/desired.js';
import { stageOf, type Submission } from '../../src/publish/marketplace/submission-state.js';
import { packagePath } from '../../src/paths.js';
import { parseRecording, type PartnerCenterRecording, type RecordedExchange } from '../../scripts/partner-center-recording.js';
import type { PartnerCenterReplay } from '../emulator/partner-center-replay.js';

export const RECORDINGS = packagePath('test', 'recordings', 'partner-center');

export function loadRecordings(dir = RECORDINGS): { name: string; recording: PartnerCenterRecording }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, recording: parseRecording(readFileSync(join(dir, f), 'utf8'), f) }));
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
};

/** Resources offerkit brings to what offer.yaml declares with a merged PUT (files and submissions move on by themselves). */
const RECONCILED = /\/(listings|properties|productavailabilities|featureavailabilities|packageconfigurations|variants)\/[^/?]+(\?|$)/i;
const FEATURE_AVAILABILITY = /\/featureavailabilities\/|\/featureAvailabilities\/getByInstanceID/i;
const EXPAND = ['MarketStates', 'PriceSchedules', 'Trial'];
const NOT_OWNED = new Set(['@odata.etag', 'id', 'resourceType']);

const expandOf = (path: string): string[] => (new URLSearchParams(path.split('?')[1] ?? '').get('$expand') ?? '').split(',').map((s) => s.trim());

/** The resources an answer shows: itself, or the items of a list. */
function resourcesIn(json: unknown): Json[] {
  if (!isObj(json)) return [];
  if (Array.isArray(json.value)) return json.value.filter((x): x is Json => isObj(x) && typeof x.id === 'string');
  return typeof json.id === 'string' ? [json] : [];
}

const isSubmission = (r: Json) => r.resourceType === 'Submission' || ('targets' in r && 'substate' in r);

/** The properties of a request body that came back unchanged from the service (its, not offerkit's). */
function serviceOwned(body: Json, seen: Map<string, Json>): Set<string> {
  const prior = typeof body.id === 'string' ? seen.get(body.id) : undefined;
  // As offerkit's merged PUT sees it: the resource type, id and etag are always the request's own.
  return new Set(Object.keys(body).filter((k) => !NOT_OWNED.has(k) && prior && k in prior && canonical(prior[k]) === canonical(body[k])));
}

/** Everything a recording shows that offerkit's client would get wrong (empty: nothing). */
export async function recordingProblems(rec: PartnerCenterRecording): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<string, Json>();
  const written = new Map<string, { fields: Fields; at: string }>();
  for (const [i, x] of rec.exchanges.entries()) {
    const at = `#${i + 1} ${x.method} ${x.path}`;
    if (FEATURE_AVAILABILITY.test(x.path)) {
      const missing = EXPAND.filter((p) => !expandOf(x.path).includes(p));
      if (missing.length) problems.push(`${at}: a feature availability ${x.method === 'PUT' ? 'written' : 'read'} without $expand naming ${missing.join(', ')} — Partner Center neither keeps nor returns those parts`);
    }
    const body = isObj(x.request) ? x.request : undefined;
    if (body) {
      try {
        await checkRequestBody(x.method, x.path, body, serviceOwned(body, seen));
      } catch (e) {
        problems.push(`${at}: ${(e as Error).message}`);
      }
    }
    if (x.status === 0) continue;
    if (x.status >= 400) {
      const f = parseFailure(x.response, x.status);
      if (x.response !== undefined && x.response !== '' && /^Http\d+$/.test(f.code)) problems.push(`${at}: Partner Center's refusal ${JSON.stringify(x.response).slice(0, 200)} is in a shape offerkit does not read (it would say only "HTTP ${x.status}")`);
      continue;
    }
    if (x.method === 'PUT' && body && typeof body.id === 'string' && RECONCILED.test(x.path)) {
      const prior = seen.get(body.id);
      const owned = Object.fromEntries(Object.entries(body).filter(([k, v]) => !NOT_OWNED.has(k) && (!prior || canonical(prior[k]) !== canonical(v)))) as Fields;
      if (Object.keys(owned).length) {
        const differs = diffFields(at, isObj(x.response) ? x.response : undefined, owned);
        if (differs.length) problems.push(`${at}: Partner Center answered the write with ${differs.map((d) => d.field).join(', ')} other than written — a re-run would write ${differs.length === 1 ? 'it' : 'them'} again`);
        written.set(body.id, { fields: owned, at });
      }
    }
    for (const r of resourcesIn(x.response)) {
      const id = r.id as string;
      const w = written.get(id);
      if (x.method === 'GET' && w) {
        const differs = diffFields(at, r, w.fields);
        if (differs.length) problems.push(`${at}: shows ${differs.map((d) => d.field).join(', ')} of ${id} other than written at ${w.at} — a re-run would write ${differs.length === 1 ? 'it' : 'them'} again`);
      }
      if (isSubmission(r) && stageOf(r as Submission) === 'unknown') problems.push(`${at}: submission ${id} is ${String(r.state)}/${String(r.substate)}, a state offerkit does not model`);
      seen.set(id, r);
    }
  }
  return problems;
}

const replayCredential = { getToken: () => Promise.resolve({ token: 'replay-token', expiresOnTimestamp: Date.now() + 3600_000 }) };

/** A client of the replay server, with short retries (a recorded 429 or 5xx is answered again on each retry). */
export function replayClient(endpoint: string): Promise<PartnerCenterClient> {
  return PartnerCenterClient.create({ endpoint, scope: 'https://api.partner.microsoft.com/.default', credential: replayCredential, retry: { maxRetries: 1, retryDelayMs: 10, maxRetryDelayMs: 20, timeoutMs: 15000 } });
}

async function send(client: PartnerCenterClient, x: RecordedExchange, seen: Map<string, Json>): Promise<unknown> {
  const body = isObj(x.request) ? x.request : undefined;
  if (x.method === 'GET') return client.get(x.path);
  if (x.method === 'PUT') return client.put(x.path, body ?? {}, body ? serviceOwned(body, seen) : undefined);
  if (x.method === 'POST') return client.post(x.path, x.request);
  if (x.method === 'DELETE') return client.delete(x.path);
  throw new Error(`a ${x.method} is not a request offerkit makes`);
}

/** The recording replayed through the client: what it sends and what it makes of each answer, against the record. */
export async function replayProblems(rec: PartnerCenterRecording, replay: PartnerCenterReplay, client: PartnerCenterClient): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<string, Json>();
  for (const [i, x] of rec.exchanges.entries()) {
    const at = `#${i + 1} ${x.method} ${x.path}`;
    // No answer (status 0) cannot be replayed, and a body cut short in the trace cannot be sent again.
    if (x.status === 0 || typeof x.request === 'string') continue;
    replay.expected = x;
    const from = replay.received.length;
    let got: { ok: unknown } | { error: unknown };
    try {
      got = { ok: await send(client, x, seen) };
    } catch (e) {
      got = { error: e };
    }
    const sent = replay.received.slice(from);
    if (!sent.length) problems.push(`${at}: the client sent nothing`);
    for (const s of sent) {
      if (s.method !== x.method || s.path !== x.path) problems.push(`${at}: the client sent ${s.method} ${s.path}`);
      else if (!isDeepStrictEqual(s.body, x.request)) problems.push(`${at}: the client sent a body other than recorded`);
    }
    if (x.status < 400) {
      if ('error' in got) problems.push(`${at}: the client failed on the recorded answer: ${(got.error as Error).message}`);
      else if (!isDeepStrictEqual(got.ok, x.response)) problems.push(`${at}: the client read the answer other than recorded`);
    } else if (!('error' in got) || !(got.error instanceof PartnerCenterError) || got.error.status !== x.status) {
      problems.push(`${at}: the recorded ${x.status} did not reach the caller as Partner Center's refusal`);
    }
    for (const r of resourcesIn(x.response)) seen.set(r.id as string, r);
  }
  return problems;
}
