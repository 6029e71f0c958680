// After the draft: what Partner Center holds in draft, preview and live (`offerkit marketplace status`),
// certification findings as diagnostics, and taking the preview live (`offerkit marketplace go-live`),
// which refuses plainly when there is nothing ready in preview.

import { describePartnerCenterError, type PartnerCenterClient, type PcResource } from '../../azure/partner-center.js';
import type { Diagnostic, Severity } from '../../diagnostics.js';
import type { Offer } from '../../offer/model.js';
import { redact } from '../../util/redact.js';
import { STATE_PROPERTY } from './publish.js';
import { enc, findProduct, isGoingLive, isLive, liveSubmission, previewSubmission, ProductView, targetOf, versionsIn, type Submission } from './product.js';
import { textOf } from '../../util/text-of.js';

export interface WorkflowView {
  type?: string;
  state?: string;
  targetEnvironment?: string;
  steps: { name: string; state: string }[];
}

export interface SubmissionView {
  id: string;
  target?: string;
  state?: string;
  substate?: string;
  releaseNumber?: number;
  publishedTimeInUtc?: string;
}

export type Stage = 'in certification' | 'failed' | 'preview' | 'going live' | 'live';

/** The stage of a submission, from its state or, where the promoted submission stays the same, its workflow's Live stage. */
export function stageOf(s: Submission, workflow: WorkflowView[]): Stage {
  const liveStage = workflow.find((w) => /live/i.test(`${w.type ?? ''} ${w.targetEnvironment ?? ''}`));
  if (isLive(s) || (liveStage && /^(completed|succeeded)$/i.test(liveStage.state ?? ''))) return 'live';
  if (s.substate === 'Failed' || s.substate === 'FailedInCertification') return 'failed';
  if (isGoingLive(s) || liveStage) return 'going live';
  if (s.state === 'Published') return 'preview';
  return 'in certification';
}

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
  ...(s.publishedTimeInUtc ? { publishedTimeInUtc: String(s.publishedTimeInUtc) } : {}),
});

const SEVERITY: Record<string, Severity> = { error: 'error', critical: 'error', warning: 'warning', informational: 'info', info: 'info' };

/** Certification and validation findings of a submission, as diagnostics that name the file and rule when the report does. */
export function findingsToDiagnostics(items: PcResource[], submissionId: string): Diagnostic[] {
  return items.map((i) => {
    const resource = typeof i.resource === 'string' && i.resource ? i.resource : undefined;
    const code = typeof i.errorCode === 'string' && i.errorCode ? i.errorCode : 'finding';
    return {
      code: `certification-${code.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}`,
      severity: SEVERITY[textOf(i.severity ?? 'error').toLowerCase()] ?? 'error',
      message: `Certification of submission ${submissionId}: ${redact(textOf(i.message ?? 'no message'))}`,
      ...(resource ? { file: resource } : {}),
      ...(/-(Should|Must|Are|Is)-/i.test(code) ? { armTtk: code } : {}),
    };
  });
}

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
  const current = [...subs].sort((a, b) => (a.releaseNumber ?? 0) - (b.releaseNumber ?? 0)).at(-1);
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
    status.current = { ...view(current), stage: stageOf(current, workflow), workflow, reports };
    const findings = await product.client.list(product.path(`submissions/${enc(current.id)}/validations`)).catch(() => []);
    status.diagnostics.push(...findingsToDiagnostics(findings, current.id));
  }
  return status;
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
  const preview = previewSubmission(subs);
  const live = liveSubmission(subs);
  if (!preview) throw new GoLiveRefused(`Nothing of ${offer.id} is in preview. Submit the draft with \`offerkit publish <offer> --to marketplace --submit\`, wait for certification, then go live.`);
  const fp = (s: Submission | undefined) => s?.extendedProperties?.find((x) => x.type === STATE_PROPERTY)?.value;
  if (preview.substate === 'FailedInCertification' || preview.substate === 'Failed') {
    throw new GoLiveRefused(`Submission ${preview.id} failed ${preview.substate === 'FailedInCertification' ? 'certification' : 'in Partner Center'}; it cannot go live. \`offerkit marketplace status\` lists the findings; fix them and submit again.`);
  }
  // Already live, or already on its way (either promote shape): nothing to promote, only to follow.
  const promotedBefore = isLive(preview) || isGoingLive(preview) ? preview : live && fp(live) && fp(live) === fp(preview) ? live : undefined;
  if (promotedBefore && isLive(promotedBefore)) return { submission: view(preview), live: view(promotedBefore) };
  if (!promotedBefore) {
    const ready = preview.state === 'Published' && (preview.substate === 'ReadyToPublish' || preview.substate === 'Published');
    if (!ready) {
      const wf = await client.list(product.path(`submissions/${enc(preview.id)}/workflowdetails`)).catch(() => []);
      const running = wf.flatMap((w) => (w.workflowSteps as { name?: string; state?: string }[] | undefined) ?? []).find((s) => s.state && !/^(completed|succeeded|notstarted)$/i.test(s.state));
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
      const tookEffect = Boolean(self && (isGoingLive(self) || isLive(self))) || now.some((x) => targetOf(x) === 'live' && x.id !== preview.id && fp(x) === fp(preview) && (x.releaseNumber ?? 0) > (preview.releaseNumber ?? 0));
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
    // Either the promoted submission itself (promoted in place) or a live-target submission of the same state.
    const same = now.find((s) => s.id === preview.id);
    const separate = now.filter((s) => targetOf(s) === 'live' && s.id !== preview.id && (!fp(preview) || fp(s) === fp(preview)) && (s.releaseNumber ?? 0) >= (preview.releaseNumber ?? 0)).sort((a, b) => (a.releaseNumber ?? 0) - (b.releaseNumber ?? 0)).at(-1);
    const promoted = separate ?? same;
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
