// offerkit build [offer-dir…]: every plan of each offer → dist/<offer>/<plan>/{app.zip, definition.json, README.md}.

import type { Argv, ArgumentsCamelCase } from 'yargs';

interface Args {
  offers: string[];
  out: string;
  plan: string[];
  json: boolean;
  dryRun: boolean;
  force: boolean;
}

export const command = 'build [offers..]';
export const describe = 'Render, check and package every plan of one or more offers (default: every folder under offers/)';

export function builder(y: Argv): Argv<Args> {
  return y
    .positional('offers', { type: 'string', array: true, default: [], describe: 'Offer folders (containing offer.yaml)' })
    .option('out', { type: 'string', default: 'dist', describe: 'Output folder' })
    .option('plan', { type: 'string', array: true, default: [], describe: 'Build only these plans' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Render and check, write nothing' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace plan folders even if they hold files offerkit did not write (they are deleted)' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }) as unknown as Argv<Args>;
}

export async function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  const { runCommand, runBuild } = await import('../entries/build.js');
  await runCommand(argv.json, async () => {
    return runBuild(argv);
  });
}
