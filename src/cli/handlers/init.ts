// `offerkit init <dir>`: a new offer folder that builds as it is.

import { initOffer } from '../../init/init-offer.js';
import type { ImportResult } from '../../import/import-package.js';
import { usageError } from '../../diagnostics.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { azureSetup } from '../azure-setup.js';
import type { AzureArgs } from '../azure-options.cjs';
import { err, out } from '../output.js';

/** The command line of `offerkit init` as yargs parses it (declared here, used by commands/init.cts). */
export interface InitArgs extends AzureArgs {
  dir: string;
  template?: string;
  id?: string;
  from?: string;
  name?: string;
  offerId?: string;
  productId?: string;
  package?: string[];
  partnerCenterEndpoint?: string;
}

/** --package <plan>=<app.zip>, repeatable. */
function packagesByPlan(given: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of given ?? []) {
    const m = /^([a-z0-9][a-z0-9_-]{0,49})=(.+)$/.exec(g);
    if (!m) throw usageError(`--package ${JSON.stringify(g)}: give it as <plan id>=<app.zip>.`);
    if (out.has(m[1])) throw usageError(`--package names plan ${m[1]} twice.`);
    out.set(m[1], m[2]);
  }
  return out;
}

async function importFromMarketplace(argv: InitArgs): Promise<ImportResult> {
  if (!argv.offerId && !argv.productId) throw usageError('--from marketplace needs the offer: pass --offer-id <id> (its Offer ID in Partner Center) or --product-id <product id>.');
  const packages = packagesByPlan(argv.package);
  const azure = await azureSetup(argv, argv.partnerCenterEndpoint ? { partnerCenterEndpoint: argv.partnerCenterEndpoint } : {});
  const { PartnerCenterClient } = await import('../../azure/partner-center.js');
  const client = await PartnerCenterClient.create({ endpoint: azure.cloud.partnerCenter.endpoint, scope: azure.cloud.partnerCenter.scope, credential: await azure.credential(), retry: azure.retry });
  const { importMarketplace } = await import('../../import/import-marketplace.js');
  const progress = argv.json ? undefined : (line: string) => err(`${line}\n`);
  return importMarketplace(argv.dir, client, { ...(argv.offerId ? { offerId: argv.offerId } : {}), ...(argv.productId ? { productId: argv.productId } : {}), packages, retry: azure.retry, ...(argv.id ? { id: argv.id } : {}), ...(progress ? { progress } : {}) });
}

async function importFromServiceCatalog(argv: InitArgs): Promise<ImportResult> {
  const scope = resolveScope(argv);
  if (!scope.resourceGroup || !argv.name) throw usageError('--from service-catalog needs the definition: pass --resource-group <name> and --name <definition>.', 'offerkit definitions list --resource-group <rg> lists them.');
  const azure = await azureSetup(argv);
  const { importServiceCatalog } = await import('../../import/import-service-catalog.js');
  return importServiceCatalog(argv.dir, { cloud: azure.cloud, credential: await azure.credential(), subscription: scope.subscription, retry: azure.retry }, scope.resourceGroup, argv.name, argv.id ? { id: argv.id } : {});
}

export async function runInit(argv: InitArgs): Promise<number> {
  // yargs reads a lone `-` as an empty folder name; either way there is no folder to create (never the current one).
  if (!argv.dir.trim() || argv.dir === '-') throw usageError('offerkit init needs the folder to create (a name, not - or an empty text).', 'For example: offerkit init offers/my-offer');
  if (argv.from !== undefined) {
    if (argv.template !== undefined) throw usageError('--template and --from exclude each other: with --from, the package becomes the offer\'s own template set.');
    if (argv.name !== undefined && argv.from !== 'service-catalog') throw usageError('--name goes with --from service-catalog.');
    const marketplaceOnly = [argv.offerId !== undefined && '--offer-id', argv.productId !== undefined && '--product-id', argv.package?.length && '--package', argv.partnerCenterEndpoint !== undefined && '--partner-center-endpoint'].filter(Boolean);
    if (marketplaceOnly.length && argv.from !== 'marketplace') throw usageError(`${marketplaceOnly.join(', ')} go${marketplaceOnly.length === 1 ? 'es' : ''} with --from marketplace.`);
    // The importer (zip reader, package model, policy library) loads only when --from asks for it.
    const r =
      argv.from === 'service-catalog'
        ? await importFromServiceCatalog(argv)
        : argv.from === 'marketplace'
          ? await importFromMarketplace(argv)
          : await (await import('../../import/import-package.js')).importPackage(argv.dir, argv.from, argv.id ? { id: argv.id } : {});
    if (argv.json) out(JSON.stringify(r, null, 2) + '\n', 'json');
    else out(`Created ${r.dir} (offer "${r.id}") from ${r.source}: ${r.files.length} files.\n${r.notes.map((n) => `  - ${n}\n`).join('')}Next: replace the placeholders in ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
    return 0;
  }
  const r = await initOffer(argv.dir, { template: argv.template ?? 'mgdc-adf', ...(argv.id ? { id: argv.id } : {}) });
  if (argv.json) out(JSON.stringify(r, null, 2) + '\n', 'json');
  else out(`Created ${r.dir} (offer "${r.id}", template set ${r.template}): ${r.files.join(', ')}\nNext: edit ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
  return 0;
}

export { runCommand } from '../output.js';

