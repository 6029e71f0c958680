// ARM's preflight (validate) and what-if of the deployment an install will make, where it will make it. A
// resource group that exists is validated in place. One that does not exist yet — always the managed resource
// group of a new managed application, and a new group for --inline — is validated from the subscription: a
// template that creates the group and deploys the template into it (a nested deployment with inner expression
// scope), so resourceGroup().id, and every name built with uniqueString from it, is the group's that the install
// will use, and nothing is created (validate and what-if only predict). Parameters pass through the wrapper as
// its own parameters of the same types, so a secure value stays a secure parameter and never becomes template
// text. Each request body is sent as offerkit built it (exactBody: prototype-free parameter maps, a parameter
// named __proto__ included).

import { deploymentsClient, exactBody, type AzureContext } from '../azure/clients.js';
import type { ArmError } from './arm-errors.js';

export interface DeploymentRequest {
  template: Record<string, unknown>;
  /** What the deployment sends ({ name: { value } } or a Key Vault reference); prototype-free. */
  parameters: Record<string, unknown>;
  /** Declared type of each parameter (lower-case). */
  types: Record<string, string>;
  resourceGroup: string;
  /** The group does not exist yet: validate from the subscription, creating it in this location. */
  newGroupLocation?: string;
  deploymentName: string;
}

export interface WhatIfResult {
  status: string;
  changes: { changeType: string; resourceId: string; unsupportedReason?: string }[];
  potentialChanges: { changeType: string; resourceId: string }[];
  diagnostics: { level?: string; code?: string; message?: string; target?: string }[];
  error?: ArmError;
}

const WRAPPER_TYPES: Record<string, string> = { securestring: 'securestring', secureobject: 'secureObject', string: 'string', int: 'int', bool: 'bool', object: 'object', array: 'array' };
/** The deployments API version the wrapper's own resources use (ARM's current stable one when this was written). */
const RESOURCES_API = '2022-09-01';

/** The subscription-scope template that creates the group and deploys the template into it. */
export function wrapperTemplate(req: DeploymentRequest, location: string): { template: Record<string, unknown>; parameters: Record<string, unknown> } {
  const declared = Object.create(null) as Record<string, unknown>;
  const passed = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(req.parameters)) {
    declared[name] = { type: WRAPPER_TYPES[req.types[name] ?? ''] ?? 'object' };
    passed[name] = { value: `[parameters('${name.replace(/'/g, "''")}')]` };
  }
  const groupId = `[subscriptionResourceId('Microsoft.Resources/resourceGroups', '${req.resourceGroup}')]`;
  return {
    template: {
      $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: declared,
      resources: [
        { type: 'Microsoft.Resources/resourceGroups', apiVersion: RESOURCES_API, name: req.resourceGroup, location },
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: RESOURCES_API,
          name: req.deploymentName,
          resourceGroup: req.resourceGroup,
          dependsOn: [groupId],
          properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: req.template, parameters: passed },
        },
      ],
    },
    parameters: req.parameters,
  };
}

/** Deployment names are at most 64 characters. */
const preflightName = (name: string) => `offerkit-preflight-${name}`.slice(0, 64);

function errorOfBody(body: unknown): ArmError | undefined {
  const e = (body as { error?: ArmError } | undefined)?.error;
  return e && typeof e === 'object' ? e : undefined;
}

function parseText(text: string | null | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** ARM's preflight of the request: its error, or nothing when ARM accepts it. */
export async function validateDeployment(ctx: AzureContext, req: DeploymentRequest): Promise<ArmError | undefined> {
  const deployments = (await deploymentsClient(ctx)).deployments;
  let refused: ArmError | undefined;
  const onResponse = (raw: { status: number; parsedBody?: unknown; bodyAsText?: string | null }) => {
    if (raw.status >= 400) refused = errorOfBody(raw.parsedBody ?? parseText(raw.bodyAsText)) ?? refused;
  };
  const location = req.newGroupLocation;
  const body = location ? { location, properties: { mode: 'Incremental' as const, ...wrapperTemplate(req, location) } } : { properties: { mode: 'Incremental' as const, template: req.template, parameters: req.parameters } };
  const exact = exactBody(body);
  try {
    const validated = location
      ? await deployments.beginValidateAtSubscriptionScopeAndWait(preflightName(req.deploymentName), body as never, { onResponse, requestOptions: exact.requestOptions })
      : await deployments.beginValidateAndWait(req.resourceGroup, req.deploymentName, body as never, { onResponse, requestOptions: exact.requestOptions });
    return refused ?? (validated.error) ?? undefined;
  } catch (e) {
    // A refusal is ARM's 400 with the reasons in its body; the poller may report only that it failed.
    if (refused) return refused;
    throw e;
  } finally {
    exact.release();
  }
}

/** ARM's what-if of the request. */
export async function whatIfDeployment(ctx: AzureContext, req: DeploymentRequest): Promise<WhatIfResult> {
  const deployments = (await deploymentsClient(ctx)).deployments;
  const location = req.newGroupLocation;
  const body = location ? { location, properties: { mode: 'Incremental' as const, ...wrapperTemplate(req, location) } } : { properties: { mode: 'Incremental' as const, template: req.template, parameters: req.parameters } };
  const exact = exactBody(body);
  let refused: ArmError | undefined;
  const onResponse = (raw: { status: number; parsedBody?: unknown; bodyAsText?: string | null }) => {
    if (raw.status >= 400) refused = errorOfBody(raw.parsedBody ?? parseText(raw.bodyAsText)) ?? refused;
  };
  try {
    const r = location
      ? await deployments.beginWhatIfAtSubscriptionScopeAndWait(preflightName(req.deploymentName), body as never, { onResponse, requestOptions: exact.requestOptions })
      : await deployments.beginWhatIfAndWait(req.resourceGroup, req.deploymentName, body as never, { onResponse, requestOptions: exact.requestOptions });
    const change = (c: { changeType?: string; resourceId?: string; unsupportedReason?: string }) => ({ changeType: String(c.changeType ?? ''), resourceId: String(c.resourceId ?? ''), ...(c.unsupportedReason ? { unsupportedReason: String(c.unsupportedReason) } : {}) });
    return {
      status: String(r.status ?? 'Succeeded'),
      changes: (r.changes ?? []).map(change),
      potentialChanges: (r.potentialChanges ?? []).map(change),
      diagnostics: (r.diagnostics ?? []).map((d) => ({ level: d.level, code: d.code, message: d.message, ...(d.target ? { target: d.target } : {}) })),
      ...(r.error ? { error: r.error } : {}),
    };
  } catch (e) {
    if (refused) return { status: 'Failed', changes: [], potentialChanges: [], diagnostics: [], error: refused };
    throw e;
  } finally {
    exact.release();
  }
}
