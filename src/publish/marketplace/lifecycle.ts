// After the draft: what Partner Center holds in draft, preview and live (`offerkit marketplace status`), with
// the current submission's stage (a submission left in draft with its reason and validations, certification
// findings) as diagnostics, and taking the preview live (`offerkit marketplace go-live`), which refuses
// plainly when there is nothing ready in preview.

import { describePartnerCenterError, type PartnerCenterClient } from '../../azure/partner-center.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { Offer } from '../../offer/model.js';
import { redact } from '../../util/redact.js';
import { findingsToDiagnostics } from './findings.js';
import { enc, findProduct, ProductView, versionsIn } from './product.js';
import { isGoingLive, isLive, latestSubmission, liveSubmission, previewSubmission, shownTime, stageOf, stepDone, stepWaiting, stuckReason, targetOf, type Stage, type Submission, type WorkflowView } from './submission-state.js';
import { textOf } from '../../util/text-of.js';

export interface SubmissionView {
  id: string;
  target?: string;
  state?: string;
  substate?: string;
  releaseNumber?: number;
  publishedTimeInUtc?: string;
  /** A change Partner Center is applying to the submission, or failed to (`pendingUpdateInfo`). */
  pendingUpdate?: { type?: string; status?: string; failureReason?: string };
}

export { stageOf, type Stage, type WorkflowView };

export interface MarketplaceStatus {
  offer: string;
  product?: { id: string; name?: string };
  plans: { plan: string; variantId?: string; draft?: string; preview?: string; live?: string }[];
  submissions: SubmissionView[];
  /** Where the current submission stands, in either promotion shape. */
  current?: SubmissionView & { stage: Stage; workflow: WorkflowView[]; reports: { status?: string; reportTimeInUtc?: string; fileUri?: string }[] };
  /** Certification findings of the current submission (and why nothing could be read, if so). */
  diagnostics: Diagnostic[];
}

const view = (s: Submission): SubmissionView => ({
  id: s.id,
  ...(targetOf(s) ? { target: targetOf(s)! } : {}),
  ...(s.state ? { state: s.state } : {}),
  ...(s.substate ? { substate: s.substate } : {}),
  ...(s.releaseNumber !== undefined ? { releaseNumber: s.releaseNumber } : {}),
  ...(shownTime(s.publishedTimeInUtc) ? { publishedTimeInUtc: shownTime(s.publishedTimeInUtc)! } : {}),
  ...(s.pendingUpdateInfo && typeof s.pendingUpdateInfo === 'object'
    ? {
        pendingUpdate: {
          ...(s.pendingUpdateInfo.updateType ? { type: textOf(s.pendingUpdateInfo.updateType) } : {}),
          ...(s.pendingUpdateInfo.status ? { status: textOf(s.pendingUpdateInfo.status) } : {}),
          ...(s.pendingUpdateInfo.failureReason ? { failureReason: redact(textOf(s.pendingUpdateInfo.failureReason)) } : {}),
        },
      }
    : {}),
});

export { findingsToDiagnostics };

async function productOf(client: PartnerCenterClient, offer: Offer): Promise<ProductView | undefined> {
  const p = await findProduct(client, offer.id, offer.publish.marketplace.productId);
  return p?.id ? new ProductView(client, p.id) : undefined;
}

export async function marketplaceStatus(client: PartnerCenterClient, offer: Offer): Promise<MarketplaceStatus> {
  const status: MarketplaceStatus = { offer: offer.id, plans: [], submissions: [], diagnostics: [] };
  const product = await productOf(client, offer);
  if (!product) {
    status.diagnostics.push({ code: 'marketplace-no-product', severity: 'info', message: `Partner Center has no Azure Application offer with the id ${offer.id} yet.`, hint: `Create it with \`offerkit publish ${offer.dir ? '<offer>' : ''} --to marketplace\`.` });
    return status;
  }
  status.product = { id: product.id };
  const variants = (await product.variants()).filter((v) => v.resourceType === 'AzureSkuVariant');
  const planOfVariant = new Map<string, string>();
  for (const v of variants) if (typeof v.externalID === 'string' && v.id) planOfVariant.set(v.id, v.externalID);
  const subs = await product.submissions();
  status.submissions = subs.map(view);
  const preview = previewSubmission(subs);
  const live = liveSubmission(subs);
  const previewVersions = preview ? await versionsIn(product, preview, planOfVariant) : new Map<string, string>();
  const liveVersions = live ? await versionsIn(product, live, planOfVariant) : new Map<string, string>();
  const planIds = [...new Set([...offer.plans.map((p) => p.id), ...planOfVariant.values()])];
  for (const plan of planIds) {
    const variant = variants.find((v) => v.externalID === plan);
    let draft: string | undefined;
    if (variant?.id) {
      const inst = await product.draftInstance('Package', variant.id);
      const conf = inst ? await product.byInstance('packageConfigurations', inst) : undefined;
      if (typeof conf?.version === 'string' && conf.version) draft = conf.version;
    }
    status.plans.push({ plan, ...(variant?.id ? { variantId: variant.id } : {}), ...(draft ? { draft } : {}), ...(previewVersions.get(plan) ? { preview: previewVersions.get(plan)! } : {}), ...(liveVersions.get(plan) ? { live: liveVersions.get(plan)! } : {}) });
  }
  const current = latestSubmission(subs);
  if (current) {
    const workflow = (await product.client.list(product.path(`submissions/${enc(current.id)}/workflowdetails`)).catch(() => [])).map(
      (w): WorkflowView => ({
        ...(w.type ? { type: textOf(w.type) } : {}),
        ...(w.state ? { state: textOf(w.state) } : {}),
        ...(w.targetEnvironment ? { targetEnvironment: textOf(w.targetEnvironment) } : {}),
        steps: ((w.workflowSteps as { name?: string; state?: string }[] | undefined) ?? []).map((s) => ({ name: String(s.name ?? ''), state: String(s.state ?? '') })),
      }),
    );
    const reports = (await product.client.list(product.path(`submissions/${enc(current.id)}/reports`)).catch(() => [])).map((r) => ({
      ...(r.status ? { status: textOf(r.status) } : {}),
      ...(r.reportTimeInUtc ? { reportTimeInUtc: textOf(r.reportTimeInUtc) } : {}),
      ...(r.fileUri ? { fileUri: redact(textOf(r.fileUri)) } : {}),
    }));
    const stage = stageOf(current, workflow);
    status.current = { ...view(current), stage, workflow, reports };
    const findings = await product.client.list(product.path(`submissions/${enc(current.id)}/validations`)).catch(() => []);
    if (stage === 'stuck in draft') {
      status.diagnostics.push({
        code: 'marketplace-submission-stuck',
        severity: 'error',
        message: `Partner Center left submission ${current.id} in draft: ${redact(stuckReason(current))}. It will not be certified, and it holds back the next submission.`,
        hint: `Fix what ${findings.length ? 'its validations name' : 'Partner Center names for it'}, then run \`offerkit publish <offer> --to marketplace --submit\`: offerkit cancels this submission and submits the draft again.`,
      });
      status.diagnostics.push(...findingsToDiagnostics(findings, current.id, { kind: 'validation' }));
    } else {
      if (stage === 'unknown') status.diagnostics.push({ code: 'marketplace-submission-unknown', severity: 'warning', message: `Partner Center shows submission ${current.id} as ${current.state ?? '?'}/${current.substate ?? '?'}, a state offerkit does not know; \`offerkit publish --submit\` and \`go-live\` leave it alone.` });
      status.diagnostics.push(...findingsToDiagnostics(findings, current.id));
    }
  }
  return status;
}

/** Promoted in the separate shape: a live-target submission made after this preview (no other can be promoted). */
function liveAfter(preview: Submission, subs: Submission[]): Submission | undefined {
  return latestSubmission(subs.filter((s) => targetOf(s) === 'live' && s.id !== preview.id && (s.releaseNumber ?? 0) > (preview.releaseNumber ?? 0)));
}

export interface GoLiveEvent {
  status: 'start' | 'done' | 'waiting';
  detail: string;
}

export class GoLiveRefused extends Error {}

/** Promotes the preview submission to live; with `wait`, follows it until it is in the store. */
export async function goLive(
  client: PartnerCenterClient,
  offer: Offer,
  o: { wait: boolean; pollIntervalMs: number; waitTimeoutMs: number; onEvent?: (e: GoLiveEvent) => void; sleep?: (ms: number) => Promise<void> },
): Promise<{ submission: SubmissionView; live?: SubmissionView }> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const product = await productOf(client, offer);
  if (!product) throw new GoLiveRefused(`Partner Center has no offer ${offer.id}: nothing is in preview. Publish it with \`offerkit publish <offer> --to marketplace --submit\` first.`);
  const subs = await product.submissions();
  // Microsoft's clients act on the newest submission: one that never got past its creation has nothing to take live.
  const newest = latestSubmission(subs);
  const newestStage = newest ? stageOf(newest) : undefined;
  if (newest && newestStage === 'stuck in draft') throw new GoLiveRefused(`The newest submission, ${newest.id}, was left in draft by Partner Center (${redact(stuckReason(newest))}); nothing new can go live. \`offerkit marketplace status\` lists why; fix it, then \`offerkit publish <offer> --to marketplace --submit\` cancels that submission and submits the draft again.`);
  if (newest && newestStage === 'being created') throw new GoLiveRefused(`Submission ${newest.id} is still being created by Partner Center; it can go live once it is certified (\`offerkit marketplace status\`).`);
  if (newest && newestStage === 'unknown') throw new GoLiveRefused(`Partner Center shows submission ${newest.id} as ${newest.state ?? '?'}/${newest.substate ?? '?'}, a state offerkit does not know; nothing was promoted.`);
  const preview = previewSubmission(subs);
  if (!preview) throw new GoLiveRefused(`Nothing of ${offer.id} is in preview. Submit the draft with \`offerkit publish <offer> --to marketplace --submit\`, wait for certification, then go live.`);
  if (preview.substate === 'FailedInCertification' || preview.substate === 'Failed') {
    throw new GoLiveRefused(`Submission ${preview.id} failed ${preview.substate === 'FailedInCertification' ? 'certification' : 'in Partner Center'}; it cannot go live. \`offerkit marketplace status\` lists the findings; fix them and submit again.`);
  }
  // Already live, or already on its way (either promote shape): nothing to promote, only to follow.
  const promotedBefore = isLive(preview) || isGoingLive(preview) ? preview : liveAfter(preview, subs);
  if (promotedBefore && isLive(promotedBefore)) return { submission: view(preview), live: view(promotedBefore) };
  if (!promotedBefore) {
    // Promote-AppSourceSubmission promotes only a submission Published/ReadyToPublish.
    const ready = preview.state === 'Published' && (preview.substate === 'ReadyToPublish' || preview.substate === 'Published');
    if (!ready) {
      const wf = await client.list(product.path(`submissions/${enc(preview.id)}/workflowdetails`)).catch(() => []);
      const running = wf.flatMap((w) => (w.workflowSteps as { name?: string; state?: string }[] | undefined) ?? []).find((s) => !stepDone(s.state) && !stepWaiting(s.state));
      throw new GoLiveRefused(`Submission ${preview.id} is not ready to go live yet: ${preview.substate ?? preview.state}${running ? ` (step "${running.name}" is ${running.state})` : ''}. Try again when certification has finished (\`offerkit marketplace status\`).`);
    }
    o.onEvent?.({ status: 'start', detail: `promoting submission ${preview.id} to live` });
    // The swagger's promote takes no body. A promote whose answer was lost may have taken effect (its retry
    // is then refused as no longer ready): what Partner Center shows decides.
    try {
      await client.post(product.path(`submissions/${enc(preview.id)}/promote`));
    } catch (e) {
      const now = await product.submissions();
      const self = now.find((x) => x.id === preview.id);
      const tookEffect = Boolean(self && (isGoingLive(self) || isLive(self))) || Boolean(liveAfter(preview, now));
      if (!tookEffect) throw e;
    }
    o.onEvent?.({ status: 'done', detail: 'promoted; Partner Center is publishing it' });
  } else {
    o.onEvent?.({ status: 'done', detail: `submission ${promotedBefore.id} is already going live` });
  }
  if (!o.wait) return { submission: view(preview) };
  const started = Date.now();
  let last = '';
  for (;;) {
    const now = await product.submissions();
    // Either the promoted submission itself (promoted in place) or a live-target submission made after it.
    const promoted = liveAfter(preview, now) ?? now.find((s) => s.id === preview.id);
    const state = promoted ? `${promoted.state}/${promoted.substate}` : 'not started';
    if (promoted && isLive(promoted)) {
      o.onEvent?.({ status: 'done', detail: `live in the marketplace (submission ${promoted.id})` });
      return { submission: view(preview), live: view(promoted) };
    }
    if (promoted && (promoted.substate === 'Failed' || promoted.substate === 'FailedInCertification')) throw new Error(`going live failed in Partner Center (submission ${promoted.id}: ${promoted.substate}); see \`offerkit marketplace status\``);
    if (state !== last) o.onEvent?.({ status: 'waiting', detail: state });
    last = state;
    if (Date.now() - started > o.waitTimeoutMs) throw new Error(`the offer is still ${state} after ${Math.round(o.waitTimeoutMs / 1000)} s; Partner Center keeps publishing it — check again with \`offerkit marketplace status\``);
    await sleep(o.pollIntervalMs);
  }
}

export { describePartnerCenterError };
