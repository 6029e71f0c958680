// `offerkit deploy`: install a plan as a customer would and say exactly why when it does not deploy. The order,
// so that nothing is created before everything that can be checked is: what will be installed (the definition's
// own package — read, or compared by hash with the local build — or a marketplace plan, or --inline the template
// itself); its parameters against that template and ARM's documented limits; an existing application of that
// name (a re-run reports it); the marketplace plan's terms; ARM's preflight and what-if of the deployment where
// the install will make it (a managed application's new managed resource group, validated from the
// subscription, so names built from resourceGroup().id are the ones the install gets). Only then is the
// application's resource group created — when it does not exist; an existing one is never written — and the
// install started. A failure is said from ARM's answers (the failed operations and the long-running operation's
// error, each once, placed on its resource); a success is read back (what was deployed, the offer's promises).

import type { Diagnostic } from '../diagnostics.js';
import { UserError, hasErrors } from '../diagnostics.js';
import { deploymentsClient, describeAzureError, exactBody, managedAppsClient, resourcesClient, type AzureContext } from '../azure/clients.js';
import { portalLink } from '../azure/clouds.js';
import { definitionName } from '../publish/service-catalog/desired.js';
import { textOf } from '../util/text-of.js';
import { registerSecureValue } from '../util/redact.js';
import type { Offer } from '../offer/model.js';
import { armErrorDiagnostics, type ArmError, type Placement, type TemplateFile } from './arm-errors.js';
import { definitionPackage } from './definition-package.js';
import { DEPLOYMENT_FAILED, failureDiagnostics } from './failures.js';
import { ensureTerms, type MarketplacePlan } from './marketplace-terms.js';
import { checkParameters, type ParametersInput } from './parameters.js';
import { validateDeployment, whatIfDeployment, type DeploymentRequest } from './preflight.js';
import { listResources, readBackGovernance, readBackPromises, type DeployedResource, type PromiseCheck } from './promises.js';
import { resourceNames } from './resource-names.js';
import { templateLimitFindings } from './template-limits.js';
import { notForeseen } from './what-if-notes.js';

export interface DeployTarget {
  /** mainTemplate.json of the plan (as rendered, or as the package holds it). */
  template: TemplateFile;
  /** For an offer: its id and the plan (the service-catalog definition's name comes from them). */
  offerId?: string;
  plan?: string;
  /** The offer, whose promises (its policies' checks) are read back from what was deployed. */
  offer?: Offer;
  /** sha256 of the package as built (an offer's plan) or given (an app.zip): what a definition's tag is compared with. */
  packageSha256?: string;
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
  /** Install the plan of a published marketplace offer (kind MarketPlace) instead of a definition. */
  marketplace?: { plan: MarketplacePlan; acceptTerms: boolean };
  inline: boolean;
  whatIf: boolean;
  /** Between reads of an application that is still being installed (a re-run after an interruption). */
  pollMs?: number;
  progress?: (line: string) => void;
}

export interface DeployResult {
  mode: 'managed-application' | 'inline' | 'what-if' | 'delete';
  /** The application's kind (managed applications). */
  kind?: 'ServiceCatalog' | 'MarketPlace';
  name: string;
  resourceGroup: string;
  managedResourceGroup?: string;
  state: string;
  /** What the install deploys: the definition and whether its package is the local build. */
  definition?: { id: string; package: 'same' | 'differs' | 'unread'; evidence: string };
  plan?: MarketplacePlan;
  /** What happened to the application's resource group: it existed, was created, or would be. */
  resourceGroupAction?: 'exists' | 'created' | 'would-create' | 'not-created';
  outputs?: Record<string, unknown>;
  resources?: DeployedResource[];
  /** The offer's promises as read back from the deployed resources. */
  promises?: PromiseCheck[];
  /** What-if: where it predicted, its changes, and what it cannot foresee. */
  whatIfScope?: string;
  changes?: { changeType: string; resourceId: string; unsupportedReason?: string }[];
  notForeseen?: string[];
  portalUrl?: string;
  diagnostics: Diagnostic[];
}

const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);

function parseJson(text: string | null | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;

export async function deployPlan(target: DeployTarget, o: DeployOptions): Promise<DeployResult> {
  const say = o.progress ?? (() => undefined);
  const { ctx } = o;
  const managed = !o.inline;
  const mode = o.whatIf ? 'what-if' : managed ? 'managed-application' : 'inline';
  const kind = managed ? (o.marketplace ? 'MarketPlace' : 'ServiceCatalog') : undefined;
  const result: Omit<DeployResult, 'state' | 'diagnostics'> = { mode, ...(kind ? { kind } : {}), name: o.name, resourceGroup: o.resourceGroup, ...(managed ? { managedResourceGroup: o.managedResourceGroup } : {}), ...(o.marketplace ? { plan: o.marketplace.plan } : {}) };
  const diagnostics: Diagnostic[] = [];
  const stop = (state: string, extra: Partial<DeployResult> = {}): DeployResult => ({ ...result, ...extra, state, diagnostics });

  // 1. What will be installed.
  let template = target.template;
  let definitionId: string | undefined;
  if (managed && !o.marketplace) {
    definitionId = o.definition ?? (target.offerId && target.plan ? `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}/providers/Microsoft.Solutions/applicationDefinitions/${definitionName(target.offerId, target.plan)}` : undefined);
    if (!definitionId) throw new UserError({ code: 'deploy-no-definition', severity: 'error', message: 'A package has no service-catalog definition of its own: name one with --definition <resource id>, install a marketplace plan with --marketplace, or deploy the template itself with --inline.' }, 2);
    say(`Reading definition ${definitionId.split('/').pop()}…`);
    const def = await definitionPackage(ctx, definitionId, { template: target.template, ...(target.packageSha256 ? { sha256: target.packageSha256 } : {}) }, o.definition ? 'Check the id (offerkit definitions list shows the definitions of a resource group).' : `Publish the plan first (offerkit publish <offer> --to service-catalog --resource-group ${o.resourceGroup}), name another with --definition, or deploy the template itself with --inline.`);
    template = def.template;
    result.definition = { id: def.id, package: def.package, evidence: def.evidence };
    diagnostics.push(...def.diagnostics);
  } else if (o.marketplace) {
    diagnostics.push({ code: 'deploy-marketplace-local', severity: 'info', message: `A marketplace plan's package cannot be read by a customer: the preflight checks the local build of the plan (${target.template.display}), which must be what is published as ${o.marketplace.plan.publisher}/${o.marketplace.plan.product}/${o.marketplace.plan.name} version ${o.marketplace.plan.version}.` });
  }

  // 2. Its parameters and ARM's limits; secure values are secrets from here on, whatever their length.
  const checked = checkParameters(template, o.parameters);
  for (const value of checked.secureValues) registerSecureValue(value);
  diagnostics.push(...checked.diagnostics, ...templateLimitFindings(template, checked.parameters));
  if (hasErrors(diagnostics)) return stop('NotStarted');

  const groups = (await resourcesClient(ctx)).resourceGroups;
  const rgExists = (await groups.checkExistence(o.resourceGroup)).body;
  const apps = managed ? await managedAppsClient(ctx) : undefined;
  const managedResourceGroupId = `/subscriptions/${ctx.subscription}/resourceGroups/${o.managedResourceGroup}`;
  const portalUrl = portalLink(ctx.cloud, managed ? `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}/providers/Microsoft.Solutions/applications/${o.name}` : `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}`);
  const parameterValues = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(checked.parameters)) if (v && typeof v === 'object' && 'value' in v) parameterValues[k] = v.value;
  const placement = (resourceGroup: string): Placement => ({ template, names: resourceNames(template.source.value, parameterValues, { subscription: ctx.subscription, resourceGroup, location: o.location, deploymentName: o.name }) });
  const installGroup = managed ? o.managedResourceGroup : o.resourceGroup;

  // 3. A re-run with the same --name: an install still under way is waited for, one that finished is reported;
  // one from another definition, plan or managed resource group is not touched.
  if (apps && rgExists && !o.whatIf) {
    let existing: Awaited<ReturnType<typeof apps.applications.get>> | undefined;
    try {
      existing = await apps.applications.get(o.resourceGroup, o.name);
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
    if (existing?.id) {
      const sameSource = o.marketplace ? textOf(existing.plan?.name).toLowerCase() === o.marketplace.plan.name.toLowerCase() && textOf(existing.plan?.product).toLowerCase() === o.marketplace.plan.product.toLowerCase() : textOf(existing.applicationDefinitionId ?? '').toLowerCase() === (definitionId ?? '').toLowerCase();
      const sameGroup = textOf(existing.managedResourceGroupId ?? '').toLowerCase() === managedResourceGroupId.toLowerCase();
      if (!sameSource || !sameGroup) throw new UserError({ code: 'deploy-exists', severity: 'error', message: `A managed application ${o.name} already exists in ${o.resourceGroup}, from ${sameSource ? `managed resource group ${textOf(existing.managedResourceGroupId).split('/').pop()}` : o.marketplace ? `plan ${textOf(existing.plan?.name) || textOf(existing.applicationDefinitionId).split('/').pop()}` : `definition ${textOf(existing.applicationDefinitionId).split('/').pop() || textOf(existing.plan?.name)}`}.`, hint: `Remove it first with offerkit deploy --delete --name ${o.name}, or choose another --name.` }, 1);
      let app = existing;
      while (!TERMINAL.has(textOf(app.provisioningState))) {
        say(`Managed application ${o.name} is still being installed (${textOf(app.provisioningState)}); waiting…`);
        await new Promise((r) => setTimeout(r, o.pollMs ?? 10000));
        app = await apps.applications.get(o.resourceGroup, o.name);
      }
      diagnostics.push({ code: 'deploy-already-installed', severity: 'info', message: `Managed application ${o.name} was already installed by an earlier run; it is reported as it is (offerkit deploy --delete --name ${o.name} removes it).` });
      if (app.provisioningState === 'Succeeded') return { ...result, resourceGroupAction: 'exists', ...(await finished(app, o.managedResourceGroup)) };
      diagnostics.push(...(await failureDiagnostics(ctx, o.managedResourceGroup, [o.name], undefined, placement(o.managedResourceGroup), { otherFailedDeployments: true })).diagnostics);
      if (!hasErrors(diagnostics)) diagnostics.push({ code: DEPLOYMENT_FAILED, severity: 'error', message: `Managed application ${o.name} is ${textOf(app.provisioningState)}.` });
      return { ...result, resourceGroupAction: 'exists', state: textOf(app.provisioningState), diagnostics };
    }
  }
  // The managed resource group is the install's to create. Only what-if of an application already installed
  // under this name looks into the one it made.
  let installGroupExists = false;
  if (managed && (await groups.checkExistence(o.managedResourceGroup)).body) {
    const managedBy = textOf((await groups.get(o.managedResourceGroup)).managedBy ?? '').toLowerCase();
    const appId = `/subscriptions/${ctx.subscription}/resourceGroups/${o.resourceGroup}/providers/Microsoft.Solutions/applications/${o.name}`.toLowerCase();
    if (!(o.whatIf && managedBy === appId)) {
      diagnostics.push({ code: 'deploy-exists', severity: 'error', message: `Resource group ${o.managedResourceGroup} already exists; a managed application's managed resource group is created by the install and must not exist. Nothing was created.`, hint: 'Choose another --managed-resource-group (or --name), or remove what holds the name (offerkit deploy --delete --name <application>).' });
      return stop('NotStarted');
    }
    installGroupExists = true;
    diagnostics.push({ code: 'deploy-already-installed', severity: 'info', message: `Managed application ${o.name} is installed already: what-if compares with what its managed resource group ${o.managedResourceGroup} holds.` });
  }

  // 4. The marketplace plan's terms (read for what-if; accepted when asked, before anything is created).
  if (o.marketplace) {
    say(`Terms of plan ${o.marketplace.plan.name}…`);
    const terms = await ensureTerms(ctx, o.marketplace.plan, o.marketplace.acceptTerms && !o.whatIf);
    if (o.whatIf) diagnostics.push(...terms.diagnostics.map((d) => ({ ...d, severity: 'warning' as const, message: `${d.message} The install would be refused until they are.` })));
    else diagnostics.push(...terms.diagnostics);
    if (terms.accepted) diagnostics.push({ code: 'deploy-marketplace-terms-accepted', severity: 'info', message: `The terms of plan ${o.marketplace.plan.name} were accepted for subscription ${ctx.subscription} (--accept-terms).` });
    if (hasErrors(diagnostics)) return stop('NotStarted');
  }

  // 5. ARM's preflight and what-if, where the install will deploy. Nothing is created by either.
  const newGroup = managed ? !installGroupExists : !rgExists;
  const request: DeploymentRequest = { template: template.source.value as Record<string, unknown>, parameters: checked.parameters, types: checked.types, resourceGroup: installGroup, deploymentName: o.name, ...(newGroup ? { newGroupLocation: o.location } : {}) };
  const where = managed ? `managed resource group ${installGroup}${newGroup ? ' (created by the install)' : ''}` : `resource group ${installGroup}${newGroup ? ' (to be created)' : ''}`;
  say(`ARM preflight of mainTemplate.json in ${where}…`);
  const refused = await validateDeployment(ctx, request);
  if (refused) {
    diagnostics.push(...armErrorDiagnostics(refused, placement(installGroup), 'deploy-preflight'));
    return stop('PreflightFailed');
  }
  if (o.whatIf) {
    say('ARM what-if…');
    const w = await whatIfDeployment(ctx, request);
    if (w.error) diagnostics.push(...armErrorDiagnostics(w.error, placement(installGroup), 'deploy-preflight'));
    for (const d of w.diagnostics) diagnostics.push({ code: 'deploy-what-if', severity: String(d.level).toLowerCase() === 'error' ? 'error' : 'warning', message: `What-if ${textOf(d.code)}${d.target ? ` for ${textOf(d.target)}` : ''}: ${textOf(d.message)}` });
    const notes = notForeseen({ template, names: placement(installGroup).names, managed, changes: w.changes, ...(result.definition ? { definition: result.definition.package } : {}), marketplace: Boolean(o.marketplace) });
    return stop(w.status, { mode: 'what-if', whatIfScope: where, changes: [...w.changes, ...w.potentialChanges], notForeseen: notes, resourceGroupAction: rgExists ? 'exists' : 'would-create' });
  }

  // 6. The application's resource group: created only when absent, never written over.
  if (!rgExists) {
    say(`Creating resource group ${o.resourceGroup} in ${o.location}…`);
    await groups.createOrUpdate(o.resourceGroup, { location: o.location });
  }
  result.resourceGroupAction = rgExists ? 'exists' : 'created';

  // 7. The install.
  if (!apps) {
    say(`Deploying mainTemplate.json into ${o.resourceGroup} (a plain deployment, not a managed application)…`);
    const deployments = (await deploymentsClient(ctx)).deployments;
    const body = { properties: { template: request.template, parameters: request.parameters, mode: 'Incremental' as const } };
    const exact = exactBody(body);
    try {
      const done = await deployments.beginCreateOrUpdateAndWait(o.resourceGroup, o.name, body as never, { requestOptions: exact.requestOptions });
      const outputs = Object.fromEntries(Object.entries((done.properties?.outputs ?? {}) as Record<string, { value?: unknown }>).map(([k, v]) => [k, v.value]));
      return { ...result, ...(await finished({ provisioningState: done.properties?.provisioningState, outputs: done.properties?.outputs }, o.resourceGroup, outputs)), portalUrl };
    } catch (e) {
      if (statusOf(e) === 409) throw new UserError({ code: 'deploy-exists', severity: 'error', message: describeAzureError(e) }, 1);
      // The deployment's own error (DeploymentFailed with its details) is read back; then its operations.
      const failed = await deployments.get(o.resourceGroup, o.name).catch(() => undefined);
      const lroError = (failed?.properties?.error) ?? { code: textOf((e as { code?: string }).code) || 'DeploymentFailed', message: textOf((e as Error).message).split('\n')[0] };
      diagnostics.push(...(await failureDiagnostics(ctx, o.resourceGroup, [o.name], lroError, placement(o.resourceGroup), { otherFailedDeployments: false })).diagnostics);
      return { ...result, state: 'Failed', diagnostics };
    } finally {
      exact.release();
    }
  }
  say(`Installing managed application ${o.name} (managed resource group ${o.managedResourceGroup})…`);
  // The install's status body (Azure-AsyncOperation) carries its error and details; the SDK's poller keeps only a
  // summary, so the last answer is kept as it came.
  let lroError: ArmError | undefined;
  const onResponse = (raw: { parsedBody?: unknown; bodyAsText?: string | null }) => {
    const body = (raw.parsedBody ?? parseJson(raw.bodyAsText)) as { status?: string; error?: ArmError } | undefined;
    if (body?.status === 'Failed' && body.error) lroError = body.error;
  };
  // The request as `az managedapp create` sends it (kind, plan or applicationDefinitionId, managedResourceGroupId).
  const application = { location: o.location, kind: kind!, ...(o.marketplace ? { plan: o.marketplace.plan } : {}), properties: { managedResourceGroupId, ...(o.marketplace ? {} : { applicationDefinitionId: definitionId }), parameters: checked.parameters } };
  const exact = exactBody(application);
  try {
    const app = await apps.applications.beginCreateOrUpdateAndWait(o.resourceGroup, o.name, { location: application.location, kind: application.kind, ...(o.marketplace ? { plan: o.marketplace.plan } : { applicationDefinitionId: definitionId }), managedResourceGroupId, parameters: checked.parameters }, { onResponse, requestOptions: exact.requestOptions });
    return { ...result, ...(await finished(app, o.managedResourceGroup)), portalUrl };
  } catch (e) {
    const status = statusOf(e);
    const body = (e as { details?: { error?: ArmError } }).details?.error;
    if (status === 409) throw new UserError({ code: 'deploy-exists', severity: 'error', message: textOf(body?.message ?? (e as Error).message).split('\n')[0], hint: 'Choose another --managed-resource-group, or remove what holds the name (offerkit deploy --delete --name <application>).' }, 1);
    if (status && status >= 400 && status < 500 && body) {
      // Refused before any deployment (a marketplace purchase check, a definition ARM cannot use).
      diagnostics.push(...armErrorDiagnostics(body, placement(o.managedResourceGroup), DEPLOYMENT_FAILED));
      return { ...result, state: 'Failed', diagnostics };
    }
    const fallback: ArmError = lroError ?? body ?? { code: textOf((e as { code?: string }).code) || 'ApplianceDeploymentFailed', message: textOf((e as Error).message).split('\n')[0] };
    diagnostics.push(...(await failureDiagnostics(ctx, o.managedResourceGroup, [o.name], fallback, placement(o.managedResourceGroup), { otherFailedDeployments: true })).diagnostics);
    if (!hasErrors(diagnostics)) diagnostics.push({ code: DEPLOYMENT_FAILED, severity: 'error', message: `Managed application ${o.name} failed to install: ${describeAzureError(e)}` });
    return { ...result, state: 'Failed', diagnostics };
  } finally {
    exact.release();
  }

  /** A finished install: its outputs, what was deployed, and the offer's promises read back. */
  async function finished(app: { provisioningState?: string; outputs?: unknown }, group: string, given?: Record<string, unknown>): Promise<Pick<DeployResult, 'state' | 'outputs' | 'resources' | 'promises' | 'diagnostics' | 'portalUrl'>> {
    const outputs = given ?? Object.fromEntries(Object.entries((app.outputs ?? {}) as Record<string, { value?: unknown }>).map(([k, v]) => [k, v.value]));
    say(`Reading back what was deployed in ${group}…`);
    const listed = await listResources(ctx, group);
    diagnostics.push(...listed.diagnostics);
    let promises: PromiseCheck[] | undefined;
    if (target.offer) {
      say("Reading the offer's promises back from Azure…");
      // Policy assignments and the lock belong to a managed application's resource group, not to a plain deployment.
      const governance = managed ? await readBackGovernance(ctx, target.offer, `/subscriptions/${ctx.subscription}/resourceGroups/${group}`) : { checks: [], diagnostics: [] };
      const read = await readBackPromises(ctx, target.offer, template.source.value, listed.resources);
      promises = [...governance.checks, ...read.checks];
      diagnostics.push(...governance.diagnostics, ...read.diagnostics);
    }
    return { state: textOf(app.provisioningState ?? 'Succeeded'), outputs, resources: listed.resources, ...(promises ? { promises } : {}), portalUrl, diagnostics };
  }
}

export async function deletePlan(ctx: AzureContext, resourceGroup: string, name: string, progress?: (line: string) => void): Promise<DeployResult> {
  const apps = await managedAppsClient(ctx);
  progress?.(`Deleting managed application ${name} and its managed resource group…`);
  let existed = true;
  try {
    existed = Boolean((await apps.applications.get(resourceGroup, name)).id);
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    existed = false;
  }
  if (existed) await apps.applications.beginDeleteAndWait(resourceGroup, name);
  return { mode: 'delete', name, resourceGroup, state: existed ? 'Deleted' : 'NotFound', diagnostics: existed ? [] : [{ code: 'deploy-delete-absent', severity: 'info', message: `There is no managed application ${name} in resource group ${resourceGroup}; nothing to delete.` }] };
}
