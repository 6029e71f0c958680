// offerkit publish <offer-dir> --to service-catalog|marketplace: one idempotent, resumable command from an offer to
// live definitions, or to its draft (and, with --submit, its preview) in Partner Center.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { PublishArgs } from '../handlers/publish.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'publish <offer>';
export const describe = 'Publish an offer: its plans as service-catalog definitions, or the whole offer to the commercial marketplace (Partner Center draft, --submit to preview); safe to re-run';

export function builder(y: Argv): Argv<PublishArgs> {
  return withAzureOptions(
    y
      .positional('offer', { type: 'string', demandOption: true, describe: 'Offer folder' })
      .option('to', { choices: ['service-catalog', 'marketplace'] as const, default: 'service-catalog' as const, describe: 'Destination' })
      .option('plan', { type: 'string', array: true, default: [], describe: 'Publish only these plans' })
      .option('storage-account', { type: 'string', describe: 'Deliver the package through this storage account (private container, short-lived read-only SAS)' })
      .option('storage-account-key', { type: 'string', describe: 'Use an account-key SAS instead of a user-delegation SAS (also AZURE_STORAGE_KEY)' })
      .option('package-url', { type: 'string', describe: 'Use a package already published at this https URL' })
      .option('inline', { type: 'boolean', default: false, describe: 'Send mainTemplate and createUiDefinition in the request (small packages, no storage)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Validate and show what would change, changing nothing' })
      .option('submit', { type: 'boolean', default: false, describe: 'marketplace: then submit the draft to preview (the preview audience can install it)' })
      .option('partner-center-endpoint', { type: 'string', describe: 'marketplace: the submission API at another https endpoint' })
      .option('poll-interval', { type: 'number', default: 15, describe: 'marketplace: seconds between checks while Partner Center processes a package' })
      .option('wait-timeout', { type: 'number', default: 3600, describe: 'marketplace: seconds to wait for a package to be processed' })
      .option('trace', { type: 'string', describe: 'marketplace: write every Partner Center request and answer to this file as JSON lines, secrets removed (for a support case)' })
      .option('summary', { type: 'string', describe: 'Append a Markdown summary (plans, packages, findings) to this file, e.g. $GITHUB_STEP_SUMMARY' }),
  ) as unknown as Argv<PublishArgs>;
}

export async function handler(argv: ArgumentsCamelCase<PublishArgs>): Promise<void> {
  const { runCommand, runPublish } = (await loadHandler('publish')) as typeof import('../handlers/publish.js');
  await runCommand(argv.json, () => runPublish(argv), { exitWhenDone: true });
}
