// offerkit preview [offer-dir]: what a customer would agree to — listing, plans, terms, data requested,
// policies, cost, install wizard — served on 127.0.0.1 or written as a static site with --out.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { PreviewArgs } from '../handlers/preview.js';
import { loadHandler } from '../load-handler.cjs';


export const command = 'preview [offer]';
export const describe = 'Preview an offer as a customer sees it (terms, data requested, price, cost, install wizard), or any package (what it deploys, parameters, install wizard), on 127.0.0.1 or --out <dir> as static pages';

export function builder(y: Argv): Argv<PreviewArgs> {
  return y
    .positional('offer', { type: 'string', describe: 'Offer folder, or a package folder or app.zip without an offer (default: the only offer under offers/)' })
    .option('plan', { type: 'string', describe: 'Plan shown first (cost estimate)' })
    .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (default: a free one)' })
    .option('open', { type: 'boolean', default: false, describe: 'Open the preview in the default browser' })
    .option('out', { type: 'string', describe: 'Write the pages to this folder instead of serving them' })
    .option('parameters-out', { type: 'string', describe: 'Write the ARM deployment parameters file the install form gives with its defaults (of --plan, or the first plan) to this file, instead of serving' })
    .option('force', { type: 'boolean', default: false, describe: 'With --out: replace the folder even if it holds files offerkit did not write (they are deleted)' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' });
}

export async function handler(argv: ArgumentsCamelCase<PreviewArgs>): Promise<void> {
  const { runCommand, runPreview } = (await loadHandler('preview')) as typeof import('../handlers/preview.js');
  await runCommand(argv.json, async () => {
    return runPreview(argv);
  });
}
