// How a comparison reads: in the terminal, as Markdown (release notes, a pull-request comment, a job summary)
// and as the "What changes in this version" section of the customer README.

import { trimTrailing } from '../util/trim-trailing.js';
import { GROUP_TITLES, type Change, type ChangeGroup, type PlanChanges } from './compare.js';
import type { OfferChanges } from './compare.js';

const ORDER = Object.keys(GROUP_TITLES) as ChangeGroup[];
const MARK: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~' };
// The customer's next steps for a wider request (package-model/next-steps.ts says them in full after installation).
const REAPPROVAL = 'A Microsoft 365 administrator of the customer must approve the data request again before any data moves: the customer updates the application\'s Microsoft Graph Data Connect registration to the new datasets, columns and users, and a global administrator approves the update in the Microsoft 365 admin center.';

function grouped(p: PlanChanges): [ChangeGroup, Change[]][] {
  return ORDER.map((g) => [g, p.changes.filter((c) => c.group === g)] as [ChangeGroup, Change[]]).filter(([, cs]) => cs.length);
}

const versions = (p: PlanChanges) => (p.before || p.after ? ` ${p.before ?? '?'} → ${p.after ?? '?'}` : '');

function headline(p: PlanChanges): string {
  if (p.status === 'new') return `new plan${p.after ? ` (version ${p.after})` : ''}`;
  if (p.status === 'removed') return 'removed from the offer';
  if (!p.changes.length) return p.contentChanged ? 'the package changes, but nothing a customer is asked to agree to' : 'no change for the customer';
  return `${p.changes.length} change${p.changes.length === 1 ? '' : 's'}`;
}

/** Escapes text for Markdown (it comes from offer files and packages, i.e. from anyone). */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function formatChangesStylish(r: OfferChanges, color = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [`Offer ${r.offer} compared with ${r.baseline}`, ''];
  for (const p of r.plans) {
    out.push(paint('1', `Plan ${p.plan}${versions(p)}: ${headline(p)}`));
    for (const [g, cs] of grouped(p)) {
      out.push(`  ${GROUP_TITLES[g]}`);
      for (const c of cs) out.push(`    ${paint(c.kind === 'added' ? '32' : c.kind === 'removed' ? '31' : '33', MARK[c.kind])} ${c.text}${c.widens ? paint('2', ` (${c.widens})`) : ''}`);
    }
    if (p.reapproval) out.push(`  ${paint('33', REAPPROVAL)}`);
    if (p.notCompared.length) out.push(`  Not compared: ${p.notCompared.join('; ')}.`);
    const bad = ['lowered', 'not-raised', 'minor-needed'].includes(p.verdict);
    out.push(`  Version: ${bad ? paint('31', p.verdictText) : p.verdictText}`, '');
  }
  if (!r.plans.length) out.push('No plan to compare.', '');
  return `${trimTrailing(out.join('\n'))}\n`;
}

function planMarkdown(p: PlanChanges, level: number): string[] {
  const h = '#'.repeat(level);
  const out: string[] = [];
  for (const [g, cs] of grouped(p)) {
    out.push(`${h} ${GROUP_TITLES[g]}`, '');
    for (const c of cs) out.push(`- ${c.kind === 'added' ? 'Added' : c.kind === 'removed' ? 'Removed' : 'Changed'}: ${md(c.text)}${c.widens ? ` _(${md(c.widens)})_` : ''}`);
    out.push('');
  }
  if (p.reapproval) out.push(`> **${REAPPROVAL}**`, '');
  return out;
}

export function formatChangesMarkdown(r: OfferChanges): string {
  const out: string[] = [`## What changes in ${md(r.offer)}`, '', `Compared with ${md(r.baseline)}.`, ''];
  for (const p of r.plans) {
    out.push(`### Plan ${md(p.plan)}${md(versions(p))}: ${md(headline(p))}`, '');
    out.push(...planMarkdown(p, 4));
    if (p.notCompared.length) out.push(`Not compared: ${md(p.notCompared.join('; '))}.`, '');
    out.push(`**Version:** ${['lowered', 'not-raised', 'minor-needed'].includes(p.verdict) ? '❌ ' : ''}${md(p.verdictText)}`, '');
  }
  return `${trimTrailing(out.join('\n'))}\n`;
}

/** The customer README's section for one plan. */
export function changesReadmeSection(p: PlanChanges, baseline: string): string {
  const out = ['## What changes in this version', ''];
  if (p.status === 'new') out.push(`This plan is new${p.after ? ` (version ${p.after})` : ''}.`, '');
  else if (!p.changes.length) out.push(`Nothing you agree to changes since ${p.before ? `version ${p.before}` : 'the previous version'}.`, '');
  else {
    out.push(`Since ${p.before ? `version ${p.before}` : 'the previous version'} (compared with ${md(baseline)}):`, '');
    out.push(...planMarkdown(p, 3));
  }
  return `${trimTrailing(out.join('\n'))}\n`;
}

export function changesJson(r: OfferChanges): unknown {
  return {
    offer: r.offer,
    baseline: r.baseline,
    plans: r.plans.map((p) => ({
      plan: p.plan,
      status: p.status,
      ...(p.before ? { before: p.before } : {}),
      ...(p.after ? { after: p.after } : {}),
      changes: p.changes,
      reapproval: p.reapproval,
      ...(p.contentChanged !== undefined ? { contentChanged: p.contentChanged } : {}),
      notCompared: p.notCompared,
      version: { verdict: p.verdict, message: p.verdictText },
    })),
  };
}
