// `publish --to marketplace --submit`: sends the draft to preview, unless a submission already holds exactly
// this draft, handling every state the newest submission can be in the way Microsoft's clients do
// (BcContainerHelper's New-AppSourceSubmission acts on the newest submission: it goes ahead past one whose
// automated validation Failed, cancels — DELETE, "only inprogress Submission can be deleted" in the swagger —
// one otherwise in progress when told to, and refuses while one is being published). offerkit cancels on its
// own only what can never go further: a submission Partner Center left in draft (its creation Failed, e.g.
// "Active validation errors") and one that failed certification; it says so, with the reason and the
// validations, before it submits again. After submitting it follows the new submission until Partner Center
// has created it, so a submission left in draft is reported by the run that made it.
//
// "Holds exactly this draft" is read from Partner Center itself, and asked only when this run found the draft
// as offer.yaml declares it (a run that changed the draft submits it): the listing, properties, preview
// audience and each plan's listing, markets and prices and technical configuration in the submission's own
// instances, compared the way a re-run compares the draft — so a run killed between writing and submitting
// is finished by the next. Nothing depends on an entry of offerkit's own coming back in `extendedProperties`
// (Microsoft's clients send that list empty, and so does offerkit). The logo, the reseller configuration and
// the lead destination cannot be read from a submission: a change to them is submitted by the run that
// writes it.

import { PartnerCenterError, type PartnerCenterClient, type PcResource } from '../../azure/partner-center.js';
import type { Diagnostic } from '../../diagnostics.js';
import { OFFERKIT_VERSION } from '../../version.js';
import { PublishStepError } from '../steps.js';
import { diffFields, PACKAGE_RESOURCE_TYPE, type DesiredOffer, type FieldChange, type Fields } from './desired.js';
import { findingsToDiagnostics } from './findings.js';
import { enc, MODULES, resellerInstance, waitForBranch, type ProductView } from './product.js';
import { describeFailure, step } from './step.js';
import { latestSubmission, stageOf, stuckReason, type Stage, type Submission } from './submission-state.js';

export interface SubmitEvent {
  step: string;
  status: 'start' | 'done' | 'skipped' | 'planned';
  detail?: string;
}

export interface SubmitContext {
  client: PartnerCenterClient;
  product: ProductView;
  desired: DesiredOffer;
  dryRun: boolean;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  emit: (e: SubmitEvent) => void;
  /** Plan id → variant id, for the plans of this run. */
  variants: ReadonlyMap<string, string>;
  /** Plan id → the processed package the plan's draft configuration points at (absent: not uploaded yet). */
  packages: ReadonlyMap<string, string>;
  /**
   * This run changed (or, on a dry run, would change) the draft: no submission made before can hold it. Only a
   * run that found the draft as offer.yaml declares it asks whether a submission holds that draft — which also
   * keeps the answer right if Partner Center's submission instances were the draft's own (inferred, not seen).
   */
  draftChanged: boolean;
  /** The newest submission's content, read beside the draft (a failed early read is read again). */
  held?: Promise<HeldContent | undefined>;
  sleep?: (ms: number) => Promise<void>;
}

export interface SubmissionOutcome {
  id?: string;
  action: 'created' | 'up-to-date' | 'would-create';
  state?: string;
  substate?: string;
  stage?: Stage;
  /** Why Partner Center left it in draft. */
  reason?: string;
  /** Submissions cancelled (or, on a dry run, that would be) before submitting, and why. */
  cancelled?: { id: string; stage: Stage; reason: string }[];
}

export interface SubmitResult {
  submission: SubmissionOutcome;
  diagnostics: Diagnostic[];
  /** Requests that changed something in Partner Center. */
  writes: number;
}

const seconds = (ms: number): string => String(ms < 10000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000));

const outcomeOf = (s: Submission): Pick<SubmissionOutcome, 'id' | 'state' | 'substate' | 'stage'> => ({
  id: s.id,
  ...(s.state ? { state: s.state } : {}),
  ...(s.substate ? { substate: s.substate } : {}),
  stage: stageOf(s),
});

function refuse(why: string): never {
  throw new PublishStepError('submitting to preview', undefined, new Error(why), describeFailure);
}

/** The validations Partner Center gives for a submission (empty when it gives none or cannot be read). */
async function validationsOf(ctx: SubmitContext, id: string): Promise<PcResource[]> {
  try {
    return await ctx.client.list(ctx.product.path(`submissions/${enc(id)}/validations`));
  } catch (e) {
    if (e instanceof PartnerCenterError) return [];
    throw e;
  }
}

/** What a submission holds, compared with the draft offer.yaml declares: the differences, and the package each plan points at. */
export interface HeldContent {
  id: string;
  differences: FieldChange[];
  /** Plan id → the package id its technical configuration references in the submission. */
  packages: Map<string, string | undefined>;
}

const missing = (resource: string): FieldChange[] => [{ resource, field: 'submission', from: undefined, to: 'included' }];

/**
 * What `sub` holds, read from its own instances and compared with `desired` as a re-run compares the draft —
 * all but the package each plan references, which is compared once this run knows the draft's (see
 * differencesIn). `variants`: plan id → variant id. Started early, it reads beside the draft's own reads.
 */
export async function readHeld(product: ProductView, sub: Submission, desired: DesiredOffer, variants: ReadonlyMap<string, string>): Promise<HeldContent> {
  const instanceOf = (list: { type: string; value: string }[] | undefined, type: string) => list?.find((r) => r.type === type)?.value;
  const compare = async (resource: string, kind: Parameters<ProductView['byInstance']>[0], instance: string | undefined, fields: Fields): Promise<FieldChange[]> =>
    instance ? diffFields(resource, await product.byInstance(kind, instance), fields) : missing(resource);
  const packages = new Map<string, string | undefined>();
  const reads: Promise<FieldChange[]>[] = [
    compare('listing', 'listings', instanceOf(sub.resources, 'Listing'), desired.listing),
    compare('properties', 'properties', instanceOf(sub.resources, 'Property'), desired.property),
    compare('preview audience', 'productAvailabilities', instanceOf(sub.resources, 'Availability'), desired.availability),
  ];
  for (const p of desired.plans) {
    const variant = variants.get(p.planId);
    const held = sub.variantResources?.find((v) => v.variantID === variant)?.resources;
    if (!variant || !held) {
      reads.push(Promise.resolve(missing(`${p.planId}: plan`)));
      continue;
    }
    const config = instanceOf(held, 'Package');
    reads.push(
      compare(`${p.planId}: plan listing`, 'listings', instanceOf(held, 'Listing'), p.listing),
      compare(`${p.planId}: markets, price and visibility`, 'featureAvailabilities', instanceOf(held, 'Availability'), p.availability),
      config
        ? product.byInstance('packageConfigurations', config).then((c) => {
            packages.set(p.planId, ((c?.packageReferences as { type: string; value: string }[] | undefined) ?? []).find((r) => r.type === PACKAGE_RESOURCE_TYPE)?.value);
            return diffFields(`${p.planId}: technical configuration`, c, p.configuration);
          })
        : Promise.resolve(missing(`${p.planId}: technical configuration`)),
    );
  }
  return { id: sub.id, differences: (await Promise.all(reads)).flat(), packages };
}

/**
 * What `sub` holds that differs from this run's draft (empty: it holds exactly this draft). Asked only of a
 * run that left the draft as it found it; the content read early (`ctx.held`) is used when it is this one's.
 */
export async function differencesIn(ctx: SubmitContext, sub: Submission): Promise<FieldChange[]> {
  if (ctx.draftChanged) return missing('draft');
  const early = ctx.held ? await ctx.held : undefined;
  const held = early?.id === sub.id ? early : await readHeld(ctx.product, sub, ctx.desired, ctx.variants);
  const packageChanges = ctx.desired.plans.filter((p) => held.packages.has(p.planId) && (!ctx.packages.get(p.planId) || held.packages.get(p.planId) !== ctx.packages.get(p.planId)));
  return [...held.differences, ...packageChanges.flatMap((p) => missing(`${p.planId}: package`))];
}

/** Cancels a submission that can never go further, saying why first; the validations go along as warnings. */
async function cancel(ctx: SubmitContext, s: Submission, out: SubmitResult): Promise<void> {
  const stage = stageOf(s);
  const reason = stage === 'stuck in draft' ? stuckReason(s) : `${s.substate ?? 'failed'}`;
  const what = stage === 'stuck in draft' ? `was left in draft by Partner Center (${reason})` : `failed certification (${reason})`;
  const items = await step('reading the submission\'s validations', undefined, () => validationsOf(ctx, s.id));
  (out.submission.cancelled ??= []).push({ id: s.id, stage, reason });
  if (ctx.dryRun) {
    out.diagnostics.push({ code: 'marketplace-submission-replaced', severity: 'warning', message: `Submission ${s.id} ${what}; --submit would cancel it and submit the draft again.` });
    out.diagnostics.push(...findingsToDiagnostics(items, s.id, { kind: stage === 'stuck in draft' ? 'validation' : 'certification', atMost: 'warning' }));
    ctx.emit({ step: 'submit', status: 'planned', detail: `would cancel submission ${s.id}: it ${what}` });
    return;
  }
  ctx.emit({ step: 'submit', status: 'start', detail: `cancelling submission ${s.id}: it ${what}` });
  let refused: string | undefined;
  try {
    // The swagger's DELETE takes no If-Match (and Microsoft's clients send none).
    await ctx.client.delete(ctx.product.path(`submissions/${enc(s.id)}`), null);
    out.writes++;
  } catch (e) {
    // Refused (or already gone, a cancel whose answer was lost): the submission that follows says whether it matters.
    if (!(e instanceof PartnerCenterError) || (e.status !== 404 && e.status !== 409 && e.status !== 400)) throw new PublishStepError('cancelling the submission', undefined, e, describeFailure);
    if (e.status !== 404) refused = describeFailure(e);
  }
  const followed = items.length ? ' Partner Center\'s validations of it follow.' : '';
  out.diagnostics.push({
    code: 'marketplace-submission-replaced',
    severity: 'warning',
    message: refused
      ? `Submission ${s.id} ${what}. Partner Center refused to cancel it (${refused}); offerkit submitted the draft anyway.${followed}`
      : `Submission ${s.id} ${what}. offerkit cancelled it, as Microsoft's clients cancel a submission in progress before making a new one, and submitted the draft again.${followed}`,
  });
  if (refused) out.submission.cancelled = out.submission.cancelled?.filter((c) => c.id !== s.id);
  out.diagnostics.push(...findingsToDiagnostics(items, s.id, { kind: stage === 'stuck in draft' ? 'validation' : 'certification', atMost: 'warning' }));
  ctx.emit({ step: 'submit', status: 'done', detail: refused ? `Partner Center did not cancel submission ${s.id}` : `cancelled submission ${s.id}` });
}

/** Follows a submission until Partner Center has created it (or the wait limit passes). */
async function followCreation(ctx: SubmitContext, s: Submission): Promise<Submission> {
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  let now = s;
  let said = '';
  while (stageOf(now) === 'being created' && Date.now() - started <= ctx.waitTimeoutMs) {
    const detail = `Partner Center is creating submission ${s.id}${now.pendingUpdateInfo?.status ? ` (${now.pendingUpdateInfo.status})` : ''}`;
    if (detail !== said) ctx.emit({ step: 'submit', status: 'start', detail });
    said = detail;
    await sleep(ctx.pollIntervalMs);
    now = await step('reading the submission', undefined, () => ctx.client.get<Submission>(ctx.product.path(`submissions/${enc(s.id)}`)));
  }
  return now;
}

/** The outcome for a submission that holds (or now carries) this draft, followed through its creation. */
async function settled(ctx: SubmitContext, s: Submission, action: 'created' | 'up-to-date', out: SubmitResult): Promise<SubmitResult> {
  const now = await followCreation(ctx, s);
  const stage = stageOf(now);
  out.submission = { ...out.submission, action, ...outcomeOf(now) };
  if (stage === 'stuck in draft') {
    const reason = stuckReason(now);
    out.submission.reason = reason;
    const items = await step('reading the submission\'s validations', undefined, () => validationsOf(ctx, now.id));
    out.diagnostics.push({
      code: 'marketplace-submission-stuck',
      severity: 'error',
      message: `Partner Center left submission ${now.id} in draft: ${reason}. It will not be certified.`,
      hint: `Fix what ${items.length ? 'the validations below name' : 'Partner Center names for it (offerkit marketplace status)'}, then run the same command again: offerkit cancels this submission and submits the draft again.`,
    });
    out.diagnostics.push(...findingsToDiagnostics(items, now.id, { kind: 'validation' }));
    ctx.emit({ step: 'submit', status: 'done', detail: `submission ${now.id} was left in draft: ${reason}` });
  } else if (stage === 'being created') {
    out.diagnostics.push({ code: 'marketplace-submission-pending', severity: 'info', message: `Partner Center is still creating submission ${now.id} after ${seconds(ctx.waitTimeoutMs)} s; \`offerkit marketplace status\` shows when it is in certification, or why not.` });
    ctx.emit({ step: 'submit', status: 'done', detail: `submission ${now.id} (still being created)` });
  } else {
    ctx.emit({ step: 'submit', status: action === 'created' ? 'done' : 'skipped', detail: `${action === 'created' ? '' : 'preview already holds this draft: '}submission ${now.id} (${now.substate ?? now.state ?? 'submitted'})` });
  }
  return out;
}

/** Sends the draft to preview, unless a submission already holds exactly this draft. `before`: the submissions as this run found them. */
export async function submitToPreview(ctx: SubmitContext, before: Submission[]): Promise<SubmitResult> {
  const out: SubmitResult = { submission: { action: 'would-create' }, diagnostics: [], writes: 0 };
  let subs = [...before];
  // Cancelled first, newest first: what can never go further (left in draft, failed certification).
  for (let s = latestSubmission(subs); s && (stageOf(s) === 'stuck in draft' || s.substate === 'FailedInCertification'); s = latestSubmission(subs)) {
    await cancel(ctx, s, out);
    subs = subs.filter((x) => x.id !== s.id);
  }
  const current = latestSubmission(subs);
  const stage = current ? stageOf(current) : undefined;
  if (current && stage === 'unknown') refuse(`Partner Center shows submission ${current.id} as ${current.state ?? '?'}/${current.substate ?? '?'}, a state offerkit does not know; nothing was submitted. \`offerkit marketplace status\` shows it — run again with --trace <file> and report it to offerkit`);
  if (current && stage !== 'failed') {
    const differences = await step('reading the submission', undefined, () => differencesIn(ctx, current));
    if (!differences.length) {
      if (ctx.dryRun) {
        out.submission = { ...out.submission, action: 'up-to-date', ...outcomeOf(current) };
        ctx.emit({ step: 'submit', status: 'skipped', detail: `preview already holds this draft (submission ${current.id}, ${current.substate ?? current.state})` });
        return out;
      }
      return settled(ctx, current, 'up-to-date', out);
    }
    if (stage === 'being created' || stage === 'in certification') refuse(`submission ${current.id} is ${stage === 'being created' ? 'still being created' : 'still being certified'} (${current.substate}) and holds an earlier draft; Partner Center takes one submission at a time — wait for it (offerkit marketplace status) and run again`);
    if (stage === 'going live') refuse(`submission ${current.id} is being published to live (${current.substate}); Partner Center takes no new submission until it is live — wait for it (offerkit marketplace status) and run again`);
  }
  if (ctx.dryRun) {
    ctx.emit({ step: 'submit', status: 'planned', detail: 'would submit the draft to preview' });
    return out;
  }
  if (current && stage === 'failed') ctx.emit({ step: 'submit', status: 'start', detail: `submission ${current.id} failed (${current.substate}); submitting the draft again` });
  ctx.emit({ step: 'submit', status: 'start', detail: 'to preview' });
  const body = await creationRequest(ctx);
  const created = await step('submitting to preview', undefined, async () => {
    try {
      return await ctx.client.create<Submission>(ctx.product.path('submissions'), body);
    } catch (e) {
      // An answer lost after Partner Center made it: a submission that was not there before is this one.
      const made = latestSubmission((await ctx.product.submissions()).filter((s) => !before.some((b) => b.id === s.id)));
      if (made) return made;
      throw e;
    }
  });
  out.writes++;
  return settled(ctx, created, 'created', out);
}

/** Every module's draft instance: the product's own (with Co-sell, left as it is, and the reseller configuration, as Microsoft's clients send them), and each plan's. */
async function creationRequest(ctx: SubmitContext): Promise<Record<string, unknown>> {
  const { product } = ctx;
  const planVariants = new Set(ctx.variants.values());
  const wait = { pollIntervalMs: ctx.pollIntervalMs, waitTimeoutMs: ctx.waitTimeoutMs };
  for (const v of planVariants) for (const m of ['Availability', 'Listing', 'Package'] as const) await step('reading the branches', undefined, () => waitForBranch(product, m, v, wait));
  const resources: { type: string; value: string }[] = [];
  const variantResources = new Map<string, { type: string; value: string }[]>();
  product.forgetBranches();
  for (const m of MODULES) {
    for (const b of await step('reading the branches', undefined, () => product.branches(m))) {
      if (!b.variantID) resources.push({ type: m, value: b.currentDraftInstanceID });
      else if (planVariants.has(b.variantID)) variantResources.set(b.variantID, [...(variantResources.get(b.variantID) ?? []), { type: m, value: b.currentDraftInstanceID }]);
    }
  }
  const cosell = await step('reading the branches', undefined, () => product.draftInstance('Cosell'));
  if (cosell) resources.push({ type: 'Cosell', value: cosell });
  resources.push({ type: 'ResellerConfiguration', value: await step('reading the branches', undefined, () => resellerInstance(product)) });
  return {
    resourceType: 'SubmissionCreationRequest',
    targets: [{ type: 'Scope', value: 'preview' }],
    resources,
    variantResources: [...variantResources].map(([variantID, r]) => ({ variantID, resources: r })),
    publishOption: { isManualPublish: true, isAutoPromote: false, certificationNotes: `Submitted by offerkit ${OFFERKIT_VERSION}.` },
    extendedProperties: [],
  };
}
