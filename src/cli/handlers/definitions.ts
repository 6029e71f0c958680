// `offerkit definitions list|show|diff|delete`: the service-catalog definitions in Azure, and what a publish
// of an offer would change in them.

import { createInterface } from 'node:readline/promises';
import { renderAndValidateOffer } from '../../pipeline/offer-pipeline.js';
import { hasErrors, UserError, usageError } from '../../diagnostics.js';
import { resolveScope, resolveTarget } from '../../publish/service-catalog/settings.js';
import { redact, registerSecret } from '../../util/redact.js';
import { stableJson } from '../../util/stable-json.js';
import { azureSetup, type AzureSetup } from '../azure-setup.js';
import { exitCodeFor, out, printDiagnostics } from '../output.js';
import { changeLines } from '../show-changes.js';
import type { AzureArgs } from '../azure-options.cjs';

/** The command line of `offerkit definitions` as yargs parses it (declared here, used by commands/definitions.cts). */
export interface DefinitionsArgs extends AzureArgs {
  action: 'list' | 'show' | 'diff' | 'delete';
  target?: string;
  plan: string[];
  storageAccount?: string;
  storageAccountKey?: string;
  packageUrl?: string;
  inline: boolean;
  yes: boolean;
}

export async function runDefinitions(argv: DefinitionsArgs): Promise<number> {
  registerSecret(argv.storageAccountKey);
  if (argv.action === 'diff') return diff(argv);
  const scope = resolveScope(argv);
  const azure = await azureSetup(argv);
  const lib = await import('../../publish/service-catalog/definitions.js');
  const ctx = async (a: AzureSetup) => ({ cloud: a.cloud, credential: await a.credential(), subscription: scope.subscription, retry: a.retry });
  const failed = (e: unknown): never => {
    throw new UserError({ code: 'definitions-failed', severity: 'error', message: (e as Error).message });
  };

  if (argv.action === 'list') {
    const rows = await lib.listServiceCatalogDefinitions(await ctx(azure), scope.resourceGroup).catch(failed);
    if (argv.json) out(stableJson({ definitions: rows }));
    else if (!rows.length) out(`No application definitions in ${scope.resourceGroup ? `resource group ${scope.resourceGroup}` : `subscription ${scope.subscription}`}.\n`);
    else {
      const table = rows.map((r) => [r.name, r.resourceGroup ?? '', r.location, r.lockLevel, r.isEnabled ? 'enabled' : 'disabled', r.plan ? `${r.offer}/${r.plan} v${r.planVersion ?? '?'}` : '(not from offerkit)', r.packageSha256 ? r.packageSha256.slice(0, 12) : '']);
      const head = ['NAME', 'RESOURCE GROUP', 'LOCATION', 'LOCK', 'STATE', 'OFFER/PLAN', 'PACKAGE'];
      const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
      for (const r of [head, ...table]) out(`${r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`);
    }
    return 0;
  }

  const name = argv.target;
  if (!name) throw usageError(`definitions ${argv.action} needs a definition name.`);
  if (!scope.resourceGroup) throw usageError(`definitions ${argv.action} needs --resource-group.`);
  const resourceGroup = scope.resourceGroup;
  if (argv.action === 'show') {
    const d = await lib.showDefinition(await ctx(azure), resourceGroup, name).catch(failed);
    if (!d) throw new UserError({ code: 'definition-not-found', severity: 'error', message: `No application definition ${name} in resource group ${resourceGroup}.` });
    out(argv.json ? stableJson({ definition: d, summary: lib.summarize(d) }) : redact(stableJson(d)));
    return 0;
  }

  // delete
  if (!argv.yes) {
    if (!process.stdin.isTTY) throw usageError(`Deleting ${name} needs confirmation: pass --yes.`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Delete application definition ${name} in ${resourceGroup}${argv.storageAccount ? ` and its packages in ${argv.storageAccount}` : ''}? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      out('Nothing deleted.\n');
      return 1;
    }
  }
  const key = argv.storageAccountKey ?? process.env.AZURE_STORAGE_KEY;
  const storage = argv.storageAccount ? { account: argv.storageAccount, ...(key ? { accountKey: key } : {}) } : undefined;
  const r = await lib.deleteDefinition(await ctx(azure), resourceGroup, name, storage).catch(failed);
  if (argv.json) out(stableJson({ name, resourceGroup, ...r }));
  else out(`${r.deleted ? `Deleted ${name}` : `${name} did not exist`} in ${resourceGroup}${storage ? `; removed ${r.removedBlobs.length} package blob${r.removedBlobs.length === 1 ? '' : 's'}` : ''}.\n`);
  return 0;
}

/** What `publish` would change, per plan: a dry run that prints only the differences. */
async function diff(argv: DefinitionsArgs): Promise<number> {
  if (!argv.target) throw usageError('definitions diff needs an offer folder.');
  const rendered = await renderAndValidateOffer(argv.target, argv.plan, { validation: { target: 'service-catalog' } });
  if (!rendered.offer || hasErrors(rendered.diagnostics)) {
    printDiagnostics(rendered.diagnostics, { json: argv.json });
    return 1;
  }
  const target = resolveTarget(argv, rendered.offer.publish.serviceCatalog);
  const azure = await azureSetup(argv, target);
  const { publishToServiceCatalog, PublishStepError } = await import('../../publish/service-catalog/publish.js');
  let result;
  try {
    result = await publishToServiceCatalog({ rendered, target, dryRun: true, cloud: azure.cloud, credential: azure.credential, retry: azure.retry });
  } catch (e) {
    if (e instanceof PublishStepError) throw new UserError({ code: 'definitions-failed', severity: 'error', message: e.message });
    throw e;
  }
  const plans = result.plans.map((p) => ({ plan: p.plan, definitionName: p.definitionName, definitionId: p.definitionId, action: p.action, changes: p.changes, packageUpload: p.package.uploaded ?? false }));
  if (argv.json) {
    printDiagnostics(result.diagnostics, { json: true, extra: { resourceGroup: result.resourceGroup, plans } });
    return exitCodeFor(result.diagnostics);
  }
  for (const p of plans) {
    const state = p.action === 'would-create' ? 'not in Azure yet: publish would create it' : p.action === 'would-update' ? 'publish would change:' : 'up to date';
    out(`${p.definitionName} (${p.plan}): ${state}\n`);
    if (p.action === 'would-update') for (const line of changeLines(p.changes)) out(`    ${line}\n`);
  }
  return exitCodeFor(result.diagnostics);
}

export { runCommand } from '../output.js';
