// offerkit deploy <offer|package> --plan <id> --resource-group <rg> --location <region>: install a plan as the
// customer would, prove it deploys, and say exactly why when it does not.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { DeployArgs } from '../handlers/deploy.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'deploy <target>';
export const describe = 'Install a plan as a customer would — a managed application from its service-catalog definition, or --marketplace from a published marketplace plan, or --inline the template itself — after checking what will be installed, its parameters and ARM\'s preflight; --what-if, --delete';

export function builder(y: Argv): Argv<DeployArgs> {
  return withAzureOptions(
    y
      .positional('target', { type: 'string', demandOption: true, describe: 'Offer folder, package folder or app.zip' })
      .option('plan', { type: 'string', describe: 'Plan to deploy (an offer with several plans needs it)' })
      .option('parameters', { type: 'string', describe: 'Parameters file ({ "parameters": { name: { value } } }, as preview --parameters-out writes it); secure values come from OFFERKIT_PARAM_<NAME>' })
      .option('definition', { type: 'string', describe: 'Resource id of the application definition to install from (default: the plan\'s service-catalog definition in --resource-group)' })
      .option('inline', { type: 'boolean', default: false, describe: 'Deploy mainTemplate.json itself into the resource group (a plain deployment, not a managed application)' })
      .option('what-if', { type: 'boolean', default: false, describe: 'Stop after ARM\'s what-if: list what would be created' })
      .option('name', { type: 'string', describe: 'Name of the managed application (default: <offer>-<plan>, or the package folder\'s name)' })
      .option('managed-resource-group', { type: 'string', describe: 'Name of the managed resource group (default: mrg-<name>)' })
      .option('delete', { type: 'boolean', default: false, describe: 'Delete the managed application of that --name (and so its managed resource group)' })
      .option('poll-interval', { type: 'number', default: 10, describe: 'Seconds between checks of an install an earlier, interrupted run left under way' })
      .option('marketplace', { type: 'boolean', default: false, describe: 'Install the plan of a published marketplace offer (kind MarketPlace), as a customer buys it; its terms must be accepted in the subscription' })
      .option('plan-publisher', { type: 'string', describe: 'With --marketplace: the publisher id (default: offer.yaml publisher.id)' })
      .option('plan-product', { type: 'string', describe: 'With --marketplace: the offer id as the marketplace lists it (default: the offer\'s id)' })
      .option('plan-name', { type: 'string', describe: 'With --marketplace: the plan id (default: --plan)' })
      .option('plan-version', { type: 'string', describe: 'With --marketplace: the plan version (default: the plan\'s version in offer.yaml)' })
      .option('accept-terms', { type: 'boolean', default: false, describe: 'With --marketplace: accept the plan\'s legal terms for the subscription (Microsoft.MarketplaceOrdering) when they are not yet' }),
  ) as unknown as Argv<DeployArgs>;
}

export async function handler(argv: ArgumentsCamelCase<DeployArgs>): Promise<void> {
  const { runCommand, runDeploy } = (await loadHandler('deploy')) as typeof import('../handlers/deploy.js');
  await runCommand(argv.json, () => runDeploy(argv), { exitWhenDone: true });
}
