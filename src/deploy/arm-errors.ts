// ARM's errors, said against the package. ARM nests them (InvalidTemplateDeployment → details → …), and a
// provider's own error often arrives only as JSON text inside a detail's message ("Conflict": "{ \"error\":
// { \"code\": \"StorageAccountAlreadyTaken\" … } }", as posted in Azure/azure-cli#336): each first-hand error is
// found and said once. The resource it names — by evaluated name in `target` (Azure/azure-cli#6075:
// "target": "sqlserverdrmtcefs35ypg"), by id in a target or inside the message (SkuNotAvailable,
// microsoft/PartsUnlimitedMRP#133), or as a failed operation's target resource — is placed on the resource of
// mainTemplate.json that has that name where it is deployed (resource-names.ts), with line and column; when
// several resources could have it, or none can be named before deploying, the message says so.

import type { Diagnostic } from '../diagnostics.js';
import type { JsonSource } from '../util/json-source.js';
import { redact } from '../util/redact.js';
import { textOf } from '../util/text-of.js';
import type { ResourceName } from './resource-names.js';

export interface ArmError {
  code?: string;
  message?: string;
  target?: string;
  details?: ArmError[];
  additionalInfo?: { type?: string; info?: unknown }[];
}

export interface TemplateFile {
  source: JsonSource;
  display: string;
}

/** What placing an error needs: the template and the names its resources will have. */
export interface Placement {
  template: TemplateFile;
  names: ResourceName[];
}

const MAX_ID = 4096;

/** The first resource id quoted in a message ('/subscriptions/…/providers/…'), found in one pass. */
function quotedId(message: string): string | undefined {
  for (let at = message.indexOf("'/subscriptions/"); at >= 0; at = message.indexOf("'/subscriptions/", at + 1)) {
    const end = message.indexOf("'", at + 1);
    if (end < 0) return undefined;
    const id = message.slice(at + 1, end);
    if (id.includes('/providers/') && id.length <= MAX_ID) return id;
  }
  return undefined;
}

/** Type and name of a resource id: `/…/providers/Microsoft.Storage/storageAccounts/st1` → [Microsoft.Storage/storageAccounts, st1]. */
export function typeAndName(id: string): { type: string; name: string } | undefined {
  // ARM ids are short; a longer text is not one (and is not scanned).
  if (id.length > MAX_ID) return undefined;
  const m = /\/providers\/([^/]+)\/([^'"\s]+)$/i.exec(id.replace(/\/+$/, ''));
  if (!m) return undefined;
  // An extension resource (…/providers/A/x/y/providers/B/z/w) is the last provider's.
  const last = m[2].lastIndexOf('/providers/');
  const [namespace, rest] = last >= 0 ? [m[2].slice(last + 11).split('/')[0], m[2].slice(last + 11).split('/').slice(1).join('/')] : [m[1], m[2]];
  const parts = rest.split('/');
  if (parts.length % 2 || !parts.length) return undefined;
  return { type: `${namespace}/${parts.filter((_, i) => i % 2 === 0).join('/')}`, name: parts.filter((_, i) => i % 2 === 1).join('/') };
}

/** A JSON error held as text in a message (`{"error":{…}}` or `{"status":…,"error":{…}}`), if it is one. */
function embedded(message: string | undefined): ArmError | undefined {
  const text = message?.trim();
  if (!text?.startsWith('{') || text.length > 1_000_000) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: ArmError };
    return parsed && typeof parsed === 'object' && parsed.error && typeof parsed.error === 'object' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

export interface LeafError {
  code: string;
  message: string;
  /** The resource it names (a target, an id in its message, or the operation's resource). */
  target?: string;
  /** The HTTP status an operation reported (Conflict, BadRequest), when the provider's error was wrapped in it. */
  statusCode?: string;
}

/** The first-hand errors of an ARM error: nested details followed, JSON text in messages opened, each once. */
export function leafErrors(error: ArmError, inherited?: string, depth = 0): LeafError[] {
  const inner = embedded(error.message);
  const target = error.target || inherited;
  if (inner && depth < 8) return leafErrors(inner, target, depth + 1).map((l) => ({ ...l, ...(error.code && !l.statusCode ? { statusCode: error.code } : {}) }));
  if (error.details?.length && depth < 8) {
    const out = error.details.flatMap((d) => leafErrors(d, target, depth + 1));
    if (out.length) return out;
  }
  return [{ code: textOf(error.code) || 'error', message: textOf(error.message), ...(target ? { target } : {}) }];
}

/** An error's key for "each failure once": its code and what it names (case-insensitive). */
export function leafKey(l: LeafError): string {
  const named = l.target ? (typeAndName(l.target)?.name ?? l.target) : '';
  return `${l.code}|${named}`.toLowerCase();
}

type Placed = { kind: 'one'; at: ResourceName; type: string; name: string } | { kind: 'several'; candidates: ResourceName[]; type?: string; name: string } | { kind: 'unnamed'; candidates: ResourceName[]; type: string; name: string } | { kind: 'none'; type?: string; name?: string };

/** The resource of the template a target (a name or an id) or a message (holding an id) designates. */
export function place(names: ResourceName[], target?: string, message?: string, known?: { type: string; name: string }): Placed {
  let what = known;
  if (!what && target) what = target.includes('/providers/') ? typeAndName(target) : { type: '', name: target };
  if (!what && message) {
    const id = quotedId(message);
    if (id) what = typeAndName(id);
  }
  if (!what?.name) return { kind: 'none' };
  const { type, name } = what;
  const ofType = type ? names.filter((n) => n.type.toLowerCase() === type.toLowerCase()) : names;
  const lowerName = name.toLowerCase();
  const last = lowerName.split('/').pop()!;
  let matches = ofType.filter((n) => n.names?.some((x) => x.toLowerCase() === lowerName));
  if (!matches.length && !name.includes('/')) matches = ofType.filter((n) => n.names?.some((x) => x.toLowerCase().split('/').pop() === last));
  if (matches.length === 1) return { kind: 'one', at: matches[0], type: type || matches[0].type, name };
  if (matches.length > 1) return { kind: 'several', candidates: matches, ...(type ? { type } : {}), name };
  const unnamed = ofType.filter((n) => !n.names);
  // The only resource of the type in the template: the error is about it, whatever its name turns out to be.
  if (type && ofType.length === 1) return { kind: 'one', at: ofType[0], type, name };
  if (type && unnamed.length) return { kind: 'unnamed', candidates: unnamed, type, name };
  return { kind: 'none', ...(type ? { type } : {}), name };
}

const lineOf = (template: TemplateFile, n: ResourceName) => template.source.locate(n.pointer)?.line;

/** A diagnostic for one first-hand ARM error, placed on its resource when the template tells which it is. */
export function leafDiagnostic(leaf: LeafError, where: Placement, code: string, known?: { type: string; name: string }): Diagnostic {
  const p = place(where.names, leaf.target, leaf.message, known);
  const subject = p.kind === 'none' ? (p.name ? `${p.type ? `${p.type} ` : ''}${p.name}` : 'the deployment') : `${p.type ? `${p.type} ` : ''}${p.name}`;
  const base = { code, severity: 'error' as const, message: redact(`ARM ${leaf.code} for ${subject}: ${leaf.message || 'no message'}`), file: where.template.display };
  if (p.kind === 'one') {
    const pos = where.template.source.locate(p.at.pointer);
    return { ...base, pointer: p.at.pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  }
  const lines = (list: ResourceName[]) => list.map((n) => lineOf(where.template, n)).filter((l) => l !== undefined).join(', ');
  if (p.kind === 'several') return { ...base, hint: `${p.candidates.length} resources of ${where.template.display} can have the name ${p.name} (lines ${lines(p.candidates)}): ARM's answer does not tell which.` };
  if (p.kind === 'unnamed') return { ...base, hint: `Not placed: the name of ${p.candidates.length === 1 ? 'the' : p.candidates.length} ${p.type} resource${p.candidates.length === 1 ? '' : 's'} at line${p.candidates.length === 1 ? '' : 's'} ${lines(p.candidates)} needs a value known only at run time (reference(), list*()), so offerkit cannot tell whether it is ${p.name}.` };
  return { ...base, ...(p.name ? { hint: `No resource of ${where.template.display} has the name ${p.name} here; it may be one Azure makes for another (a deployment script's storage account) or come from a linked template.` } : {}) };
}

/** Diagnostics for an ARM error: each first-hand error once, placed on its resource. */
export function armErrorDiagnostics(error: ArmError, where: Placement, code: string, known?: { type: string; name: string }): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const leaf of leafErrors(error)) {
    const key = leafKey(leaf);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(leafDiagnostic(leaf, where, code, known));
  }
  return out;
}
