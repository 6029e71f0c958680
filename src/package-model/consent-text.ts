// The words of the "Data requested" step, in one place: the renderer writes them into createUiDefinition
// and the validator reads them back to prove the admin sees exactly what the pipeline will copy.

import type { RequiredData } from '../offer/model.js';

export interface ConsentTexts {
  dataset: string;
  columns: string;
  dateWindow: string;
  users: string;
  purpose: string;
}

/** What a consent step (or a copy activity) requests for one dataset, normalised for comparison. */
export interface ConsentRequest {
  dataset: string;
  columns: string[];
  window: { column: string; rollingDays?: number; start?: string; end?: string } | null;
  /** Lower-case group ids, sorted; empty = all users. */
  groups: string[];
  purpose?: string;
}

export function consentTexts(rd: RequiredData): ConsentTexts {
  const cols = rd.columns.map((c) => c.name);
  const df = rd.dateFilter;
  let dateWindow = 'Date window: none, every item is copied';
  if (df?.rollingDays) dateWindow = `Date window: items whose ${df.column} is within the last ${df.rollingDays === 1 ? 'day' : `${df.rollingDays} days`} before each run`;
  else if (df?.start && df.end) dateWindow = `Date window: items whose ${df.column} is from ${df.start} to ${df.end}`;
  return {
    dataset: `Dataset: ${rd.dataset.name} (${rd.dataset.title})`,
    columns: `Columns (${cols.length}): ${cols.join(', ')}`,
    dateWindow,
    users: rd.scope.allUsers ? 'Users: all users in the tenant' : `Users: only members of the Entra ID groups ${rd.scope.groups.join(', ')}`,
    purpose: `Purpose: ${rd.purpose}`,
  };
}

/** Reads the texts back; undefined fields mean the text was not in the expected form. */
export function parseConsentTexts(t: Partial<Record<keyof ConsentTexts, unknown>>): Partial<ConsentRequest> & { problems: string[] } {
  const problems: string[] = [];
  const out: Partial<ConsentRequest> & { problems: string[] } = { problems };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const ds = /^Dataset: (\S+)/.exec(str(t.dataset) ?? '');
  if (ds) out.dataset = ds[1]!;
  else problems.push('dataset');
  const cols = /^Columns \((\d+)\): (.*)$/s.exec(str(t.columns) ?? '');
  if (cols) {
    out.columns = cols[2].split(',').map((c) => c.trim()).filter(Boolean);
    if (out.columns.length !== Number(cols[1])) problems.push('columns (count does not match the list)');
  } else problems.push('columns');
  const w = str(t.dateWindow) ?? '';
  let m: RegExpExecArray | null;
  if (/^Date window: none\b/.test(w)) out.window = null;
  else if ((m = /^Date window: items whose (\S+) is within the last (?:(\d+) days|day)\b/.exec(w))) out.window = { column: m[1], rollingDays: m[2] ? Number(m[2]) : 1 };
  else if ((m = /^Date window: items whose (\S+) is from (\S+) to (\S+)$/.exec(w))) out.window = { column: m[1], start: m[2], end: m[3] };
  else problems.push('dateWindow');
  const u = str(t.users) ?? '';
  if (/^Users: all users\b/.test(u)) out.groups = [];
  else if ((m = /^Users: only members of the Entra ID groups (.+)$/.exec(u))) out.groups = m[1].split(',').map((g) => g.trim().toLowerCase()).sort();
  else problems.push('users');
  const p = /^Purpose: (.+)$/s.exec(str(t.purpose) ?? '');
  if (p) out.purpose = p[1]!;
  else problems.push('purpose');
  return out;
}

export function requestOf(rd: RequiredData): ConsentRequest {
  const df = rd.dateFilter;
  return {
    dataset: rd.dataset.name,
    columns: rd.columns.map((c) => c.name),
    window: df ? { column: df.column, ...(df.rollingDays ? { rollingDays: df.rollingDays } : { start: df.start!, end: df.end! }) } : null,
    groups: rd.scope.allUsers ? [] : [...rd.scope.groups].sort(),
    purpose: rd.purpose,
  };
}
