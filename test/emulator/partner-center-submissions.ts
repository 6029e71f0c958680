// Submissions in the Partner Center emulator, in the shapes Microsoft's clients have seen the service show
// (microsoft/navcontainerhelper, BcContainerHelper's AppSource functions and their issues):
// - created as a draft (InProgress/InDraft) while the service applies the creation (`pendingUpdateInfo`
//   {updateType: Create}), then Submitted with the update Completed — or left InDraft with the update Failed,
//   its failureReason ("Active validation errors") and an href to the submission's validations, and no
//   workflow (navcontainerhelper issue #3536);
// - certified to Published/ReadyToPublish or failed (FailedInCertification, with findings and a report);
// - promoted in place by default: the same submission, target still Preview, goes on to Published/InStore, its
//   workflow two "Push" stages, Preview and Live, each stepping NotStarted → InProgress → Success
//   (Get-AppSourceSubmission's documented output; New-AppSourceSubmission expects exactly two stages). The
//   separate live submission stays behind a switch (`promoteShape`);
// - one submission at a time: a new one is refused while another is in progress, except one whose automated
//   validation Failed (New-AppSourceSubmission goes ahead past those and cancels any other in progress first);
//   only a submission in progress can be deleted (the swagger's DELETE: "only inprogress Submission can be
//   deleted"), and a promoted one cannot be cancelled until it is live (Promote-AppSourceSubmission's notes).
// Targets are answered capitalised (Preview, Live), as the service shows them, whatever case the request used.
// Inferred, not seen: the pending update's status while the creation runs ("Running" here; only Completed and
// Failed are on record), a failed step's state ("Failed"), and the step names of a managed-application offer
// (these are the AppSource ones).

import { randomUUID } from 'node:crypto';
import { serviceRefusal } from './partner-center-contract.js';

type Json = Record<string, unknown>;
interface Pair { type: string; value: string }

export interface ValidationItem {
  errorCode: string;
  severity: string;
  message: string;
  resource?: string;
}

export interface EmulatedSubmission extends Json {
  id: string;
  targets: Pair[];
  releaseNumber: number;
  createdAt: number;
  /** When the service has applied the creation (until then InDraft, pending update running). */
  createdUntil: number;
  /** When certification (or, for a separate live submission, publishing) ends. */
  doneAt: number;
  failsCertification: boolean;
  findings: ValidationItem[];
  /** Left in draft: why, and the validations that say so. */
  stuck?: { failureReason: string; validations: ValidationItem[] };
  promotedAt?: number;
  liveAt?: number;
}

/** What the submissions need of the emulator and its product. */
export interface SubmissionHost {
  creationMs: number;
  certificationMs: number;
  goLiveMs: number;
  promoteShape: 'separate' | 'in-place';
  certificationFailure?: ValidationItem[];
  nextSubmissionStuck?: { failureReason: string; validations: ValidationItem[] };
  nextRelease(): number;
  sas(blob: string, permissions: string): string;
  refuse(body: Json | undefined): Reply | undefined;
  page(url: URL, items: unknown[]): Reply;
}

export interface SubmissionProduct {
  id: string;
  branches: { module: string; currentDraftInstanceID: string; variantID?: string; readyAt?: number }[];
  instances: Map<string, Json>;
  variants: Json[];
  reseller?: Json;
  submissions: EmulatedSubmission[];
}

export interface Reply {
  status: number;
  body?: unknown;
}

const RUNNING = 'Running';
const err = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message, details: [] } } });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const targetOf = (s: EmulatedSubmission) => s.targets[0].value.toLowerCase();
const capitalised = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase();
const NEVER = '1601-01-01T00:00:00Z';

/** Moves a submission on with the clock. */
export function settle(s: EmulatedSubmission): void {
  const now = Date.now();
  if (s.liveAt !== undefined) {
    // Promoted in place: the same submission, same target, on to the store.
    if (now >= s.liveAt) Object.assign(s, { state: 'Published', substate: 'InStore', publishedTimeInUtc: new Date(s.liveAt).toISOString() });
    return;
  }
  if (s.substate === 'InDraft') {
    if (now < s.createdUntil) return;
    if (s.stuck) {
      s.pendingUpdateInfo = { updateType: 'Create', status: 'Failed', href: String((s.pendingUpdateInfo as Json).href), failureReason: s.stuck.failureReason };
      return;
    }
    s.substate = 'Submitted';
    s.pendingUpdateInfo = { updateType: 'Create', status: 'Completed' };
  }
  if (s.state !== 'InProgress' || s.substate === 'Failed' || s.substate === 'FailedInCertification' || now < s.doneAt) return;
  if (targetOf(s) === 'preview') {
    if (s.failsCertification) s.substate = 'FailedInCertification';
    else Object.assign(s, { state: 'Published', substate: 'ReadyToPublish', publishedTimeInUtc: new Date(s.doneAt).toISOString() });
  } else {
    Object.assign(s, { state: 'Published', substate: 'InStore', publishedTimeInUtc: new Date(s.doneAt).toISOString() });
  }
}

/** A submission as the service shows it. */
export function shown(s: EmulatedSubmission): Json {
  settle(s);
  const { createdAt: _c, createdUntil: _u, doneAt: _d, failsCertification: _f, findings: _x, stuck: _s, promotedAt: _p, liveAt: _l, ...rest } = s;
  return { ...rest, targets: s.targets.map((t) => ({ type: t.type, value: capitalised(t.value) })) };
}

function stage(environment: 'Preview' | 'Live', names: string[], from: number | undefined, to: number | undefined, failedStep?: string): Json {
  const elapsed = from === undefined || to === undefined ? -1 : (Date.now() - from) / Math.max(1, to - from);
  let failedAt = failedStep ? names.indexOf(failedStep) : -1;
  if (failedAt < 0 && failedStep) failedAt = 0;
  const workflowSteps = names.map((name, i) => {
    if (failedAt >= 0) return { name, state: i < failedAt ? 'Success' : i === failedAt ? 'Failed' : 'NotStarted' };
    const done = elapsed >= (i + 1) / names.length;
    const running = !done && elapsed >= i / names.length;
    return { name, state: done ? 'Success' : running ? 'InProgress' : 'NotStarted' };
  });
  const state = failedAt >= 0 ? 'Failed' : elapsed >= 1 ? 'Success' : elapsed >= 0 ? 'InProgress' : 'NotStarted';
  return { type: 'Push', state, targetEnvironment: environment, workflowSteps };
}

const PREVIEW_STEPS = ['Automated validation', 'Certification', 'Preview Creation'];
const LIVE_STEPS = ['Publisher Signoff', 'Publish'];

export function workflow(s: EmulatedSubmission): Json[] {
  settle(s);
  if (s.substate === 'InDraft') return [];
  if (targetOf(s) !== 'preview') return [stage('Live', LIVE_STEPS, s.createdAt, s.doneAt)];
  const failedStep = s.substate === 'FailedInCertification' ? 'Certification' : s.substate === 'Failed' ? 'Automated validation' : undefined;
  return [stage('Preview', PREVIEW_STEPS, s.createdUntil, s.doneAt, failedStep), stage('Live', LIVE_STEPS, s.promotedAt, s.liveAt)];
}

/** Holds a new submission back: another in progress, except one whose automated validation failed. */
function blocking(p: SubmissionProduct): EmulatedSubmission | undefined {
  for (const s of p.submissions) settle(s);
  return p.submissions.find((s) => (s.state === 'InProgress' && s.substate !== 'Failed') || s.substate === 'Publishing');
}

function create(host: SubmissionHost, p: SubmissionProduct, body: Json | undefined): Reply {
  if (!body) return err(405, 'MethodNotAllowed', 'Use GET or POST.');
  const refused = host.refuse(body);
  if (refused) return refused;
  const busy = blocking(p);
  if (busy) return err(409, 'SubmissionInProgress', `Submission ${busy.id} is in progress (${String(busy.substate)}); cancel it or wait for it before creating another.`);
  const target = (body.targets as Pair[] | undefined)?.find((t) => t.type === 'Scope')?.value;
  if (target?.toLowerCase() !== 'preview') return err(400, 'InvalidRequest', 'A new submission targets the preview scope.');
  const now0 = Date.now();
  const drafts = new Set(p.branches.filter((b) => (b.readyAt ?? 0) <= now0).map((b) => b.currentDraftInstanceID));
  const resources = (body.resources as Pair[] | undefined) ?? [];
  const variantResources = (body.variantResources as { variantID: string; resources: Pair[] }[] | undefined) ?? [];
  const stale = [...resources, ...variantResources.flatMap((v) => v.resources)].find((r) => !drafts.has(r.value));
  if (stale) return serviceRefusal({ resources: [`Instance ${stale.value} (${stale.type}) is not a current draft.`] });
  // What Microsoft's clients send for an Azure Application: every module of the product, Co-sell and the reseller configuration.
  const productModules = new Set(p.branches.filter((b) => !b.variantID).map((b) => b.module));
  const missing = [...productModules].filter((m) => !resources.some((r) => r.type === m));
  if (missing.length) return serviceRefusal({ resources: [`The submission lacks the product's ${missing.join(', ')} resources.`] });
  if (!p.reseller) return serviceRefusal({ ResellerConfiguration: ['Set the reseller configuration (resellerConfiguration) before submitting.'] });
  for (const v of variantResources) {
    if (!p.variants.some((x) => x.id === v.variantID)) return serviceRefusal({ variantResources: [`Plan ${v.variantID} does not exist.`] });
    const lacks = ['Availability', 'Listing', 'Package'].filter((m) => !v.resources.some((r) => r.type === m));
    if (lacks.length) return serviceRefusal({ variantResources: [`Plan ${v.variantID} lacks its ${lacks.join(', ')} resources.`] });
  }
  // The submission freezes what it holds: copies under new instance ids; the drafts stay editable.
  const freeze = (r: Pair): Pair => {
    const copy = randomUUID();
    p.instances.set(copy, clone(p.instances.get(r.value)!));
    return { type: r.type, value: copy };
  };
  const now = Date.now();
  const id = randomUUID();
  const release = host.nextRelease();
  const s: EmulatedSubmission = {
    resourceType: 'Submission',
    id,
    state: 'InProgress',
    substate: 'InDraft',
    targets: [{ type: 'Scope', value: target }],
    resources: resources.map(freeze),
    variantResources: variantResources.map((v) => ({ variantID: v.variantID, resources: v.resources.map(freeze) })),
    publishOption: body.publishOption ?? {},
    publishedTimeInUtc: NEVER,
    pendingUpdateInfo: { updateType: 'Create', status: RUNNING, href: `v1.0/ingestion/products/${p.id}/submissions/${id}/validations` },
    extendedProperties: body.extendedProperties ?? [],
    releaseNumber: release,
    friendlyName: `Submission ${release}`,
    areResourcesReady: true,
    createdAt: now,
    createdUntil: now + host.creationMs,
    doneAt: now + host.creationMs + host.certificationMs,
    failsCertification: Boolean(host.certificationFailure),
    findings: host.certificationFailure ?? [],
    ...(host.nextSubmissionStuck ? { stuck: host.nextSubmissionStuck } : {}),
  };
  host.certificationFailure = undefined;
  host.nextSubmissionStuck = undefined;
  p.submissions.push(s);
  return { status: 201, body: shown(s) };
}

function promote(host: SubmissionHost, p: SubmissionProduct, s: EmulatedSubmission, body: Json | undefined): Reply {
  if (body !== undefined && Object.keys(body).length) return serviceRefusal({ body: ['Promote takes no request body.'] });
  settle(s);
  if (targetOf(s) !== 'preview' || s.state !== 'Published' || s.substate !== 'ReadyToPublish') return err(409, 'InvalidState', `Submission ${s.id} is ${String(s.state)}/${String(s.substate)}; only a preview ready to publish can be promoted.`);
  for (const x of p.submissions) settle(x);
  const publishing = p.submissions.find((x) => x.id !== s.id && x.substate === 'Publishing');
  if (publishing) return err(409, 'SubmissionInProgress', `Submission ${publishing.id} is being published; one promotion at a time.`);
  const now = Date.now();
  if (host.promoteShape === 'in-place') {
    Object.assign(s, { substate: 'Publishing', promotedAt: now, liveAt: now + host.goLiveMs });
    return { status: 200, body: workflow(s).at(-1) };
  }
  const release = host.nextRelease();
  const live: EmulatedSubmission = { ...clone(s), id: randomUUID(), targets: [{ type: 'Scope', value: 'live' }], state: 'InProgress', substate: 'Publishing', releaseNumber: release, friendlyName: `Submission ${release}`, publishedTimeInUtc: NEVER, createdAt: now, createdUntil: now, doneAt: now + host.goLiveMs, failsCertification: false };
  p.submissions.push(live);
  return { status: 200, body: workflow(live)[0] };
}

/** `products/{id}/submissions[/{id}[/{action}]]`. */
export function submissionRoute(host: SubmissionHost, p: SubmissionProduct, method: string, url: URL, id: string | undefined, action: string | undefined, body: Json | undefined): Reply {
  if (!id) {
    if (method === 'GET') {
      const state = url.searchParams.get('state');
      return host.page(url, p.submissions.map(shown).filter((s) => !state || s.state === state));
    }
    if (method === 'POST') return create(host, p, body);
    return err(405, 'MethodNotAllowed', 'Use GET or POST.');
  }
  const s = p.submissions.find((x) => x.id === id);
  if (!s) return err(404, 'NotFound', `Submission ${id} was not found.`);
  settle(s);
  if (!action && method === 'GET') return { status: 200, body: shown(s) };
  if (action === 'workflowdetails' && method === 'GET') return { status: 200, body: { value: workflow(s) } };
  if (action === 'validations' && method === 'GET') {
    const failedDraft = s.stuck && (s.pendingUpdateInfo as Json).status === 'Failed';
    return { status: 200, body: { value: failedDraft ? s.stuck!.validations : s.substate === 'FailedInCertification' ? s.findings : [] } };
  }
  if (action === 'reports' && method === 'GET') {
    const done = s.substate === 'FailedInCertification' || s.state === 'Published';
    return { status: 200, body: { value: done ? [{ reportTimeInUtc: new Date(s.doneAt).toISOString(), status: s.substate === 'FailedInCertification' ? 'Failed' : 'Passed', fileUri: host.sas(`${p.id}/report-${s.id}.html`, 'r') }] : [] } };
  }
  if (action === 'promote' && method === 'POST') return promote(host, p, s, body);
  if (!action && method === 'DELETE') {
    if (s.state !== 'InProgress') return err(409, 'InvalidState', 'Only a submission in progress can be deleted.');
    if (s.substate === 'Publishing') return err(409, 'InvalidState', `Submission ${s.id} is being published; it cannot be cancelled until it is live.`);
    p.submissions.splice(p.submissions.indexOf(s), 1);
    return { status: 204 };
  }
  return err(405, 'MethodNotAllowed', `No route for ${method} submissions/${id}/${action ?? ''}.`);
}
