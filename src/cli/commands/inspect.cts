// offerkit inspect <app.zip>: entries with sizes and sha256, and every reason the zip is unsafe or incomplete.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { InspectArgs } from '../handlers/inspect.js';
import { loadHandler } from '../load-handler.cjs';


export const command = 'inspect <zip>';
export const describe = 'List the entries of an app.zip with sizes and sha256, and check it is safe and complete';

export function builder(y: Argv): Argv<InspectArgs> {
  return y
    .positional('zip', { type: 'string', demandOption: true, describe: 'Path of the package' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' });
}

export async function handler(argv: ArgumentsCamelCase<InspectArgs>): Promise<void> {
  const { runCommand, runInspect } = (await loadHandler('inspect')) as typeof import('../handlers/inspect.js');
  await runCommand(argv.json, () => runInspect(argv));
}
