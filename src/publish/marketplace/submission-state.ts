// Every state a Partner Center submission can show, read one way for `publish --submit`, `marketplace status`
// and `marketplace go-live`. The states and substates are the swagger's Submission enums (InProgress,
// Published; InDraft, Submitted, Failed, FailedInCertification, ReadyToPublish, Publishing, Published,
// InStore); `pendingUpdateInfo` {updateType, status, href, failureReason} is the swagger's PendingUpdateInfo.
// What the combinations mean comes from Microsoft's own clients and what their users recorded
// (microsoft/navcontainerhelper, BcContainerHelper's AppSource functions):
// - InProgress/InDraft with pendingUpdateInfo {updateType: Create, status: Failed, failureReason: "Active
//   validation errors", href: …/validations} and no workflow: the service could not create the submission and
//   left it in draft (issue #3536); nothing more happens to it, and it holds back the next one;
// - InProgress/Submitted: in certification; InProgress/Failed: automated validation failed (AL-Go #1073) —
//   New-AppSourceSubmission creates the next submission past it; InProgress/FailedInCertification: failed;
// - Published/ReadyToPublish: in preview, ready to go live; promoted, the same submission (target Preview)
//   goes on to Published/InStore, its workflow two stages, Preview and Live, whose steps end in "Success"
//   (Get-AppSourceSubmission's documented output; Promote-AppSourceSubmission: ReadyToPublish only).
// A separate live-target submission (Published once live) is understood too, though no evidence shows one.

import type { PcResource } from '../../azure/partner-center.js';

export interface PendingUpdateInfo {
  updateType?: string;
  status?: string;
  href?: string;
  failureReason?: string;
}

export interface Submission extends PcResource {
  id: string;
  state?: string;
  substate?: string;
  targets?: { type: string; value: string }[];
  resources?: { type: string; value: string }[];
  variantResources?: { variantID: string; resources: { type: string; value: string }[] }[];
  pendingUpdateInfo?: PendingUpdateInfo;
  extendedProperties?: { type: string; value: string }[];
  publishedTimeInUtc?: string;
  releaseNumber?: number;
  friendlyName?: string;
}

/** One stage of a submission's workflow (`…/workflowdetails`): type Push, targetEnvironment Preview or Live. */
export interface WorkflowView {
  type?: string;
  state?: string;
  targetEnvironment?: string;
  steps: { name: string; state: string }[];
}

/** The swagger's enums: anything else is a state offerkit does not know, and says so. */
const STATES = new Set(['InProgress', 'Published']);
const SUBSTATES = new Set(['InDraft', 'Submitted', 'Failed', 'FailedInCertification', 'ReadyToPublish', 'Publishing', 'Published', 'InStore']);

export type Stage = 'being created' | 'stuck in draft' | 'in certification' | 'failed' | 'preview' | 'going live' | 'live' | 'unknown';

export const targetOf = (s: Submission): string | undefined => s.targets?.find((t) => t.type.toLowerCase() === 'scope')?.value?.toLowerCase();

/** A workflow step or stage that has finished well ("Success" on record; Completed and Succeeded read the same). */
export const stepDone = (state: string | undefined): boolean => /^(success|succeeded|completed)$/i.test(state ?? '');
/** One that has not started. */
export const stepWaiting = (state: string | undefined): boolean => !state || /^notstarted$/i.test(state);

/**
 * Is this submission live? Partner Center shows a promotion in one of two shapes: the promoted preview
 * submission itself, same id and target, reaching substate InStore (on record), or a separate submission to
 * the live target that reaches Published. Both count.
 */
export function isLive(s: Submission): boolean {
  return targetOf(s) === 'live' ? s.state === 'Published' && s.substate !== 'Publishing' : s.substate === 'InStore';
}

/** Is it on its way live (promoted, not in the store yet)? */
export function isGoingLive(s: Submission): boolean {
  return s.substate === 'Publishing' || (targetOf(s) === 'live' && s.state === 'InProgress');
}

/** Did the service fail to apply the submission's creation (or another pending update)? */
export function pendingUpdateFailed(s: Submission): boolean {
  return /^failed$/i.test(s.pendingUpdateInfo?.status ?? '');
}

/** The stage of a submission, from its state, its pending update and (promoted in place) its workflow's Live stage. */
export function stageOf(s: Submission, workflow: WorkflowView[] = []): Stage {
  if (!STATES.has(s.state ?? '') || (s.substate !== undefined && !SUBSTATES.has(s.substate))) return 'unknown';
  if (s.state === 'InProgress' && pendingUpdateFailed(s)) return 'stuck in draft';
  const liveStage = workflow.find((w) => /live/i.test(`${w.targetEnvironment ?? ''} ${w.type ?? ''}`));
  if (isLive(s) || (liveStage && stepDone(liveStage.state))) return 'live';
  if (s.substate === 'Failed' || s.substate === 'FailedInCertification') return 'failed';
  const liveStarted = liveStage && (!stepWaiting(liveStage.state) || liveStage.steps.some((x) => !stepWaiting(x.state)));
  if (isGoingLive(s) || liveStarted) return 'going live';
  if (s.state === 'Published') return 'preview';
  if (s.substate === 'InDraft') return 'being created';
  return 'in certification';
}

/** Why a submission is stuck in draft, in Partner Center's words. */
export function stuckReason(s: Submission): string {
  return s.pendingUpdateInfo?.failureReason?.trim() || 'Partner Center gave no reason';
}

function byRelease(a: Submission, b: Submission): number {
  return (a.releaseNumber ?? 0) - (b.releaseNumber ?? 0) || String(a.publishedTimeInUtc ?? '').localeCompare(String(b.publishedTimeInUtc ?? ''));
}

/** The newest submission, whatever its target and state (the one Microsoft's clients act on). */
export function latestSubmission(subs: Submission[]): Submission | undefined {
  return [...subs].sort(byRelease).at(-1);
}

/** The submission now live, if any (either shape). */
export function liveSubmission(subs: Submission[]): Submission | undefined {
  return subs.filter(isLive).sort(byRelease).at(-1);
}

/**
 * The newest submission to preview that got past its creation (in certification, in preview, or — promoted in
 * place — live), if any. One still being created or left in draft holds nothing yet.
 */
export function previewSubmission(subs: Submission[]): Submission | undefined {
  return subs.filter((s) => targetOf(s) === 'preview' && !['being created', 'stuck in draft'].includes(stageOf(s))).sort(byRelease).at(-1);
}

/** A time Partner Center shows for "never" (year 1601, .NET's zero file time) reads as absent. */
export function shownTime(t: unknown): string | undefined {
  return typeof t === 'string' && t && !t.startsWith('1601-') ? t : undefined;
}
