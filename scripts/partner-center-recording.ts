// A Partner Center recording: the exchanges of one offerkit run with Partner Center (`--trace <file>`, one JSON
// line per request), made into a test fixture. Kept: each request's method, path and body and each answer's
// status and body, in order. Dropped: times, durations and the request ids (they say nothing about the
// contract). Secrets are removed again, whatever the trace holds — tokens, SAS signatures, account keys,
// connection strings, passwords and client secrets — and a recording in which anything still looks like one is
// refused rather than written. test/publish/marketplace-recordings.test.ts replays every recording under
// test/recordings/partner-center/ against offerkit's client; scripts/record-partner-center.ts writes one.

import { redact } from '../src/util/redact.js';

export interface RecordedExchange {
  method: string;
  /** The request's path and query below the API's base (`/products/{id}/…`), as the trace gives it. */
  path: string;
  /** The answer's HTTP status (0: no answer arrived). */
  status: number;
  request?: unknown;
  response?: unknown;
}

export interface PartnerCenterRecording {
  recording: 'partner-center-v1';
  /** Where the exchanges come from: the service (an ISV's traced run) or offerkit's emulator. */
  source: string;
  note?: string;
  exchanges: RecordedExchange[];
}

/** Property names whose string values are secrets wherever they appear (lead destinations carry some). */
const SECRET_NAMES = /^(password|clientsecret|client_secret|secret|accountkey|sharedaccesskey|connectionstring|securitytoken|accesstoken|refreshtoken|token|apikey|authorization)$/i;

/** What must never be in a recording, after redaction. */
const LEFT_OVER: [string, RegExp][] = [
  ['a JSON web token', /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./],
  ['a SAS signature', /[?&;]sig=(?!\*\*\*)[^&\s"']+/i],
  ['an account key', /AccountKey=(?!\*\*\*)[^;\s"']+/i],
  ['a bearer token', /Bearer\s+(?!\*\*\*)[A-Za-z0-9\-._~+/]{8,}/],
];

function scrub(value: unknown, name = ''): unknown {
  if (typeof value === 'string') return SECRET_NAMES.test(name) && value ? '***' : redact(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k)]));
  return value;
}

/** The kinds of secret still in `text` (none, for a recording that may be written). */
export function secretsLeft(text: string): string[] {
  return LEFT_OVER.filter(([, re]) => re.test(text)).map(([what]) => what);
}

export class RecordingError extends Error {}

/** A recording of the exchanges in a `--trace` file's text (JSON lines). */
export function recordingFromTrace(text: string, o: { source: string; note?: string }): PartnerCenterRecording {
  const exchanges: RecordedExchange[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new RecordingError(`line ${i + 1} is not JSON: a --trace file holds one JSON object per line`);
    }
    if (!r || typeof r !== 'object' || typeof r.method !== 'string' || typeof r.path !== 'string' || typeof r.status !== 'number') {
      throw new RecordingError(`line ${i + 1} is not an exchange of offerkit's --trace (method, path and status are required)`);
    }
    exchanges.push({
      method: r.method.toUpperCase(),
      path: redact(r.path),
      status: r.status,
      ...(r.request !== undefined ? { request: scrub(r.request) } : {}),
      ...(r.response !== undefined ? { response: scrub(r.response) } : {}),
    });
  });
  if (!exchanges.length) throw new RecordingError('the trace holds no exchange');
  const recording: PartnerCenterRecording = { recording: 'partner-center-v1', source: o.source, ...(o.note ? { note: o.note } : {}), exchanges };
  const left = secretsLeft(JSON.stringify(recording));
  if (left.length) throw new RecordingError(`after redaction the recording still holds ${left.join(', ')}; nothing was written`);
  return recording;
}

/** A recording as a file: its description indented, then one exchange a line (diffs show which exchange changed). */
export function formatRecording(r: PartnerCenterRecording): string {
  const head = JSON.stringify({ recording: r.recording, source: r.source, ...(r.note ? { note: r.note } : {}) }, null, 2).replace(/\n}$/, '');
  return `${head},\n  "exchanges": [\n${r.exchanges.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]\n}\n`;
}

/** A recording as it is read back (refused when it is not one). */
export function parseRecording(text: string, name: string): PartnerCenterRecording {
  const r = JSON.parse(text) as PartnerCenterRecording;
  if (r?.recording !== 'partner-center-v1' || !Array.isArray(r.exchanges)) throw new RecordingError(`${name} is not a Partner Center recording (recording: partner-center-v1)`);
  return r;
}
