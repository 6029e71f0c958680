// Two versions of a plan, compared for the customer: each change in plain words, grouped by what the customer
// cares about, marked when it widens what the customer grants (more data, more publisher access, fewer or
// looser policies: such a version must raise at least its minor version), and a verdict on the version.

import type { Diagnostic } from '../diagnostics.js';
import { compareVersions, minorRaised } from '../util/semver.js';
import type { AccessFacts, DataRequest, FormField, PlanFacts, PolicyFact } from './facts.js';
import { durationText } from '../render/plain-words.js';

export type ChangeGroup = 'data' | 'policies' | 'access' | 'price' | 'regions' | 'deployed' | 'form';

export const GROUP_TITLES: Record<ChangeGroup, string> = {
  data: 'Data requested',
  policies: 'Policies',
  access: 'Publisher access',
  price: 'Price and billing',
  regions: 'Regions',
  deployed: 'What gets deployed',
  form: 'The install form',
};

export interface Change {
  group: ChangeGroup;
  kind: 'added' | 'removed' | 'changed';
  text: string;
  /** Why this change needs at least a minor version (it widens what the customer grants). */
  widens?: string;
}

/** An offer's plans compared with one baseline. */
export interface OfferChanges {
  offer: string;
  baseline: string;
  plans: PlanChanges[];
  diagnostics: Diagnostic[];
}

export type VersionVerdict = 'unchanged' | 'raised' | 'not-raised' | 'minor-needed' | 'lowered' | 'unknown';

export interface PlanChanges {
  plan: string;
  /** 'new': no such plan in the baseline; 'removed': only in the baseline. */
  status: 'compared' | 'new' | 'removed';
  before?: string;
  after?: string;
  changes: Change[];
  /** What the baseline (or the current version) cannot tell, so was not compared. */
  notCompared: string[];
  /** Data requested grows: a Microsoft 365 administrator must approve again before data moves. */
  reapproval: boolean;
  /** The deployable package content differs (undefined: not known). */
  contentChanged?: boolean;
  verdict: VersionVerdict;
  verdictText: string;
}

const list = (a: readonly string[]) => a.join(', ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function windowWords(w: DataRequest['window']): string {
  if (w === undefined) return 'an unreadable date window';
  if (w === null) return 'no date window (every item)';
  return w.rollingDays ? `${w.column} within the last ${plural(w.rollingDays, 'day')}` : `${w.column} from ${w.start} to ${w.end}`;
}

const usersWords = (g: string[] | undefined) => (g === undefined ? 'users decided by an expression' : g.length ? `members of ${plural(g.length, 'group')} (${list(g)})` : 'all users in the tenant');

function windowWidens(before: DataRequest['window'], after: DataRequest['window']): boolean {
  if (after === null) return before !== null;
  if (!after || !before) return false;
  if (before.column !== after.column) return true;
  if (before.rollingDays && after.rollingDays) return after.rollingDays > before.rollingDays;
  if (before.start && before.end && after.start && after.end) return after.start < before.start || after.end > before.end;
  return true;
}

function compareData(b: NonNullable<PlanFacts['data']>, a: NonNullable<PlanFacts['data']>, out: Change[]): void {
  const before = new Map(b.requests.map((r) => [r.dataset, r]));
  const after = new Map(a.requests.map((r) => [r.dataset, r]));
  const widens = 'more Microsoft 365 data is requested';
  for (const [name, r] of after) {
    const old = before.get(name);
    if (!old) {
      out.push({ group: 'data', kind: 'added', widens, text: `Adds dataset ${name}: ${r.columns ? `columns ${list(r.columns)}` : 'every column'}; ${windowWords(r.window)}; ${usersWords(r.groups)}${r.purpose ? `. Purpose: ${r.purpose}` : ''}` });
      continue;
    }
    if (r.columns && old.columns) {
      const added = r.columns.filter((c) => !old.columns!.includes(c));
      const removed = old.columns.filter((c) => !r.columns!.includes(c));
      if (added.length) out.push({ group: 'data', kind: 'added', widens, text: `${name}: adds ${added.length === 1 ? 'column' : 'columns'} ${list(added)}` });
      if (removed.length) out.push({ group: 'data', kind: 'removed', text: `${name}: no longer copies ${removed.length === 1 ? 'column' : 'columns'} ${list(removed)}` });
    } else if (!r.columns && old.columns) out.push({ group: 'data', kind: 'added', widens, text: `${name}: now copies every column (before: ${list(old.columns)})` });
    else if (r.columns && !old.columns) out.push({ group: 'data', kind: 'removed', text: `${name}: now copies only ${list(r.columns)} (before: every column)` });
    if (JSON.stringify(r.window) !== JSON.stringify(old.window)) {
      out.push({ group: 'data', kind: 'changed', ...(windowWidens(old.window, r.window) ? { widens } : {}), text: `${name}: date window ${windowWords(old.window)} → ${windowWords(r.window)}` });
    }
    if (JSON.stringify(r.groups) !== JSON.stringify(old.groups)) {
      const grows = r.groups !== undefined && old.groups !== undefined && old.groups.length > 0 && (r.groups.length === 0 || r.groups.some((g) => !old.groups!.includes(g)));
      out.push({ group: 'data', kind: 'changed', ...(grows || r.groups === undefined ? { widens } : {}), text: `${name}: users ${usersWords(old.groups)} → ${usersWords(r.groups)}` });
    }
    if ((r.purpose ?? '') !== (old.purpose ?? '') && r.purpose !== undefined && old.purpose !== undefined) {
      out.push({ group: 'data', kind: 'changed', text: `${name}: purpose now reads "${r.purpose}" (before: "${old.purpose}")` });
    }
  }
  for (const name of before.keys()) if (!after.has(name)) out.push({ group: 'data', kind: 'removed', text: `No longer requests dataset ${name}` });
  if (JSON.stringify(a.schedules) !== JSON.stringify(b.schedules)) out.push({ group: 'data', kind: 'changed', text: `Copy schedule: ${list(b.schedules) || 'none'} → ${list(a.schedules) || 'none'}` });
  if (JSON.stringify(a.destinations) !== JSON.stringify(b.destinations)) out.push({ group: 'data', kind: 'changed', text: `Where the data lands: ${list(b.destinations) || 'nowhere'} → ${list(a.destinations) || 'nowhere'}` });
}

function comparePolicies(b: PolicyFact[], a: PolicyFact[], out: Change[]): void {
  const key = (p: PolicyFact) => p.definitionId.toLowerCase();
  const before = new Map(b.map((p) => [key(p), p]));
  const after = new Map(a.map((p) => [key(p), p]));
  const label = (p: PolicyFact) => `${p.name ? `${p.name} ` : ''}(${p.definitionId})`;
  for (const [k, p] of after) {
    const old = before.get(k);
    if (!old) out.push({ group: 'policies', kind: 'added', text: `Attaches policy ${label(p)}` });
    else if (old.parameters !== p.parameters && !old.parameters.startsWith('(') && !p.parameters.startsWith('(')) {
      out.push({ group: 'policies', kind: 'changed', widens: "a policy's parameters changed, which can loosen it", text: `Policy ${label(p)}: parameters ${old.parameters} → ${p.parameters}` });
    }
  }
  for (const [k, p] of before) if (!after.has(k)) out.push({ group: 'policies', kind: 'removed', widens: 'a policy no longer protects the customer', text: `No longer attaches policy ${label(p)}` });
}

const LOCK_RANK: Record<string, number> = { none: 0, cannotdelete: 1, readonly: 2 };

function minutes(iso: string | undefined): number | undefined {
  const m = iso ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i.exec(iso) : null;
  return m ? Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : undefined;
}

function compareAccess(b: AccessFacts, a: AccessFacts, out: Change[], notCompared: string[], baselineName: string): void {
  const widens = 'the publisher gets more access';
  const sets = (field: 'authorizations' | 'allowedActions' | 'notificationEndpoints', what: string, addedWidens: boolean, removedWidens: boolean) => {
    const x = b[field];
    const y = a[field];
    if (!x || !y) {
      if (x || y) notCompared.push(`publisher access: ${what} (not known from ${x ? 'this version' : baselineName})`);
      return;
    }
    const added = y.filter((v) => !x.includes(v));
    const removed = x.filter((v) => !y.includes(v));
    for (const v of added) out.push({ group: 'access', kind: 'added', ...(addedWidens ? { widens } : {}), text: `${what}: adds ${v}` });
    for (const v of removed) out.push({ group: 'access', kind: 'removed', ...(removedWidens ? { widens: 'the customer may do less despite the lock' } : {}), text: `${what}: removes ${v}` });
  };
  sets('authorizations', 'Publisher identity and role', true, false);
  sets('allowedActions', 'Actions the customer may perform despite the lock', false, true);
  sets('notificationEndpoints', 'Publisher notification endpoint', true, false);
  if (b.lockLevel && a.lockLevel && b.lockLevel !== a.lockLevel) {
    out.push({ group: 'access', kind: 'changed', ...((LOCK_RANK[a.lockLevel.toLowerCase()] ?? 0) > (LOCK_RANK[b.lockLevel.toLowerCase()] ?? 0) ? { widens: 'the lock on the customer is stronger' } : {}), text: `Lock level ${b.lockLevel} → ${a.lockLevel}` });
  }
  if (b.managementMode && a.managementMode && b.managementMode !== a.managementMode) {
    out.push({ group: 'access', kind: 'changed', ...(a.managementMode.toLowerCase() === 'managed' ? { widens } : {}), text: `Management mode ${b.managementMode} → ${a.managementMode}` });
  }
  if (b.jit && a.jit) {
    if (b.jit.enabled && !a.jit.enabled) out.push({ group: 'access', kind: 'removed', widens, text: 'Just-in-time access is switched off: the publisher no longer asks each time' });
    else if (!b.jit.enabled && a.jit.enabled) out.push({ group: 'access', kind: 'added', text: `Just-in-time access is switched on (${a.jit.approval ?? 'approval unknown'}, at most ${durationText(a.jit.maxDuration ?? '?')})` });
    else if (a.jit.enabled) {
      if ((b.jit.approval ?? '') !== (a.jit.approval ?? '')) out.push({ group: 'access', kind: 'changed', ...(/^auto/i.test(a.jit.approval ?? '') && !/^auto/i.test(b.jit.approval ?? '') ? { widens } : {}), text: `Just-in-time approval ${b.jit.approval ?? 'unknown'} → ${a.jit.approval ?? 'unknown'}` });
      const x = minutes(b.jit.maxDuration);
      const y = minutes(a.jit.maxDuration);
      if (b.jit.maxDuration !== a.jit.maxDuration) out.push({ group: 'access', kind: 'changed', ...(x !== undefined && y !== undefined && y > x ? { widens } : {}), text: `Just-in-time access lasts at most ${durationText(b.jit.maxDuration ?? '?')} → ${durationText(a.jit.maxDuration ?? '?')}` });
    }
  }
}

function compareForm(b: Map<string, FormField>, a: Map<string, FormField>, out: Change[]): void {
  const req = (f: FormField) => (f.required === true ? 'required' : f.required === false ? 'optional' : `required when ${f.required}`);
  for (const [path, f] of a) {
    const old = b.get(path);
    if (!old) {
      out.push({ group: 'form', kind: 'added', text: `${f.required === true && f.defaultValue === undefined ? 'New required field' : 'New field'} "${f.label}" (${path}, ${f.type}${f.defaultValue !== undefined ? `, default ${f.defaultValue}` : ''})` });
      continue;
    }
    if (old.type !== f.type) out.push({ group: 'form', kind: 'changed', text: `Field "${f.label}" (${path}) is now a ${f.type} (was ${old.type})` });
    if (JSON.stringify(old.required) !== JSON.stringify(f.required)) out.push({ group: 'form', kind: 'changed', text: `Field "${f.label}" (${path}) is now ${req(f)} (was ${req(old)})` });
    if (old.defaultValue !== f.defaultValue) out.push({ group: 'form', kind: 'changed', text: `Field "${f.label}" (${path}): default ${old.defaultValue ?? 'none'} → ${f.defaultValue ?? 'none'}` });
  }
  for (const [path, f] of b) if (!a.has(path)) out.push({ group: 'form', kind: 'removed', text: `Field "${f.label}" (${path}) is removed` });
}

function compareResources(b: Map<string, number>, a: Map<string, number>, out: Change[]): void {
  for (const [type, n] of a) {
    const m = b.get(type) ?? 0;
    if (n > m) out.push({ group: 'deployed', kind: 'added', text: m ? `${type}: ${m} → ${n}` : `Adds ${plural(n, type, type)}` });
    else if (n < m) out.push({ group: 'deployed', kind: 'removed', text: `${type}: ${m} → ${n}` });
  }
  for (const [type, m] of b) if (!a.has(type)) out.push({ group: 'deployed', kind: 'removed', text: `No longer deploys ${type}${m > 1 ? ` (${m})` : ''}` });
}

function sameContent(a: Map<string, string> | undefined, b: Map<string, string> | undefined): boolean | undefined {
  if (!a || !b) return undefined;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Compares a plan's baseline (undefined: new plan) with its current version (undefined: removed plan). */
export function comparePlan(plan: string, before: PlanFacts | undefined, after: PlanFacts | undefined, baselineName = 'the baseline'): PlanChanges {
  if (!before || !after) {
    const status = before ? 'removed' : 'new';
    return {
      plan, status, changes: [], notCompared: [], reapproval: !before && !!after?.data?.requests.length,
      ...(before?.version ? { before: before.version } : {}), ...(after?.version ? { after: after.version } : {}),
      verdict: 'unknown',
      verdictText: status === 'new' ? `New plan: ${baselineName} has no plan ${plan}.` : `Plan ${plan} is in ${baselineName} but not in this version of the offer.`,
    };
  }
  const changes: Change[] = [];
  const notCompared: string[] = [];
  const which = (x: unknown) => (x === undefined ? baselineName : 'this version');
  if (before.data && after.data) compareData(before.data, after.data, changes);
  else notCompared.push(`data requested (not known from ${which(before.data)})`);
  if (before.policies && after.policies) comparePolicies(before.policies, after.policies, changes);
  else notCompared.push(`policies (not known from ${which(before.policies)}${before.policies ? '' : ': an app.zip alone holds no definition'})`);
  compareAccess(before.access, after.access, changes, notCompared, baselineName);
  if (before.price && after.price) {
    if (before.price !== after.price) changes.push({ group: 'price', kind: 'changed', text: `${before.price} → ${after.price}` });
  } else notCompared.push(`price (not known from ${which(before.price)})`);
  if (before.regions && after.regions) {
    if (before.regions === 'any' || after.regions === 'any') {
      if (before.regions !== after.regions) changes.push({ group: 'regions', kind: 'changed', text: `${before.regions === 'any' ? 'any region' : list(before.regions)} → ${after.regions === 'any' ? 'any region' : list(after.regions)}` });
    } else {
      const added = after.regions.filter((r) => !(before.regions as string[]).includes(r));
      const removed = before.regions.filter((r) => !(after.regions as string[]).includes(r));
      if (added.length) changes.push({ group: 'regions', kind: 'added', text: `Can also be installed in ${list(added)}` });
      if (removed.length) changes.push({ group: 'regions', kind: 'removed', text: `Can no longer be installed in ${list(removed)}` });
    }
  }
  if (before.resources && after.resources) compareResources(before.resources, after.resources, changes);
  if (before.form && after.form) compareForm(before.form, after.form, changes);
  else notCompared.push(`the install form (not known from ${which(before.form)})`);

  const same = sameContent(before.content, after.content) ?? (before.packageSha256 && after.packageSha256 ? before.packageSha256 === after.packageSha256 : undefined);
  const contentChanged = same === undefined ? undefined : !same;
  const widening = changes.filter((c) => c.widens);
  const result: PlanChanges = {
    plan, status: 'compared', changes, notCompared, reapproval: changes.some((c) => c.group === 'data' && c.widens),
    ...(before.version ? { before: before.version } : {}), ...(after.version ? { after: after.version } : {}),
    ...(contentChanged !== undefined ? { contentChanged } : {}),
    verdict: 'unknown', verdictText: '',
  };
  const changed = contentChanged === true || changes.length > 0;
  if (!before.version || !after.version) {
    result.verdictText = `The version is not known for ${before.version ? 'this version' : baselineName}, so it was not checked.`;
  } else if (compareVersions(after.version, before.version) < 0) {
    result.verdict = 'lowered';
    result.verdictText = `Version ${after.version} is lower than ${before.version} in ${baselineName}: raise it above ${before.version}.`;
  } else if (compareVersions(after.version, before.version) === 0) {
    result.verdict = changed ? 'not-raised' : 'unchanged';
    result.verdictText = changed
      ? `Version ${after.version} is the same as in ${baselineName}, but the package differs: a customer could not tell the two apart. Raise the version${widening.length ? ' (at least the minor version, because ' + widening[0].widens + ')' : ''}.`
      : `Nothing changes for the customer, and the version stays ${after.version}.`;
  } else if (widening.length && !minorRaised(before.version, after.version)) {
    result.verdict = 'minor-needed';
    result.verdictText = `Version ${before.version} → ${after.version} raises only the patch version, but ${[...new Set(widening.map((c) => c.widens))].join('; ')}: raise at least the minor version.`;
  } else {
    result.verdict = 'raised';
    result.verdictText = `Version ${before.version} → ${after.version}${widening.length ? ' (the minor version rises, as these changes require)' : ''}.`;
  }
  return result;
}
