// Every request body offerkit sends to Partner Center is checked, before it is sent, against the contract
// derived from Microsoft's ingestion swagger (schemas/partner-center.schema.json, compiled at build time).
// A body that does not fit is offerkit's own bug: it stops the run as an internal error that names the
// request and the field, and nothing is sent.

import { loadValidator, type SchemaError } from '../util/compiled-schema.js';

export class ContractViolation extends Error {
  /** Not the user's to fix: the command ends as an internal error. */
  readonly internal = true;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`offerkit built a Partner Center request that does not follow the API contract, so it was not sent: ${method} ${path}: ${problems.join('; ')}. This is a bug in offerkit; please report it with this message.`);
    this.name = 'ContractViolation';
  }
}

function describe(e: SchemaError): string {
  const at = e.instancePath || '(body)';
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at}: ${JSON.stringify(e.data)} is not one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'type') return `${at}: must be ${String(e.params.type)}, not ${Array.isArray(e.data) ? 'array' : e.data === null ? 'null' : typeof e.data}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/**
 * Checks `body` for `method path`. `serverOwned` names top-level properties that came back from Partner
 * Center itself in the resource being replaced (a merged PUT returns them untouched): those are the
 * service's, not offerkit's, and are not held against the contract.
 */
export async function checkRequestBody(method: string, path: string, body: unknown, serverOwned: ReadonlySet<string> = new Set()): Promise<void> {
  const validate = await loadValidator('partner-center');
  let checked = body;
  if (serverOwned.size && body && typeof body === 'object' && !Array.isArray(body)) {
    checked = Object.fromEntries(Object.entries(body).filter(([k]) => !serverOwned.has(k)));
  }
  if (validate(checked)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const problems = [...new Set(errors.map(describe))].slice(0, 5);
  throw new ContractViolation(method, path, problems.length ? problems : ['the body does not fit its resource type']);
}
