// offerkit cache update: the Azure provider list (resource types and API versions) the apiVersions rules need.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { CacheArgs } from '../handlers/cache.js';
import { withAzureOptions } from '../azure-options.cjs';
import { loadHandler } from '../load-handler.cjs';


export const command = 'cache <action>';
export const describe = 'Refresh the provider cache (resource types and API versions) from Azure; needs a signed-in identity';

export function builder(y: Argv): Argv<CacheArgs> {
  return withAzureOptions(
    y
      .positional('action', { choices: ['update'] as const, demandOption: true })
      .option('out', { type: 'string', default: '.offerkit-cache/providers.json', describe: 'Where to write the cache' }),
  );
}

export async function handler(argv: ArgumentsCamelCase<CacheArgs>): Promise<void> {
  const { runCommand, runCacheUpdate } = (await loadHandler('cache')) as typeof import('../handlers/cache.js');
  await runCommand(argv.json, () => runCacheUpdate(argv), { exitWhenDone: true });
}
