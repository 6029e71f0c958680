// Deterministic GUIDs computed exactly as ARM's guid() computes them: a name-based, version-5 UUID
// (RFC 9562 §5.5, SHA-1) over ARM's fixed namespace, the arguments joined with "-". The same inputs give
// the GUID a template's own guid() call would give, so a name offerkit derives and a name the template
// derives at deployment can be compared.

import { createHash } from 'node:crypto';

/** The namespace ARM's guid() hashes under. */
export const ARM_GUID_NAMESPACE = '11fb06fb-712d-4ddd-98c7-e71bbd588830';

const NAMESPACE_BYTES = Buffer.from(ARM_GUID_NAMESPACE.replace(/-/g, ''), 'hex');

/** A version-5 UUID of `name` under `namespace` (16 bytes). */
export function uuidV5(namespace: Buffer, name: string): string {
  const b = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ARM's guid(a, b, …): each argument as text, joined with "-". */
export function guidFrom(...parts: unknown[]): string {
  return uuidV5(NAMESPACE_BYTES, parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p) ?? '')).join('-'));
}
