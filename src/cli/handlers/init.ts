// `offerkit init <dir>`: a new offer folder that builds as it is.

import { initOffer } from '../../init/init-offer.js';
import type { ImportResult } from '../../import/import-package.js';
import { usageError } from '../../diagnostics.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { azureSetup } from '../azure-setup.js';
import type { AzureArgs } from '../azure-options.cjs';
import { out } from '../output.js';

/** The command line of `offerkit init` as yargs parses it (declared here, used by commands/init.cts). */
export interface InitArgs extends AzureArgs {
  dir: string;
  template?: string;
  id?: string;
  from?: string;
  name?: string;
}

async function importFromServiceCatalog(argv: InitArgs): Promise<ImportResult> {
  const scope = resolveScope(argv);
  if (!scope.resourceGroup || !argv.name) throw usageError('--from service-catalog needs the definition: pass --resource-group <name> and --name <definition>.', 'offerkit definitions list --resource-group <rg> lists them.');
  const azure = await azureSetup(argv);
  const { importServiceCatalog } = await import('../../import/import-service-catalog.js');
  return importServiceCatalog(argv.dir, { cloud: azure.cloud, credential: await azure.credential(), subscription: scope.subscription, retry: azure.retry }, scope.resourceGroup, argv.name, argv.id ? { id: argv.id } : {});
}

export async function runInit(argv: InitArgs): Promise<number> {
  if (argv.from !== undefined) {
    if (argv.template !== undefined) throw usageError('--template and --from exclude each other: with --from, the package becomes the offer\'s own template set.');
    if (argv.name !== undefined && argv.from !== 'service-catalog') throw usageError('--name goes with --from service-catalog.');
    // The importer (zip reader, package model, policy library) loads only when --from asks for it.
    const r = argv.from === 'service-catalog' ? await importFromServiceCatalog(argv) : await (await import('../../import/import-package.js')).importPackage(argv.dir, argv.from, argv.id ? { id: argv.id } : {});
    if (argv.json) out(JSON.stringify(r, null, 2) + '\n');
    else out(`Created ${r.dir} (offer "${r.id}") from ${r.source}: ${r.files.length} files.\n${r.notes.map((n) => `  - ${n}\n`).join('')}Next: replace the placeholders in ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
    return 0;
  }
  const r = await initOffer(argv.dir, { template: argv.template ?? 'mgdc-adf', ...(argv.id ? { id: argv.id } : {}) });
  if (argv.json) out(JSON.stringify(r, null, 2) + '\n');
  else out(`Created ${r.dir} (offer "${r.id}", template set ${r.template}): ${r.files.join(', ')}\nNext: edit ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
  return 0;
}

export { runCommand } from '../output.js';

