// The Microsoft.Solutions/applicationDefinitions properties a plan publishes with (everything except
// the package itself), as written to dist/<offer>/<plan>/definition.json and sent by `publish`.

import type { Diagnostic } from '../diagnostics.js';
import type { Offer, Plan } from '../offer/model.js';

export interface ApplicationDefinitionProperties {
  displayName: string;
  description: string;
  lockLevel: 'None' | 'CanNotDelete' | 'ReadOnly';
  authorizations: { principalId: string; roleDefinitionId: string }[];
  policies: { name: string; policyDefinitionId: string; parameters: string }[];
  deploymentPolicy: { deploymentMode: 'Incremental' | 'Complete' };
  managementPolicy: { mode: 'Managed' | 'Unmanaged' };
  lockingPolicy?: { allowedActions: string[]; allowedDataActions: string[] };
  notificationPolicy?: { notificationEndpoints: { uri: string }[] };
  isEnabled: boolean;
}

/** ARM limits for applicationDefinitions (2021-07-01). */
const DISPLAY_NAME_MAX = 60;
const DESCRIPTION_MAX = 200;

export function definitionProperties(offer: Offer, plan: Plan): { properties: ApplicationDefinitionProperties; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let displayName = `${offer.displayName} (${plan.displayName})`;
  if (displayName.length > DISPLAY_NAME_MAX) {
    displayName = `${displayName.slice(0, DISPLAY_NAME_MAX - 1)}…`;
    diagnostics.push({ code: 'definition-display-name-truncated', severity: 'warning', message: `The definition display name "${offer.displayName} (${plan.displayName})" is longer than ARM's ${DISPLAY_NAME_MAX} characters; it is shortened to "${displayName}".`, file: offer.file, pointer: '/displayName' });
  }
  let description = offer.summary;
  if (description.length > DESCRIPTION_MAX) description = `${description.slice(0, DESCRIPTION_MAX - 1)}…`;
  const m = offer.management;
  const properties: ApplicationDefinitionProperties = {
    displayName,
    description,
    lockLevel: m.lockLevel,
    authorizations: m.authorizations.map((a) => ({ principalId: a.principalId, roleDefinitionId: a.roleDefinitionId })),
    policies: offer.policies.map((p) => ({
      name: p.policy.id,
      policyDefinitionId: p.policy.policyDefinitionId,
      parameters: JSON.stringify(Object.fromEntries(Object.entries(p.parameters).map(([k, v]) => [k, { value: v }]))),
    })),
    deploymentPolicy: { deploymentMode: m.deploymentPolicy },
    managementPolicy: { mode: m.managementPolicy },
    ...(m.lockingPolicy ? { lockingPolicy: { allowedActions: m.lockingPolicy.allowedActions, allowedDataActions: m.lockingPolicy.allowedDataActions } } : {}),
    ...(m.notificationEndpoints.length ? { notificationPolicy: { notificationEndpoints: m.notificationEndpoints.map((uri) => ({ uri })) } } : {}),
    isEnabled: m.isEnabled,
  };
  return { properties, diagnostics };
}
