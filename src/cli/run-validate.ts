// The validate command's work and output, loaded only when `offerkit validate` runs.

import { existsSync } from 'node:fs';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatStylish } from '../format/stylish.js';
import { RULES } from '../validate/rules/index.js';
import { validatePaths } from '../validate/validate-paths.js';
import { OFFERKIT_VERSION } from '../version.js';
import { exitCodeFor, out, useColor } from './output.js';
import { findOfferDirs } from './offer-dirs.js';

export async function runValidate(argv: {
  paths: string[];
  format: 'stylish' | 'json' | 'sarif';
  config?: string;
  providerCache?: string;
  today?: string;
  target?: 'marketplace' | 'service-catalog';
  verbose: boolean;
}): Promise<number> {
  const paths = argv.paths.length ? argv.paths : existsSync('offers') ? await findOfferDirs() : ['.'];
  const result = await validatePaths(paths, {
    ...(argv.config ? { configFile: argv.config } : {}),
    ...(argv.providerCache ? { providerCache: argv.providerCache } : {}),
    ...(argv.today ? { today: argv.today } : {}),
    ...(argv.target ? { target: argv.target } : {}),
  });
  const shown = argv.verbose || argv.format !== 'stylish' ? result.diagnostics : result.diagnostics.filter((d) => d.severity !== 'info');
  if (argv.format === 'json') out(formatJson(shown, { files: result.files }));
  else if (argv.format === 'sarif') out(formatSarif(shown, RULES, OFFERKIT_VERSION));
  else {
    out(formatStylish(shown, { color: useColor(), files: result.files }));
    const hidden = result.diagnostics.length - shown.length;
    if (hidden) out(`(${hidden} info note${hidden === 1 ? '' : 's'} hidden; --verbose shows them)\n`);
  }
  return exitCodeFor(result.diagnostics);
}
