// How a definition change reads in the terminal: `field: before → after`, one line per field.

import type { Change } from '../publish/service-catalog/desired.js';

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
};

export function changeLines(changes: readonly Change[]): string[] {
  return changes.map((c) => (c.field === 'definition' ? 'new definition' : `${c.field}: ${show(c.from)} → ${show(c.to)}`));
}
