// Deterministic, name-based GUIDs (like ARM's guid()): the same inputs always give the same GUID.

import { createHash } from 'node:crypto';

export function guidFrom(...parts: unknown[]): string {
  const h = createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
