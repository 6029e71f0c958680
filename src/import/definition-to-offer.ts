// The parts of offer.yaml a managed application definition tells (definition.json beside an app.zip, as
// `offerkit build` writes it, or the properties of a service-catalog definition): lock level, publisher
// authorizations, deployment, management and locking policies, notification endpoints, the Azure policies
// assigned to the managed resource group (by offerkit's policy library, regions from allowed-locations),
// and the display name and description. What offerkit does not model is named in a note, not dropped silently.

import { isObject, prop } from '../arm/template.js';
import type { PolicyLibrary } from '../policies/library.js';
import { linearPattern } from '../util/linear-regex.js';
import { dict } from '../util/dict.js';

/** "Contoso Mail Insights (Standard)": the offer's name and the plan's, read on RE2's linear-time engine. */
const NAME_AND_PLAN = linearPattern('^(.*\\S)\\s+\\(([^()]+)\\)$');

export interface FromDefinition {
  /** offer.yaml keys to set. */
  offer: Record<string, unknown>;
  /** The plan's display name when the definition's name is "<offer> (<plan>)". */
  planDisplayName?: string;
  notes: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A URL without a query or fragment when they may carry a secret (a SAS signature, a code, a key). */
function withoutSecrets(uri: string, notes: string[]): string | undefined {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    notes.push('A notification endpoint is not a URL; it was left out.');
    return undefined;
  }
  if (u.search || u.hash) {
    notes.push(`The notification endpoint ${u.origin}${u.pathname} had a query (it may hold a secret); it is kept without it: add the query back in offer.yaml if the endpoint needs it.`);
    return `${u.origin}${u.pathname}`;
  }
  return uri;
}

export function offerFromDefinition(definition: unknown, library: PolicyLibrary): FromDefinition {
  const notes: string[] = [];
  const offer: Record<string, unknown> = {};
  if (!isObject(definition)) return { offer, notes: ['The definition is not a JSON object; nothing was taken from it.'] };
  const d = isObject(prop(definition, 'properties')) ? (prop(definition, 'properties') as Record<string, unknown>) : definition;
  let planDisplayName: string | undefined;
  const name = str(prop(d, 'displayName'));
  if (name) {
    const m = NAME_AND_PLAN.exec(name)?.groups;
    offer.displayName = m ? m[1]! : name;
    if (m) planDisplayName = m[2];
  }
  const description = str(prop(d, 'description'));
  if (description) offer.summary = description;

  const management: Record<string, unknown> = {};
  const lock = str(prop(d, 'lockLevel'));
  if (lock) management.lockLevel = lock;
  const auth = prop(d, 'authorizations');
  if (Array.isArray(auth) && auth.length) {
    management.authorizations = auth.filter(isObject).map((a) => ({ principalId: prop(a, 'principalId'), roleDefinitionId: prop(a, 'roleDefinitionId') }));
  }
  const deploymentMode = str(prop(prop(d, 'deploymentPolicy'), 'deploymentMode'));
  if (deploymentMode) management.deploymentPolicy = deploymentMode;
  const managementMode = str(prop(prop(d, 'managementPolicy'), 'mode'));
  if (managementMode) management.managementPolicy = managementMode;
  const locking = prop(d, 'lockingPolicy');
  const allowedActions = prop(locking, 'allowedActions');
  const allowedDataActions = prop(locking, 'allowedDataActions');
  if ((Array.isArray(allowedActions) && allowedActions.length) || (Array.isArray(allowedDataActions) && allowedDataActions.length)) {
    management.lockingPolicy = {
      ...(Array.isArray(allowedActions) && allowedActions.length ? { allowedActions } : {}),
      ...(Array.isArray(allowedDataActions) && allowedDataActions.length ? { allowedDataActions } : {}),
    };
  }
  const endpoints = prop(prop(d, 'notificationPolicy'), 'notificationEndpoints');
  if (Array.isArray(endpoints)) {
    const uris = endpoints.map((e) => str(prop(e, 'uri'))).filter((u): u is string => Boolean(u)).map((u) => withoutSecrets(u, notes)).filter((u): u is string => Boolean(u));
    if (uris.length) management.notificationEndpoints = uris;
  }
  const jit = prop(d, 'jitAccessPolicy');
  if (prop(jit, 'jitAccessEnabled') === true) {
    const mode = str(prop(jit, 'jitApprovalMode'))?.toLowerCase();
    const duration = str(prop(jit, 'maximumJitAccessDuration'));
    management.jitAccess = { enabled: true, ...(mode === 'automatic' || mode === 'manual' ? { approval: mode } : {}), ...(duration && /^PT([1-9]|1[0-9]|2[0-4])H$/.test(duration) ? { maximumDuration: duration } : {}) };
  }
  if (Object.keys(management).length) offer.management = management;

  const byDefinitionId = new Map([...library.policies.values()].map((p) => [p.policyDefinitionId.toLowerCase(), p]));
  const policies: unknown[] = [];
  const assigned = prop(d, 'policies');
  for (const p of Array.isArray(assigned) ? assigned : []) {
    const id = str(prop(p, 'policyDefinitionId'));
    const known = id ? byDefinitionId.get(id.toLowerCase()) : undefined;
    if (!known) {
      notes.push(`The policy ${str(prop(p, 'name')) ?? '?'} (${id ?? 'no definition id'}) is not in offerkit's policy library; it was not carried over: add it to policies/ or assign it another way.`);
      continue;
    }
    let given: Record<string, unknown> = {};
    const raw = prop(p, 'parameters');
    try {
      const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
      if (isObject(parsed)) given = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, isObject(v) && 'value' in v ? v.value : v]));
    } catch {
      notes.push(`The parameters of policy ${known.id} are not JSON; the library's defaults are used.`);
    }
    const parameters = dict<unknown>();
    for (const [k, v] of Object.entries(given)) {
      const spec = Object.hasOwn(known.parameters, k) ? known.parameters[k] : undefined;
      if (spec?.defaultFromOffer === '/regions/allowed' && Array.isArray(v)) offer.regions = { allowed: v };
      else if (!spec || !same(spec.default, v)) parameters[k] = v;
    }
    policies.push(Object.keys(parameters).length ? { id: known.id, parameters } : known.id);
  }
  if (policies.length) offer.policies = policies;
  return { offer, ...(planDisplayName ? { planDisplayName } : {}), notes };
}
