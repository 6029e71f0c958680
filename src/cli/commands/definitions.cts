// offerkit definitions list|show|diff|delete: the service-catalog definitions offerkit publishes.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { DefinitionsArgs } from '../handlers/definitions.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'definitions <action> [target]';
export const describe = 'List, show, diff (against an offer) or delete service-catalog application definitions';

export function builder(y: Argv): Argv<DefinitionsArgs> {
  return withAzureOptions(
    y
      .positional('action', { choices: ['list', 'show', 'diff', 'delete'] as const, demandOption: true })
      .positional('target', { type: 'string', describe: 'Definition name (show, delete) or offer folder (diff)' })
      .option('plan', { type: 'string', array: true, default: [], describe: 'diff: only these plans' })
      .option('storage-account', { type: 'string', describe: 'diff: where the packages are; delete: also remove the definition\'s package blobs there' })
      .option('storage-account-key', { type: 'string', describe: 'Account key for --storage-account (also AZURE_STORAGE_KEY)' })
      .option('package-url', { type: 'string', describe: 'diff: the package is published at this URL' })
      .option('inline', { type: 'boolean', default: false, describe: 'diff: the definition carries its templates inline' })
      .option('yes', { type: 'boolean', default: false, describe: 'delete: do not ask for confirmation' }),
  );
}

export async function handler(argv: ArgumentsCamelCase<DefinitionsArgs>): Promise<void> {
  const { runCommand, runDefinitions } = (await loadHandler('definitions')) as typeof import('../handlers/definitions.js');
  await runCommand(argv.json, () => runDefinitions(argv), { exitWhenDone: true });
}
