// offerkit init <dir>: a new offer folder that builds as it is.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { InitArgs } from '../handlers/init.js';
import { loadHandler } from '../load-handler.cjs';
import { withAzureOptions } from '../azure-options.cjs';


export const command = 'init <dir>';
export const describe = 'Create a new offer folder (offer.yaml, description, terms) that builds as it is, new or from a package you have (--from)';

export function builder(y: Argv): Argv<InitArgs> {
  return withAzureOptions(y)
    .positional('dir', { type: 'string', demandOption: true, describe: 'Folder to create, e.g. offers/my-offer' })
    .option('template', { type: 'string', describe: 'Template set to start from: mgdc-adf (default), mgdc-synapse or minimal; with --from, the package is the template' })
    .option('id', { type: 'string', describe: 'Offer id (default: the folder name)' })
    .option('from', { type: 'string', describe: 'Adopt what a team already has: a package folder, an app.zip, service-catalog (a definition in Azure: --resource-group and --name) or marketplace (an offer in Partner Center: --offer-id)' })
    .option('name', { type: 'string', describe: 'With --from service-catalog: the name of the application definition' })
    .option('offer-id', { type: 'string', describe: 'With --from marketplace: the offer\'s Offer ID in Partner Center' })
    .option('product-id', { type: 'string', describe: 'With --from marketplace: the product id instead of the offer id' })
    .option('package', { type: 'string', array: true, describe: 'With --from marketplace: <plan>=<app.zip>, a plan\'s package where Partner Center offers none to download' })
    .option('partner-center-endpoint', { type: 'string', describe: 'With --from marketplace: the submission API at another https endpoint' });
}

export async function handler(argv: ArgumentsCamelCase<InitArgs>): Promise<void> {
  const { runCommand, runInit } = (await loadHandler('init')) as typeof import('../handlers/init.js');
  await runCommand(argv.json, () => runInit(argv));
}
