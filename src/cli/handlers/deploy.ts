// `offerkit deploy`: what to deploy (an offer's plan, rendered and validated; or a package as it is), where
// (subscription, resource group, location), and what it prints — progress on stderr, the outcome on stdout
// (or one JSON document with --json). Secure parameter values are never printed.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, hasErrors, usageError, type Diagnostic } from '../../diagnostics.js';
import { readUserText } from '../../fs/read-inside.js';
import { inspectPackageFile } from '../../package/inspect-package.js';
import { runOfferPipeline } from '../../pipeline/offer-pipeline.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { parseJsonSource } from '../../util/json-source.js';
import { registerSecret } from '../../util/redact.js';
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
}

const NAME = /^[-\w._()]{3,64}$/;


async function targetOf(argv: DeployArgs): Promise<{ target?: DeployTarget; diagnostics: Diagnostic[]; defaultName: string }> {
  const path = resolve(argv.target);
  if (!existsSync(path)) throw usageError(`${argv.target} does not exist.`);
  if (statSync(path).isDirectory() && existsSync(join(path, 'offer.yaml'))) {
    const r = await runOfferPipeline(path, argv.plan ? [argv.plan] : [], { validation: { target: 'service-catalog' } });
    if (!r.offer || hasErrors(r.diagnostics)) return { diagnostics: r.diagnostics, defaultName: basename(path) };
    if (r.rendered.length !== 1) throw usageError(`The offer has ${r.rendered.length} plans (${r.rendered.map((p) => p.plan.id).join(', ')}): choose one with --plan.`);
    const plan = r.rendered[0];
    const source = plan.parsed.get('mainTemplate.json');
    if (!source) return { diagnostics: [...r.diagnostics, { code: 'deploy-no-template', severity: 'error', message: `Plan ${plan.plan.id} renders no mainTemplate.json.` }], defaultName: basename(path) };
    return { target: { template: { source, display: `${plan.label}/mainTemplate.json` }, offerId: r.offer.id, plan: plan.plan.id, offer: r.offer }, diagnostics: r.diagnostics.filter((d) => d.severity !== 'error'), defaultName: `${r.offer.id}-${plan.plan.id}` };
  }
  if (argv.plan) throw usageError('--plan is for an offer folder; a package is one plan.');
  let text: string;
  if (/\.zip$/i.test(path)) {
    const pkg = await inspectPackageFile(path, argv.target);
    const errors = pkg.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new UserError(errors, 1);
    const bytes = pkg.contents.get('mainTemplate.json');
    if (!bytes) throw new UserError({ code: 'deploy-no-template', severity: 'error', message: `${argv.target} holds no mainTemplate.json at its root.`, file: argv.target }, 1);
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } else {
    const read = await readUserText(join(path, 'mainTemplate.json'), { maxBytes: 4 * 1024 * 1024, what: 'Template', code: 'deploy' });
    if (read.text === undefined) throw new UserError(read.diagnostics, 1);
    text = read.text;
  }
  const display = /\.zip$/i.test(path) ? `${argv.target}/mainTemplate.json` : join(argv.target, 'mainTemplate.json');
  const source = parseJsonSource(text);
  const bad = source.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: display }));
  if (bad.length) return { diagnostics: bad, defaultName: basename(path).replace(/\.zip$/i, '') };
  return { target: { template: { source, display } }, diagnostics: [], defaultName: basename(/\.zip$/i.test(path) ? dirname(path) : path) };
}

function print(argv: DeployArgs, r: DeployResult, diagnostics: Diagnostic[]): number {
  if (argv.json) {
    printDiagnostics(diagnostics, { json: true, extra: { deploy: { ...r, diagnostics: undefined } } });
    return exitCodeFor(diagnostics);
  }
  printDiagnostics(diagnostics);
  const lines: string[] = [];
  if (r.mode === 'delete') lines.push(r.state === 'Deleted' ? `Deleted managed application ${r.name} (resource group ${r.resourceGroup}) and its managed resource group.` : `Nothing to delete: no managed application ${r.name} in ${r.resourceGroup}.`);
  else if (r.mode === 'what-if') {
    lines.push(`What-if in resource group ${r.resourceGroup}: ${r.changes?.length ?? 0} change${r.changes?.length === 1 ? '' : 's'}.`);
    for (const c of r.changes ?? []) lines.push(`  ${c.changeType.padEnd(8)} ${c.resourceId}`);
  } else {
    const what = r.mode === 'inline' ? `Deployment ${r.name} into ${r.resourceGroup}` : `Managed application ${r.name} (resource group ${r.resourceGroup}, managed resource group ${r.managedResourceGroup ?? '?'})`;
    lines.push(`${what}: ${r.state}.`);
    if (r.outputs && Object.keys(r.outputs).length) {
      lines.push('Outputs:');
      for (const [k, v] of Object.entries(r.outputs)) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
    if (r.resources?.length) {
      lines.push(`Resources (${r.resources.length}):`);
      for (const x of r.resources) lines.push(`  ${x.type}  ${x.name}${x.location ? `  (${x.location})` : ''}`);
    }
    if (r.promises?.length) {
      // Kept promises in one line per policy (how many resources); broken ones each in full (they are also findings).
      const kept = new Map<string, number>();
      for (const p of r.promises) if (p.kept) kept.set(p.policy, (kept.get(p.policy) ?? 0) + 1);
      const broken = r.promises.filter((p) => !p.kept);
      lines.push(`Promises read back from Azure: ${r.promises.length - broken.length} of ${r.promises.length} kept.`);
      for (const [policy, n] of kept) lines.push(`  kept    ${policy} (${n} check${n === 1 ? '' : 's'})`);
      for (const p of broken) lines.push(`  BROKEN  ${p.policy}: ${p.resource} ${p.detail}`);
    }
    if (r.portalUrl && r.state !== 'Failed' && r.state !== 'PreflightFailed' && r.state !== 'NotStarted') lines.push(`Portal: ${r.portalUrl}`);
  }
  out(`${lines.join('\n')}\n`);
  return exitCodeFor(diagnostics);
}

export async function runDeploy(argv: DeployArgs): Promise<number> {
  const scope = resolveScope(argv);
  if (!scope.resourceGroup) throw usageError('No resource group: pass --resource-group <name> (where the application, or with --inline the resources, go).');
  if (argv.inline && argv.definition) throw usageError('--inline deploys the template itself; --definition installs from a definition: choose one.');
  if (argv.delete && argv.whatIf) throw usageError('--delete and --what-if exclude each other.');
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('OFFERKIT_PARAM_')) registerSecret(v);
  const azure = await azureSetup(argv);
  const ctx = { cloud: azure.cloud, credential: await azure.credential(), subscription: scope.subscription, retry: azure.retry };
  const progress = argv.json ? undefined : (line: string) => err(`${line}\n`);
  const { deletePlan, deployPlan } = await import('../../deploy/deploy.js');
  if (argv.delete) {
    if (!argv.name) throw usageError('--delete needs the --name of the managed application.');
    const r = await deletePlan(ctx, scope.resourceGroup, argv.name, progress);
    return print(argv, r, r.diagnostics);
  }
  const location = argv.location?.replace(/\s+/g, '').toLowerCase();
  if (!location || !/^[a-z][a-z0-9]+$/.test(location)) throw usageError('Pass --location <region> (e.g. westeurope): the region of the application and its resources.');
  const { target, diagnostics, defaultName } = await targetOf(argv);
  if (!target) return print(argv, { mode: argv.whatIf ? 'what-if' : argv.inline ? 'inline' : 'managed-application', name: argv.name ?? defaultName, resourceGroup: scope.resourceGroup, state: 'NotStarted', diagnostics }, diagnostics);
  const name = argv.name ?? defaultName;
  if (!NAME.test(name)) throw usageError(`--name ${JSON.stringify(name)} is not a valid application name (3-64 letters, digits, '-', '_', '.', '(' or ')').`);
  const managedResourceGroup = argv.managedResourceGroup ?? `mrg-${name}`;
  let parameters = {};
  if (argv.parameters) {
    const read = await readUserText(argv.parameters, { maxBytes: 4 * 1024 * 1024, what: 'Parameters file', code: 'deploy' });
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
  const r = await deployPlan(target, { ctx, resourceGroup: scope.resourceGroup, location, name, managedResourceGroup, parameters: { ...parameters, env: environment }, ...(argv.definition ? { definition: argv.definition } : {}), inline: argv.inline, whatIf: argv.whatIf, pollMs: seconds(argv.pollInterval, '--poll-interval', 3600), ...(progress ? { progress } : {}) });
  return print(argv, r, [...diagnostics, ...r.diagnostics]);
}

export { runCommand } from '../output.js';
