// What the Partner Center emulator accepts: request bodies checked against Microsoft's v1 ingestion swagger
// (../shared/reference/partner-center/…/Partner_Ingestion_SwaggerDocument.json, compiled here with ajv through
// the same derivation as offerkit's contract), unknown properties and wrong enums refused with the error
// shape the live service answers with (recorded: a JSON string "ICH50400 - Unable to complete request. {…}").
// Without ../shared the committed derivation (schemas/partner-center.schema.json) stands in; a test checks
// the two agree.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePartnerCenterSchema } from '../../scripts/partner-center-contract.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');
export const SWAGGER_PATH = join(root, '..', 'shared', 'reference', 'partner-center', 'az-partner-center-cli', 'Partner_Ingestion_SwaggerDocument.json');

let compiled: { validate: ValidateFunction; source: 'swagger' | 'committed' } | undefined;

export function contractSource(): 'swagger' | 'committed' {
  return load().source;
}

function load(): { validate: ValidateFunction; source: 'swagger' | 'committed' } {
  if (compiled) return compiled;
  const fromSwagger = existsSync(SWAGGER_PATH);
  const schema = fromSwagger ? derivePartnerCenterSchema(JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as Parameters<typeof derivePartnerCenterSchema>[0]) : (JSON.parse(readFileSync(join(root, 'schemas', 'partner-center.schema.json'), 'utf8')) as object);
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  compiled = { validate: ajv.compile(schema), source: fromSwagger ? 'swagger' : 'committed' };
  return compiled;
}

function field(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') return path ? `${path}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty);
  return path || 'body';
}

function why(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `Could not find member '${String(e.params.additionalProperty)}' on the type.`;
  if (e.keyword === 'enum') return `The value is not valid. Allowed: ${(e.params.allowedValues as unknown[]).join(', ')}.`;
  if (e.keyword === 'type') return `Error converting value to type ${String(e.params.type)}.`;
  return e.message ?? 'The value is not valid.';
}

/** The live service's refusal: HTTP 400 with a JSON string body carrying a fault code, a correlation id and the fields. */
export function serviceRefusal(data: Record<string, string[]>): { status: number; body: string } {
  const inner = { faultCode: 50400, reasonPhrase: 'Request validation failed.', correlationId: randomUUID(), operationId: randomUUID().replace(/-/g, ''), data };
  return { status: 400, body: `ICH50400 - Unable to complete request. ${JSON.stringify(inner)}` };
}

/** undefined when the body fits the contract of its resourceType; else the fields and why, as the service says it. */
export function contractProblems(body: unknown): Record<string, string[]> | undefined {
  const { validate } = load();
  if (validate(body)) return undefined;
  const out: Record<string, string[]> = {};
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if') continue;
    (out[field(e)] ??= []).push(why(e));
  }
  return Object.keys(out).length ? out : { body: ['The request is not valid.'] };
}
