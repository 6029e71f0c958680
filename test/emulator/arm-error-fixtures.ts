// Error bodies as ARM has been seen to send them, kept in fixtures/arm-errors/ with where each was posted: the
// emulator answers with these shapes (names, ids and codes of the emulated deployment put in their place), not
// with the shape offerkit's client happens to expect. Each fixture holds the text as posted (`posted`, for the
// record) and the same body with {{placeholders}} (`body`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import type { ArmResponse } from './application-definitions.js';

export type ArmErrorFixture = 'policy-denied' | 'preflight-nested' | 'sku-not-available' | 'async-conflict' | 'deployment-failed' | 'appliance-failed' | 'authorization-failed' | 'marketplace-terms';

interface Fixture {
  source: string;
  status: number;
  body: unknown;
}

const cache = new Map<string, Fixture>();

function load(name: ArmErrorFixture): Fixture {
  let f = cache.get(name);
  if (!f) {
    f = JSON.parse(readFileSync(join(ROOT, 'test', 'emulator', 'fixtures', 'arm-errors', `${name}.json`), 'utf8')) as Fixture;
    cache.set(name, f);
  }
  return f;
}

/** Every {{key}} replaced: inside a string by the value's text, a whole "{{key}}" string by the value itself. */
function fill(node: unknown, values: Record<string, unknown>): unknown {
  if (typeof node === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(node);
    if (whole && whole[1] in values && typeof values[whole[1]] !== 'string') return values[whole[1]];
    return node.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
  }
  if (Array.isArray(node)) return node.map((x) => fill(x, values));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  return node;
}

/** The body of a fixture with the emulated values in place. */
export function armErrorBody(name: ArmErrorFixture, values: Record<string, unknown>): Record<string, unknown> {
  return fill(load(name).body, values) as Record<string, unknown>;
}

/** A response: the fixture's status and filled body. */
export function armErrorResponse(name: ArmErrorFixture, values: Record<string, unknown>): ArmResponse {
  return { status: load(name).status, body: armErrorBody(name, values) };
}

/**
 * A provider's error as ARM nests it in a deployment's failure details: JSON text, CRLF line breaks and two-space
 * indentation, inside a detail's message (the posted shape), or — the switch — as a structured detail.
 */
export function providerErrorDetail(statusCode: string, error: { code: string; message: string; target?: string }, shape: 'json-in-message' | 'structured'): Record<string, unknown> {
  if (shape === 'structured') return { code: error.code, ...(error.target ? { target: error.target } : {}), message: error.message };
  return { code: statusCode, message: JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2).replace(/\n/g, '\r\n') };
}
