// offerkit marketplace status|go-live <offer>: the offer in Partner Center after `publish --to marketplace`.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { MarketplaceArgs } from '../handlers/marketplace.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'marketplace <action> <offer>';
export const describe = 'Partner Center: status (draft, preview and live versions, submission state, certification findings) or go-live (promote the preview)';

export function builder(y: Argv): Argv<MarketplaceArgs> {
  return withAzureOptions(
    y
      .positional('action', { choices: ['status', 'go-live'] as const, demandOption: true })
      .positional('offer', { type: 'string', demandOption: true, describe: 'Offer folder' })
      .option('wait', { type: 'boolean', default: false, describe: 'go-live: wait until the offer is live in the marketplace' })
      .option('partner-center-endpoint', { type: 'string', describe: 'The submission API at another https endpoint' })
      .option('poll-interval', { type: 'number', default: 60, describe: 'go-live --wait: seconds between checks' })
      .option('wait-timeout', { type: 'number', default: 7 * 24 * 3600, describe: 'go-live --wait: seconds to wait at most' })
      .option('trace', { type: 'string', describe: 'Write every Partner Center request and answer to this file as JSON lines, secrets removed (for a support case)' }),
    { scope: false },
  ) as unknown as Argv<MarketplaceArgs>;
}

export async function handler(argv: ArgumentsCamelCase<MarketplaceArgs>): Promise<void> {
  const { runCommand, runMarketplace } = (await loadHandler('marketplace')) as typeof import('../handlers/marketplace.js');
  await runCommand(argv.json, () => runMarketplace(argv), { exitWhenDone: true });
}
