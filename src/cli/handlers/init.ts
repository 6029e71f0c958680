// `offerkit init <dir>`: a new offer folder that builds as it is.

import { initOffer } from '../../init/init-offer.js';
import { importPackage } from '../../import/import-package.js';
import { out } from '../output.js';

/** The command line of `offerkit init` as yargs parses it (declared here, used by commands/init.cts). */
export interface InitArgs {
  dir: string;
  template: string;
  id?: string;
  from?: string;
  json: boolean;
}

export async function runInit(argv: InitArgs): Promise<number> {
  if (argv.from !== undefined) {
    const r = await importPackage(argv.dir, argv.from, argv.id ? { id: argv.id } : {});
    if (argv.json) out(JSON.stringify(r, null, 2) + '\n');
    else out(`Created ${r.dir} (offer "${r.id}") from ${r.source}: ${r.files.length} files.\n${r.notes.map((n) => `  - ${n}\n`).join('')}Next: replace the placeholders in ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
    return 0;
  }
  const r = await initOffer(argv.dir, { template: argv.template, ...(argv.id ? { id: argv.id } : {}) });
  if (argv.json) out(JSON.stringify(r, null, 2) + '\n');
  else out(`Created ${r.dir} (offer "${r.id}", template set ${r.template}): ${r.files.join(', ')}\nNext: edit ${r.dir}/offer.yaml, then run \`offerkit build ${r.dir}\`.\n`);
  return 0;
}

export { runCommand } from '../output.js';

