// `offerkit deploy`: install a plan as a customer would and say exactly why when it does not deploy. The order:
// the parameters against the template (nothing created yet), ARM's preflight of mainTemplate.json in the target
// resource group (policy denials, unavailable SKUs, quota), then — unless --what-if stops at ARM's what-if — a
// managed application from the plan's service-catalog definition (or, --inline, a plain deployment of the
// template into the resource group). A failure is read back from the failed deployment operations (nested
// deployments followed) and each is placed on its resource in mainTemplate.json. --delete removes the
// application, and with it its managed resource group.

import type { Diagnostic } from '../diagnostics.js';
import { UserError, hasErrors } from '../diagnostics.js';
import { deploymentsClient, managedAppsClient, resourcesClient, type AzureContext } from '../azure/clients.js';
import { portalLink } from '../azure/clouds.js';
import { definitionName } from '../publish/service-catalog/desired.js';
import { armErrorDiagnostics, typeAndName, type ArmError, type TemplateFile } from './arm-errors.js';
import { checkParameters, type ParametersInput } from './parameters.js';
import { textOf } from '../util/text-of.js';
import { registerSecret } from '../util/redact.js';
import type { Offer } from '../offer/model.js';
import { readBackGovernance, readBackPromises, type DeployedResource, type PromiseCheck } from './promises.js';

export interface DeployTarget {
  /** mainTemplate.json of the plan (as rendered, or as the package holds it). */
  template: TemplateFile;
  /** For an offer: its id and the plan (the service-catalog definition's name comes from them). */
  offerId?: string;
  plan?: string;
  /** The offer, whose promises (its policies' checks) are read back from what was deployed. */
  offer?: Offer;
}

export interface DeployOptions {
  ctx: AzureContext;
  resourceGroup: string;
  location: string;
  name: string;
  managedResourceGroup: string;
  parameters: ParametersInput;
  /** The definition's resource id; default: the plan's service-catalog definition in the resource group. */
  definition?: string;
  inline: boolean;
  whatIf: boolean;
  /** Between reads of an application that is still being installed (a re-run after an interruption). */
  pollMs?: number;
  progress?: (line: string) => void;
}

export interface DeployResult {
  mode: 'managed-application' | 'inline' | 'what-if' | 'delete';
  name: string;
  resourceGroup: string;
  managedResourceGroup?: string;
  state: string;
  outputs?: Record<string, unknown>;
  resources?: DeployedResource[];
  /** The offer's promises as read back from the deployed resources. */
  promises?: PromiseCheck[];
  changes?: { changeType: string; resourceId: string }[];
  portalUrl?: string;
  diagnostics: Diagnostic[];
}

const DEPLOYMENT_FAILED = 'deploy-failed';

function parseBody(text: string | null | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(e: unknown): ArmError {
  const err = e as { code?: string; message?: string; details?: { error?: ArmError } | ArmError; error?: ArmError };
  const inner = (err.details as { error?: ArmError } | undefined)?.error ?? err.error;
  return inner ?? { code: textOf(err.code ?? ''), message: textOf(err.message ?? '').split('\n')[0] };
}

/** The failed operations of a deployment, nested deployments followed, as diagnostics on the template. */
async function failedOperations(ctx: AzureContext, resourceGroup: string, deployment: string, template: TemplateFile, values: Record<string, { value: unknown }>, depth = 0): Promise<Diagnostic[]> {
  const client = await deploymentsClient(ctx);
  const out: Diagnostic[] = [];
  for await (const op of client.deploymentOperations.list(resourceGroup, deployment)) {
    const p = op.properties;
    if (p?.provisioningState !== 'Failed') continue;
    const target = p.targetResource;
    const type = textOf(target?.resourceType ?? '');
    const name = textOf(target?.resourceName ?? '');
    if (type.toLowerCase() === 'microsoft.resources/deployments' && name && depth < 5) {
      const nested = await failedOperations(ctx, resourceGroup, name, template, values, depth + 1).catch(() => [] as Diagnostic[]);
      if (nested.length) {
        out.push(...nested);
        continue;
      }
    }
    const error: ArmError = (p.statusMessage?.error) ?? { code: textOf(p.statusCode ?? 'Failed'), message: 'The operation failed.' };
    out.push(...armErrorDiagnostics(error, template, values, DEPLOYMENT_FAILED, type ? { type, name } : target?.id ? typeAndName(target.id) : undefined));
  }
  return out;
}

async function failedDeployments(ctx: AzureContext, resourceGroup: string, template: TemplateFile, values: Record<string, { value: unknown }>): Promise<Diagnostic[]> {
  const client = await deploymentsClient(ctx);
  const out: Diagnostic[] = [];
  for await (const d of client.deployments.listByResourceGroup(resourceGroup)) {
    if (d.properties?.provisioningState === 'Failed' && d.name) out.push(...(await failedOperations(ctx, resourceGroup, d.name, template, values)));
  }
  return out;
}

async function resourcesOf(ctx: AzureContext, resourceGroup: string): Promise<DeployedResource[]> {
  const client = await resourcesClient(ctx);
  const out: DeployedResource[] = [];
  for await (const r of client.resources.listByResourceGroup(resourceGroup)) out.push({ id: textOf(r.id ?? ''), type: textOf(r.type ?? ''), name: textOf(r.name ?? ''), ...(r.location ? { location: r.location } : {}) });
  return out;
}

/** What was deployed, and the offer's promises read back from it. */
async function deployed(ctx: AzureContext, resourceGroup: string, target: DeployTarget, say: (line: string) => void, managed = false): Promise<{ resources: DeployedResource[]; promises?: PromiseCheck[]; diagnostics: Diagnostic[] }> {
  const resources = await resourcesOf(ctx, resourceGroup);
  if (!target.offer) return { resources, diagnostics: [] };
  say("Reading the offer's promises back from Azure…");
  const read = await readBackPromises(ctx, target.offer, target.template.source.value, resources);
  // Policy assignments and the lock belong to a managed application's resource group, not to a plain deployment.
  const governance = managed ? await readBackGovernance(ctx, target.offer, `/subscriptions/${ctx.subscription}/resourceGroups/${resourceGroup}`) : { checks: [], diagnostics: [] };
  return { resources, promises: [...governance.checks, ...read.checks], diagnostics: [...governance.diagnostics, ...read.diagnostics] };
}

const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);

export async function deployPlan(target: DeployTarget, o: DeployOptions): Promise<DeployResult> {
  const say = o.progress ?? (() => undefined);
  const base = { name: o.name, resourceGroup: o.resourceGroup };
  const checked = checkParameters(target.template, o.parameters);
  // A secure value given in the parameters file is a secret too: ARM may quote it back in an error.
  for (const name of checked.secure) {
    const v = checked.parameters[name]?.value;
    registerSecret(typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v));
  }
  const diagnostics: Diagnostic[] = [...checked.diagnostics];
  if (hasErrors(diagnostics)) return { ...base, mode: o.whatIf ? 'what-if' : o.inline ? 'inline' : 'managed-application', state: 'NotStarted', diagnostics };
  const template = target.template.source.value as Record<string, unknown>;
  const deployment = { properties: { template, parameters: checked.parameters, mode: 'Incremental' as const } };
  const { ctx } = o;

  const groups = (await resourcesClient(ctx)).resourceGroups;
  say(`Resource group ${o.resourceGroup}…`);
  await groups.createOrUpdate(o.resourceGroup, { location: o.location });

  say('ARM preflight of mainTemplate.json…');
  const deployments = (await deploymentsClient(ctx)).deployments;
  // A refused validation is ARM's 400 with the reasons in its body; the SDK's poller reports only that it
  // failed, so the body is taken from the response itself.
  let refused: { error?: ArmError } | undefined;
  let validatedError: ArmError | undefined;
  try {
    const validated = await deployments.validate(o.resourceGroup, o.name, deployment, {
      onResponse: (raw) => {
        if (raw.status >= 400) refused = (raw.parsedBody ?? parseBody(raw.bodyAsText)) as { error?: ArmError } | undefined;
      },
    });
    validatedError = validated.error;
  } catch (e) {
    if (!refused?.error) throw e;
  }
  const preflightError = refused?.error ?? validatedError;
  if (preflightError) {
    diagnostics.push(...armErrorDiagnostics(preflightError, target.template, checked.parameters, 'deploy-preflight'));
    return { ...base, mode: o.whatIf ? 'what-if' : o.inline ? 'inline' : 'managed-application', state: 'PreflightFailed', diagnostics };
  }

  if (o.whatIf) {
    say('ARM what-if…');
    const result = await deployments.whatIf(o.resourceGroup, o.name, { properties: { template, parameters: checked.parameters, mode: 'Incremental' } });
    if (result.error) diagnostics.push(...armErrorDiagnostics(result.error, target.template, checked.parameters, 'deploy-preflight'));
    const changes = (result.changes ?? []).map((c) => ({ changeType: textOf(c.changeType), resourceId: textOf(c.resourceId ?? '') }));
    return { ...base, mode: 'what-if', state: textOf(result.status ?? 'Succeeded'), changes, diagnostics };
  }

  if (o.inline) {
    say(`Deploying mainTemplate.json into ${o.resourceGroup} (a plain deployment, not a managed application)…`);
    try {
      const done = await deployments.createOrUpdate(o.resourceGroup, o.name, deployment);
      const outputs = Object.fromEntries(Object.entries((done.properties?.outputs ?? {}) as Record<string, { value?: unknown }>).map(([k, v]) => [k, v.value]));
      const found = await deployed(ctx, o.resourceGroup, target, say);
      diagnostics.push(...found.diagnostics);
      return { ...base, mode: 'inline', state: textOf(done.properties?.provisioningState ?? 'Succeeded'), outputs, resources: found.resources, ...(found.promises ? { promises: found.promises } : {}), portalUrl: portalLink(ctx.cloud, `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}`), diagnostics };
    } catch (e) {
      const ops = await failedOperations(ctx, o.resourceGroup, o.name, target.template, checked.parameters);
      diagnostics.push(...(ops.length ? ops : armErrorDiagnostics(errorOf(e), target.template, checked.parameters, DEPLOYMENT_FAILED)));
      return { ...base, mode: 'inline', state: 'Failed', diagnostics };
    }
  }

  const definitionId = o.definition ?? (target.offerId && target.plan ? `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}/providers/Microsoft.Solutions/applicationDefinitions/${definitionName(target.offerId, target.plan)}` : undefined);
  if (!definitionId) throw new UserError({ code: 'deploy-no-definition', severity: 'error', message: 'A package has no service-catalog definition of its own: name one with --definition <resource id>, or deploy the template itself with --inline.' }, 2);
  const apps = await managedAppsClient(ctx);
  const defMatch = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Solutions\/applicationDefinitions\/([^/]+)$/i.exec(definitionId);
  if (!defMatch) throw new UserError({ code: 'deploy-no-definition', severity: 'error', message: `--definition ${JSON.stringify(definitionId)} is not an application definition's resource id.` }, 2);
  try {
    await apps.applicationDefinitions.get(defMatch[1], defMatch[2]);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    throw new UserError({ code: 'deploy-no-definition', severity: 'error', message: `There is no application definition ${defMatch[2]} in resource group ${defMatch[1]}.`, hint: o.definition ? 'Check the id.' : `Publish the plan first (offerkit publish <offer> --to service-catalog --resource-group ${o.resourceGroup}), name another with --definition, or deploy the template itself with --inline.` }, 1);
  }
  const managedResourceGroupId = `/subscriptions/${ctx.subscription}/resourceGroups/${o.managedResourceGroup}`;
  const result = { ...base, mode: 'managed-application' as const, managedResourceGroup: o.managedResourceGroup, portalUrl: portalLink(ctx.cloud, `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}/providers/Microsoft.Solutions/applications/${o.name}`) };
  const finished = async (app: { provisioningState?: string; outputs?: unknown }) => {
    const outputs = Object.fromEntries(Object.entries((app.outputs ?? {}) as Record<string, { value?: unknown }>).map(([k, v]) => [k, v.value]));
    const found = await deployed(ctx, o.managedResourceGroup, target, say, true);
    diagnostics.push(...found.diagnostics);
    return { ...result, state: textOf(app.provisioningState ?? 'Succeeded'), outputs, resources: found.resources, ...(found.promises ? { promises: found.promises } : {}), diagnostics };
  };
  // A re-run with the same --name: an install still under way (the last run was interrupted) is waited for, one
  // that finished is reported; one from another definition or managed resource group is not touched.
  let existing: Awaited<ReturnType<typeof apps.applications.get>> | undefined;
  try {
    existing = await apps.applications.get(o.resourceGroup, o.name);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
  // The client answers a 404 with an empty application rather than an error.
  if (existing?.id) {
    const sameDefinition = textOf(existing.applicationDefinitionId ?? '').toLowerCase() === definitionId.toLowerCase();
    const sameGroup = textOf(existing.managedResourceGroupId ?? '').toLowerCase() === managedResourceGroupId.toLowerCase();
    if (!sameDefinition || !sameGroup) {
      throw new UserError({ code: 'deploy-exists', severity: 'error', message: `A managed application ${o.name} already exists in ${o.resourceGroup}, from ${sameDefinition ? `managed resource group ${textOf(existing.managedResourceGroupId).split('/').pop()}` : `definition ${textOf(existing.applicationDefinitionId).split('/').pop()}`}.`, hint: `Remove it first with offerkit deploy --delete --name ${o.name}, or choose another --name.` }, 1);
    }
    let app = existing;
    while (!TERMINAL.has(textOf(app.provisioningState))) {
      say(`Managed application ${o.name} is still being installed (${textOf(app.provisioningState)}); waiting…`);
      await new Promise((r) => setTimeout(r, o.pollMs ?? 10000));
      app = await apps.applications.get(o.resourceGroup, o.name);
    }
    diagnostics.push({ code: 'deploy-already-installed', severity: 'info', message: `Managed application ${o.name} was already installed by an earlier run; it is reported as it is (offerkit deploy --delete --name ${o.name} removes it).` });
    if (app.provisioningState === 'Succeeded') return finished(app);
    diagnostics.push(...(await failedDeployments(ctx, o.managedResourceGroup, target.template, checked.parameters).catch(() => [] as Diagnostic[])));
    if (!hasErrors(diagnostics)) diagnostics.push({ code: DEPLOYMENT_FAILED, severity: 'error', message: `Managed application ${o.name} is ${textOf(app.provisioningState)}.` });
    return { ...result, state: textOf(app.provisioningState), diagnostics };
  }
  say(`Installing managed application ${o.name} (managed resource group ${o.managedResourceGroup})…`);
  try {
    return await finished(await apps.applications.beginCreateOrUpdateAndWait(o.resourceGroup, o.name, { location: o.location, kind: 'ServiceCatalog', managedResourceGroupId, applicationDefinitionId: definitionId, parameters: checked.parameters }));
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 409) throw new UserError({ code: 'deploy-exists', severity: 'error', message: `${textOf((e as Error).message).split('\n')[0]}`, hint: `Choose another --managed-resource-group, or remove what holds the name (offerkit deploy --delete --name <application>).` }, 1);
    // Reading the failure back is best effort: without it, ARM's own message is said.
    const ops = await failedDeployments(ctx, o.managedResourceGroup, target.template, checked.parameters).catch(() => [] as Diagnostic[]);
    diagnostics.push(...(ops.length ? ops : armErrorDiagnostics(errorOf(e), target.template, checked.parameters, DEPLOYMENT_FAILED)));
    return { ...result, state: 'Failed', diagnostics };
  }
}

export async function deletePlan(ctx: AzureContext, resourceGroup: string, name: string, progress?: (line: string) => void): Promise<DeployResult> {
  const apps = await managedAppsClient(ctx);
  progress?.(`Deleting managed application ${name} and its managed resource group…`);
  let existed = true;
  try {
    existed = Boolean((await apps.applications.get(resourceGroup, name)).id);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    existed = false;
  }
  if (existed) await apps.applications.beginDeleteAndWait(resourceGroup, name);
  return { mode: 'delete', name, resourceGroup, state: existed ? 'Deleted' : 'NotFound', diagnostics: existed ? [] : [{ code: 'deploy-delete-absent', severity: 'info', message: `There is no managed application ${name} in resource group ${resourceGroup}; nothing to delete.` }] };
}
