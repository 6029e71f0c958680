// offerkit init <dir>: a new offer folder that builds as it is.

import type { Argv, ArgumentsCamelCase } from 'yargs';

interface Args {
  dir: string;
  template: string;
  id?: string;
  json: boolean;
}

export const command = 'init <dir>';
export const describe = 'Create a new offer folder (offer.yaml, description, terms) that builds as it is';

export function builder(y: Argv): Argv<Args> {
  return y
    .positional('dir', { type: 'string', demandOption: true, describe: 'Folder to create, e.g. offers/my-offer' })
    .option('template', { type: 'string', default: 'mgdc-adf', describe: 'Template set to start from' })
    .option('id', { type: 'string', describe: 'Offer id (default: the folder name)' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }) as unknown as Argv<Args>;
}

export async function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  const { runCommand, out, initOffer } = await import('../entries/init.js');
  await runCommand(argv.json, async () => {
    const r = await initOffer(argv.dir, { template: argv.template, ...(argv.id ? { id: argv.id } : {}) });
    if (argv.json) out(JSON.stringify(r, null, 2) + '\n');
    else out(`Created ${r.dir} (offer "${r.id}", template set ${r.template}): ${r.files.join(', ')}\nNext: edit ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
    return 0;
  });
}
