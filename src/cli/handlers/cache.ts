// `offerkit cache update`: fetch the subscription's provider list from Azure and write it where the
// apiVersions rules read it (--provider-cache, or providerCache in offerkit.config.*). Written atomically;
// a failed fetch leaves the previous cache as it was.

import { describeAzureError } from '../../azure/clients.js';
import { UserError } from '../../diagnostics.js';
import { resolveScope } from '../../publish/service-catalog/settings.js';
import { checkOutputFile, streamOf, writeOutputFile } from '../../fs/output-file.js';
import { stableJson } from '../../util/stable-json.js';
import { providerCacheFrom } from '../../validate/provider-cache.js';
import { azureSetup } from '../azure-setup.js';
import { out, routeReports } from '../output.js';
import type { AzureArgs } from '../azure-options.cjs';

/** The command line of `offerkit cache` as yargs parses it (declared here, used by commands/cache.cts). */
export interface CacheArgs extends AzureArgs {
  action: 'update';
  out: string;
}

export async function runCacheUpdate(argv: CacheArgs): Promise<number> {
  // Refused before Azure is asked anything: a FIFO, a link, a file that is not offerkit's.
  routeReports({ '--out': argv.out }, argv.json ? { machineOutput: '--json' } : {});
  await checkOutputFile(argv.out, { option: '--out', channel: 'json' });
  const { subscription } = resolveScope(argv);
  const azure = await azureSetup(argv);
  const { fetchProviders } = await import('../../azure/providers.js');
  let providers;
  try {
    providers = await fetchProviders({ cloud: azure.cloud, credential: await azure.credential(), subscription, retry: azure.retry });
  } catch (e) {
    throw new UserError({ code: 'cache-update-failed', severity: 'error', message: `Reading the provider list from ${azure.cloud.resourceManager} failed: ${describeAzureError(e)}`, hint: 'Sign in (az login, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET) and check the subscription id. The previous cache was kept.' });
  }
  const document = { fetchedAt: new Date().toISOString(), cloud: azure.cloud.name, subscription, value: providers };
  const cache = providerCacheFrom(document, argv.out);
  await writeOutputFile(argv.out, stableJson(document), { option: '--out', channel: 'json' });
  const versions = [...cache.types.values()].reduce((n, v) => n + v.length, 0);
  if (argv.json) out(stableJson({ file: argv.out, providers: providers.length, resourceTypes: cache.types.size, apiVersions: versions }));
  else if (streamOf(argv.out)) out(`Wrote the cache to standard output: ${providers.length} providers.\n`);
  else out(`Wrote ${argv.out}: ${providers.length} providers, ${cache.types.size} resource types, ${versions} API versions.\nUse it with --provider-cache ${argv.out} or providerCache in offerkit.config.yaml.\n`);
  return 0;
}

export { runCommand } from '../output.js';
