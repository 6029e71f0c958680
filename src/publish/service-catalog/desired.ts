// The applicationDefinition a plan should have in Azure, and the differences between it and what is
// live: the basis of publish (what to change), --dry-run and `definitions diff`.

import type { ApplicationDefinitionProperties } from '../../render/definition.js';
import { OFFERKIT_VERSION } from '../../version.js';

export const TAG_VERSION = 'offerkit-version';
export const TAG_SHA = 'offerkit-package-sha256';
export const TAG_OFFER = 'offerkit-offer';
export const TAG_PLAN = 'offerkit-plan';
export const TAG_PLAN_VERSION = 'offerkit-plan-version';

export type Delivery = { kind: 'url'; packageFileUri: string } | { kind: 'inline'; mainTemplate: unknown; createUiDefinition: unknown };

/** The request body fields (the SDK model flattens `properties`). */
export interface DefinitionModel {
  location: string;
  tags: Record<string, string>;
  displayName?: string;
  description?: string;
  lockLevel: string;
  isEnabled?: boolean;
  authorizations?: { principalId: string; roleDefinitionId: string }[];
  policies?: { name?: string; policyDefinitionId?: string; parameters?: string }[];
  deploymentPolicy?: { deploymentMode: string };
  managementPolicy?: { mode?: string };
  lockingPolicy?: { allowedActions?: string[]; allowedDataActions?: string[] };
  notificationPolicy?: { notificationEndpoints: { uri: string }[] };
  packageFileUri?: string;
  mainTemplate?: unknown;
  createUiDefinition?: unknown;
  id?: string;
  provisioningState?: string;
}

export function definitionName(offerId: string, planId: string): string {
  return `${offerId}-${planId}`.slice(0, 64);
}

export function desiredDefinition(
  props: ApplicationDefinitionProperties,
  meta: { location: string; offerId: string; planId: string; planVersion: string; sha256: string },
  delivery: Delivery,
): DefinitionModel {
  return {
    location: meta.location,
    tags: { [TAG_VERSION]: OFFERKIT_VERSION, [TAG_SHA]: meta.sha256, [TAG_OFFER]: meta.offerId, [TAG_PLAN]: meta.planId, [TAG_PLAN_VERSION]: meta.planVersion },
    displayName: props.displayName,
    description: props.description,
    lockLevel: props.lockLevel,
    isEnabled: props.isEnabled,
    authorizations: props.authorizations,
    policies: props.policies,
    deploymentPolicy: props.deploymentPolicy,
    managementPolicy: props.managementPolicy,
    ...(props.lockingPolicy ? { lockingPolicy: props.lockingPolicy } : {}),
    ...(props.notificationPolicy ? { notificationPolicy: props.notificationPolicy } : {}),
    ...(delivery.kind === 'url' ? { packageFileUri: delivery.packageFileUri } : { mainTemplate: delivery.mainTemplate, createUiDefinition: delivery.createUiDefinition }),
  };
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

const lower = (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s);
/** Policy parameters as canonical JSON text (a definition made elsewhere may hold text that is not JSON). */
const canonicalParameters = (p: string | undefined): string | null => {
  if (!p) return null;
  try {
    return JSON.stringify(JSON.parse(p));
  } catch {
    return p;
  }
};
/** The package location without its SAS: a fresh SAS alone is not a change. */
const packageLocation = (u: unknown) => (typeof u === 'string' ? u.split('?')[0] : undefined);

/** Comparable form: order-insensitive lists, case-insensitive ids, the package by hash and location. */
export function comparable(d: DefinitionModel | undefined): Record<string, unknown> {
  if (!d) return {};
  const sortJson = <T>(xs: T[] | undefined) => (xs ?? []).map((x) => JSON.stringify(x)).sort();
  return {
    location: lower(d.location),
    displayName: d.displayName ?? null,
    description: d.description ?? null,
    lockLevel: d.lockLevel ?? null,
    isEnabled: d.isEnabled ?? true,
    authorizations: sortJson((d.authorizations ?? []).map((a) => ({ principalId: lower(a.principalId), roleDefinitionId: lower(a.roleDefinitionId) }))),
    policies: sortJson((d.policies ?? []).map((p) => ({ name: p.name ?? null, policyDefinitionId: lower(p.policyDefinitionId) ?? null, parameters: canonicalParameters(p.parameters) }))),
    deploymentMode: d.deploymentPolicy?.deploymentMode ?? null,
    managementMode: d.managementPolicy?.mode ?? null,
    allowedActions: [...(d.lockingPolicy?.allowedActions ?? [])].sort(),
    allowedDataActions: [...(d.lockingPolicy?.allowedDataActions ?? [])].sort(),
    notificationEndpoints: (d.notificationPolicy?.notificationEndpoints ?? []).map((e) => e.uri).sort(),
    package: d.tags?.[TAG_SHA] ?? null,
    delivery: d.packageFileUri ? `url:${packageLocation(d.packageFileUri)}` : d.mainTemplate ? 'inline' : null,
    offerkitVersion: d.tags?.[TAG_VERSION] ?? null,
  };
}

export function diffDefinitions(live: DefinitionModel | undefined, desired: DefinitionModel): Change[] {
  const a = comparable(live);
  const b = comparable(desired);
  if (!live) return [{ field: 'definition', from: null, to: 'created' }];
  const out: Change[] = [];
  for (const k of Object.keys(b)) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push({ field: k, from: a[k] ?? null, to: b[k] });
  }
  return out;
}
