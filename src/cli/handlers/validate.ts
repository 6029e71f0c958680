// The validate command's work and output, loaded only when `offerkit validate` runs.

import { existsSync, statSync } from 'node:fs';
import { formatJson } from '../../format/json.js';
import { formatJunit } from '../../format/junit.js';
import { formatSarif } from '../../format/sarif.js';
import { formatStylish } from '../../format/stylish.js';
import { RULES } from '../../validate/rules/index.js';
import { validatePaths } from '../../pipeline/validate-paths.js';
import { OFFERKIT_VERSION } from '../../version.js';
import { checkMaxWarnings, checkReportFiles, checkReportsOutsideInputs, formatForCi, rebasePath, rebasePaths, writeReports } from '../ci-outputs.js';
import { exitCodeWithWarnings, out, useColor } from '../output.js';
import { findOfferDirs } from '../offer-dirs.js';

/** The command line of `offerkit validate` as yargs parses it (declared here, used by commands/validate.cts). */
export interface ValidateArgs {
  paths: string[];
  format: 'stylish' | 'json' | 'sarif' | 'github' | 'azure-pipelines' | 'junit';
  maxWarnings?: number;
  sarif?: string;
  junit?: string;
  summary?: string;
  reportRoot?: string;
  json: boolean;
  config?: string;
  providerCache?: string;
  today?: string;
  target?: 'marketplace' | 'service-catalog';
  verbose: boolean;
}

export async function runValidate(argv: Omit<ValidateArgs, 'json'>): Promise<number> {
  checkMaxWarnings(argv.maxWarnings);
  const reports = { sarif: argv.sarif, junit: argv.junit, summary: argv.summary };
  const machine = argv.format === 'stylish' ? undefined : `--format ${argv.format}`;
  checkReportFiles(reports, machine);
  const paths = argv.paths.length ? argv.paths : existsSync('offers') ? await findOfferDirs() : ['.'];
  // A report may sit beside what is validated, but never replace a file given to validate.
  await checkReportsOutsideInputs(reports, paths.filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile()).map((dir) => ({ dir, label: 'the file given to validate' })));
  const validated = await validatePaths(paths, {
    ...(argv.config ? { configFile: argv.config } : {}),
    ...(argv.providerCache ? { providerCache: argv.providerCache } : {}),
    ...(argv.today ? { today: argv.today } : {}),
    ...(argv.target ? { target: argv.target } : {}),
  });
  const root = argv.reportRoot;
  const result = {
    diagnostics: rebasePaths(validated.diagnostics, root),
    files: validated.files.map((f) => rebasePath(f, root)),
    groups: validated.groups.map((g) => ({ ...g, path: rebasePath(g.path, root), diagnostics: rebasePaths(g.diagnostics, root) })),
  };
  const forPeople = argv.format === 'stylish' || argv.format === 'github' || argv.format === 'azure-pipelines';
  const shown = argv.verbose || !forPeople ? result.diagnostics : result.diagnostics.filter((d) => d.severity !== 'info');
  await writeReports(reports, result.diagnostics, result.files, () => ({ title: 'offerkit validate', items: result.groups.map((g) => ({ name: g.name, path: g.path, diagnostics: g.diagnostics })) }));
  if (argv.format === 'json') out(formatJson(shown, { files: result.files }), 'json');
  else if (argv.format === 'sarif') out(formatSarif(shown, RULES, OFFERKIT_VERSION), 'json');
  else if (argv.format === 'github' || argv.format === 'azure-pipelines') out(formatForCi(argv.format, shown), 'ci');
  else if (argv.format === 'junit') out(formatJunit(shown, result.files), 'xml');
  else {
    out(formatStylish(shown, { color: useColor(), files: result.files }));
    const hidden = result.diagnostics.length - shown.length;
    if (hidden) out(`(${hidden} info note${hidden === 1 ? '' : 's'} hidden; --verbose shows them)\n`);
  }
  return exitCodeWithWarnings(result.diagnostics, argv.maxWarnings);
}

export { runCommand } from '../output.js';
