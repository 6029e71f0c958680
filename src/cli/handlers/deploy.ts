// `offerkit deploy`: what to deploy (an offer's plan, rendered and validated; or a package as it is), where
// (subscription, resource group, location), and what it prints — progress on stderr, the outcome on stdout
// (or one JSON document with --json). Everything ARM hands back (names, outputs, what-if ids, messages) goes
// through the terminal sanitiser; secure parameter values are never printed.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, hasErrors, usageError, type Diagnostic } from '../../diagnostics.js';
import { readUserText } from '../../fs/read-inside.js';
import { inertText, oneLine } from '../../format/terminal-safe.js';
import { inspectPackageFile } from '../../package/inspect-package.js';
import { packagePlan } from '../../package/package-plan.js';
import { runOfferPipeline } from '../../pipeline/offer-pipeline.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { parseJsonSource } from '../../util/json-source.js';
import { registerSecret, registerSecureValue } from '../../util/redact.js';
import type { DeployResult, DeployTarget } from '../../deploy/deploy.js';
import { azureSetup } from '../azure-setup.js';
import type { AzureArgs } from '../azure-options.cjs';
import { err, exitCodeFor, out, printDiagnostics } from '../output.js';
import { seconds } from '../partner-center-session.js';

/** The command line of `offerkit deploy` as yargs parses it (declared here, used by commands/deploy.cts). */
export interface DeployArgs extends AzureArgs {
  target: string;
  plan?: string;
  parameters?: string;
  definition?: string;
  inline: boolean;
  whatIf: boolean;
  name?: string;
  managedResourceGroup?: string;
  delete: boolean;
  pollInterval: number;
  marketplace: boolean;
  planPublisher?: string;
  planProduct?: string;
  planName?: string;
  planVersion?: string;
  acceptTerms: boolean;
}

const NAME = /^[-\w._()]{3,64}$/;
/** A template is read up to this size; ARM's own limit (4 MB) is then checked with ARM's words (deploy/template-limits.ts). */
const TEMPLATE_READ_BOUND = 64 * 1024 * 1024;


async function targetOf(argv: DeployArgs): Promise<{ target?: DeployTarget; diagnostics: Diagnostic[]; defaultName: string; planVersion?: string; publisherId?: string }> {
  const path = resolve(argv.target);
  if (!existsSync(path)) throw usageError(`${argv.target} does not exist.`);
  if (statSync(path).isDirectory() && existsSync(join(path, 'offer.yaml'))) {
    const r = await runOfferPipeline(path, argv.plan ? [argv.plan] : [], { validation: { target: 'service-catalog' } });
    if (!r.offer || hasErrors(r.diagnostics)) return { diagnostics: r.diagnostics, defaultName: basename(path) };
    if (r.rendered.length !== 1) throw usageError(`The offer has ${r.rendered.length} plans (${r.rendered.map((p) => p.plan.id).join(', ')}): choose one with --plan.`);
    const plan = r.rendered[0];
    const source = plan.parsed.get('mainTemplate.json');
    if (!source) return { diagnostics: [...r.diagnostics, { code: 'deploy-no-template', severity: 'error', message: `Plan ${plan.plan.id} renders no mainTemplate.json.` }], defaultName: basename(path) };
    const { sha256 } = await packagePlan(plan);
    return { target: { template: { source, display: `${plan.label}/mainTemplate.json` }, offerId: r.offer.id, plan: plan.plan.id, offer: r.offer, packageSha256: sha256 }, diagnostics: r.diagnostics.filter((d) => d.severity !== 'error'), defaultName: `${r.offer.id}-${plan.plan.id}`, planVersion: plan.plan.version, ...(r.offer.publisher.id ? { publisherId: r.offer.publisher.id } : {}) };
  }
  if (argv.plan) throw usageError('--plan is for an offer folder; a package is one plan.');
  let text: string;
  let packageSha256: string | undefined;
  if (/\.zip$/i.test(path)) {
    const pkg = await inspectPackageFile(path, argv.target);
    packageSha256 = pkg.sha256;
    const errors = pkg.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new UserError(errors, 1);
    const bytes = pkg.contents.get('mainTemplate.json');
    if (!bytes) throw new UserError({ code: 'deploy-no-template', severity: 'error', message: `${argv.target} holds no mainTemplate.json at its root.`, file: argv.target }, 1);
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } else {
    const read = await readUserText(join(path, 'mainTemplate.json'), { maxBytes: TEMPLATE_READ_BOUND, what: 'Template', code: 'deploy' });
    if (read.text === undefined) throw new UserError(read.diagnostics, 1);
    text = read.text;
  }
  const display = /\.zip$/i.test(path) ? `${argv.target}/mainTemplate.json` : join(argv.target, 'mainTemplate.json');
  const source = parseJsonSource(text);
  const bad = source.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: display }));
  if (bad.length) return { diagnostics: bad, defaultName: basename(path).replace(/\.zip$/i, '') };
  return { target: { template: { source, display }, ...(packageSha256 ? { packageSha256 } : {}) }, diagnostics: [], defaultName: basename(/\.zip$/i.test(path) ? dirname(path) : path) };
}

/** A value ARM handed back, shown on one line of the terminal, inert. */
const shown = (v: unknown) => oneLine(typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function print(argv: DeployArgs, r: DeployResult, diagnostics: Diagnostic[]): number {
  if (argv.json) {
    printDiagnostics(diagnostics, { json: true, extra: { deploy: { ...r, diagnostics: undefined } } });
    return exitCodeFor(diagnostics);
  }
  printDiagnostics(diagnostics);
  const lines: string[] = [];
  if (r.definition) lines.push(`Definition ${shown(r.definition.id.split('/').pop())}: ${r.definition.package === 'same' ? 'installs the local build' : r.definition.package === 'differs' ? 'installs another package than the local build' : 'not compared with the local build'} (${inertText(r.definition.evidence)}).`);
  if (r.plan) lines.push(`Marketplace plan ${shown(`${r.plan.publisher}/${r.plan.product}/${r.plan.name}`)} version ${shown(r.plan.version)}.`);
  if (r.mode === 'delete') lines.push(r.state === 'Deleted' ? `Deleted managed application ${shown(r.name)} (resource group ${shown(r.resourceGroup)}) and its managed resource group.` : `Nothing to delete: no managed application ${shown(r.name)} in ${shown(r.resourceGroup)}.`);
  else if (r.mode === 'what-if') {
    if (r.state !== 'PreflightFailed' && r.state !== 'NotStarted') {
      lines.push(`What-if in ${inertText(r.whatIfScope ?? r.resourceGroup)}: ${r.changes?.length ?? 0} change${r.changes?.length === 1 ? '' : 's'}${r.resourceGroupAction === 'would-create' ? ` (resource group ${shown(r.resourceGroup)} would be created first)` : ''}. Nothing was created.`);
      for (const c of r.changes ?? []) lines.push(`  ${shown(c.changeType).padEnd(11)} ${shown(c.resourceId)}`);
      if (r.notForeseen?.length) {
        lines.push('What-if does not foresee:');
        for (const n of r.notForeseen) lines.push(`  - ${inertText(n)}`);
      }
    } else lines.push(`What-if not run (${shown(r.state)}); nothing was created.`);
  } else {
    const what = r.mode === 'inline' ? `Deployment ${shown(r.name)} into ${shown(r.resourceGroup)}` : `Managed application ${shown(r.name)} (resource group ${shown(r.resourceGroup)}, managed resource group ${shown(r.managedResourceGroup ?? '?')})`;
    lines.push(`${what}: ${shown(r.state)}.`);
    if (r.resourceGroupAction === 'created') lines.push(`Resource group ${shown(r.resourceGroup)} was created (it did not exist).`);
    if (r.state === 'NotStarted' || r.state === 'PreflightFailed') lines.push('Nothing was created.');
    if (r.outputs && Object.keys(r.outputs).length) {
      lines.push('Outputs:');
      for (const [k, v] of Object.entries(r.outputs)) lines.push(`  ${shown(k)}: ${shown(v)}`);
    }
    if (r.resources?.length) {
      lines.push(`Resources (${r.resources.length}, as ARM lists them):`);
      for (const x of r.resources) lines.push(`  ${shown(x.type)}  ${shown(x.name)}${x.location ? `  (${shown(x.location)})` : ''}`);
    }
    if (r.promises?.length) {
      // Kept promises in one line per policy, saying what was read; broken and unverified ones each in full.
      const kept = new Map<string, Map<string, number>>();
      for (const p of r.promises) if (p.status === 'kept') kept.set(p.policy, (kept.get(p.policy) ?? new Map<string, number>()).set(p.evidence, (kept.get(p.policy)?.get(p.evidence) ?? 0) + 1));
      const broken = r.promises.filter((p) => p.status === 'broken');
      const unverified = r.promises.filter((p) => p.status === 'unverified');
      const count = r.promises.length - broken.length - unverified.length;
      lines.push(`Promises read back from Azure: ${count} of ${r.promises.length} kept${broken.length ? `, ${broken.length} broken` : ''}${unverified.length ? `, ${unverified.length} not verified (could not be read)` : ''}.`);
      const EVIDENCE: Record<string, (n: number) => string> = {
        assignment: () => 'assigned to the managed resource group',
        property: (n) => `setting read on ${n} resource${n === 1 ? '' : 's'}`,
        location: (n) => `region read on ${n} resource${n === 1 ? '' : 's'}`,
        'diagnostic-settings': (n) => `diagnostic settings found on ${n} resource${n === 1 ? '' : 's'}`,
        lock: () => 'deny assignment read',
      };
      for (const [policy, by] of kept) lines.push(`  kept        ${shown(policy)}: ${[...by].map(([e, n]) => EVIDENCE[e]?.(n) ?? e).join('; ')}`);
      for (const p of broken) lines.push(`  BROKEN      ${shown(p.policy)}: ${shown(p.resource)} ${inertText(p.detail)}`);
      for (const p of unverified) lines.push(`  unverified  ${shown(p.policy)}: ${shown(p.resource)} ${inertText(p.detail)}`);
    }
    if (r.portalUrl && r.state !== 'Failed' && r.state !== 'PreflightFailed' && r.state !== 'NotStarted') lines.push(`Portal: ${shown(r.portalUrl)}`);
  }
  out(`${lines.join('\n')}\n`);
  return exitCodeFor(diagnostics);
}

export async function runDeploy(argv: DeployArgs): Promise<number> {
  const scope = resolveScope(argv);
  if (!scope.resourceGroup) throw usageError('No resource group: pass --resource-group <name> (where the application, or with --inline the resources, go).');
  if (argv.inline && argv.definition) throw usageError('--inline deploys the template itself; --definition installs from a definition: choose one.');
  if (argv.delete && argv.whatIf) throw usageError('--delete and --what-if exclude each other.');
  if (argv.marketplace && (argv.inline || argv.definition)) throw usageError('--marketplace installs a published marketplace plan; --inline and --definition deploy otherwise: choose one.');
  const planFlags = ['planPublisher', 'planProduct', 'planName', 'planVersion', 'acceptTerms'] as const;
  if (!argv.marketplace && planFlags.some((f) => argv[f])) throw usageError('--plan-publisher, --plan-product, --plan-name, --plan-version and --accept-terms are for --marketplace.');
  // Secure values from the environment are secrets, whatever their length (a secure object's fields too).
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OFFERKIT_PARAM_') || v === undefined) continue;
    registerSecret(v);
    try {
      registerSecureValue(JSON.parse(v) as unknown);
    } catch {
      /* not JSON: the value itself is registered */
    }
  }
  const azure = await azureSetup(argv);
  const ctx = { cloud: azure.cloud, credential: await azure.credential(), subscription: scope.subscription, retry: azure.retry };
  const progress = argv.json ? undefined : (line: string) => err(`${oneLine(line)}\n`);
  const { deletePlan, deployPlan } = await import('../../deploy/deploy.js');
  if (argv.delete) {
    if (!argv.name) throw usageError('--delete needs the --name of the managed application.');
    const r = await deletePlan(ctx, scope.resourceGroup, argv.name, progress);
    return print(argv, r, r.diagnostics);
  }
  const location = argv.location?.replace(/\s+/g, '').toLowerCase();
  if (!location || !/^[a-z][a-z0-9]+$/.test(location)) throw usageError('Pass --location <region> (e.g. westeurope): the region of the application and its resources.');
  const { target, diagnostics, defaultName, planVersion, publisherId } = await targetOf(argv);
  if (!target) return print(argv, { mode: argv.whatIf ? 'what-if' : argv.inline ? 'inline' : 'managed-application', name: argv.name ?? defaultName, resourceGroup: scope.resourceGroup, state: 'NotStarted', diagnostics }, diagnostics);
  const name = argv.name ?? defaultName;
  if (!NAME.test(name)) throw usageError(`--name ${JSON.stringify(name)} is not a valid application name (3-64 letters, digits, '-', '_', '.', '(' or ')').`);
  const managedResourceGroup = argv.managedResourceGroup ?? `mrg-${name}`;
  let parameters = {};
  if (argv.parameters) {
    const read = await readUserText(argv.parameters, { maxBytes: TEMPLATE_READ_BOUND, what: 'Parameters file', code: 'deploy' });
    if (read.text === undefined) throw new UserError(read.diagnostics, 1);
    const source = parseJsonSource(read.text);
    const bad = source.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: argv.parameters }));
    if (bad.length) throw new UserError(bad, 1);
    parameters = { file: { source, display: argv.parameters } };
  }
  // On a terminal, a secure parameter with no value yet is asked for, unseen (never taken from the command line).
  const environment: NodeJS.ProcessEnv = { ...process.env };
  if (process.stdin.isTTY && !argv.json) {
    const { secureParametersWithoutValue, secureVariable } = await import('../../deploy/parameters.js');
    const { askHidden } = await import('../hidden-prompt.js');
    for (const name of secureParametersWithoutValue(target.template, { ...parameters, env: environment })) {
      const value = await askHidden(`Value of secure parameter ${name} (not shown): `);
      if (value === undefined) throw usageError(`No value for secure parameter ${name}.`, `Set ${secureVariable(name)} instead.`);
      registerSecret(value);
      environment[secureVariable(name)] = value;
    }
  }
  // A marketplace plan as a customer buys it: the publisher's id, the offer's id, the plan's id and version
  // (for an offer folder, offer.yaml's publisher.id, its id, the plan's id and version).
  let marketplace: { plan: { publisher: string; product: string; name: string; version: string }; acceptTerms: boolean } | undefined;
  if (argv.marketplace) {
    const plan = { publisher: argv.planPublisher ?? publisherId, product: argv.planProduct ?? target.offerId, name: argv.planName ?? target.plan, version: argv.planVersion ?? planVersion };
    const missing = Object.entries({ '--plan-publisher': plan.publisher, '--plan-product': plan.product, '--plan-name': plan.name, '--plan-version': plan.version }).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) throw usageError(`--marketplace needs the plan as the marketplace lists it: ${missing.join(', ')}${target.offerId ? ' (offer.yaml gives no value for it)' : ''}.`);
    marketplace = { plan: plan as { publisher: string; product: string; name: string; version: string }, acceptTerms: argv.acceptTerms };
  }
  const r = await deployPlan(target, { ctx, resourceGroup: scope.resourceGroup, location, name, managedResourceGroup, parameters: { ...parameters, env: environment }, ...(argv.definition ? { definition: argv.definition } : {}), ...(marketplace ? { marketplace } : {}), inline: argv.inline, whatIf: argv.whatIf, pollMs: seconds(argv.pollInterval, '--poll-interval', 3600), ...(progress ? { progress } : {}) });
  return print(argv, r, [...diagnostics, ...r.diagnostics]);
}

export { runCommand } from '../output.js';
