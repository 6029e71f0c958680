// offerkit changes <offer> --since <baseline>: what a new version of each plan changes for the customer.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { ChangesArgs } from '../handlers/changes.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'changes [offers..]';
export const describe = 'What a new version changes for the customer (data requested, policies, publisher access, price, regions, resources, install form) since a git revision, a build, an app.zip or what is published';

export function builder(y: Argv): Argv<ChangesArgs> {
  return withAzureOptions(
    y
      .positional('offers', { type: 'string', array: true, default: [], describe: 'Offer folders (default: every offer under offers/)' })
      .option('since', { type: 'string', demandOption: true, describe: 'Baseline: a git revision (origin/main, v1.2.0, HEAD~1), a dist/ folder or app.zip, service-catalog, or marketplace (live; marketplace:preview for the preview)' })
      .option('plan', { type: 'string', array: true, default: [], describe: 'Compare only these plans' })
      .option('format', { choices: ['stylish', 'json', 'markdown'] as const, default: 'stylish' as const, describe: 'markdown: release notes or a pull-request comment' })
      .option('out', { type: 'string', describe: 'Also write the output to this file (written whole, or not at all)' })
      .option('summary', { type: 'string', describe: 'Append the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)' })
      .option('partner-center-endpoint', { type: 'string', describe: 'With --since marketplace: the submission API at another https endpoint' }),
  );
}

export async function handler(argv: ArgumentsCamelCase<ChangesArgs>): Promise<void> {
  const { runCommand, runChanges } = (await loadHandler('changes')) as typeof import('../handlers/changes.js');
  await runCommand(argv.json || argv.format === 'json', () => runChanges(argv), { exitWhenDone: true });
}
