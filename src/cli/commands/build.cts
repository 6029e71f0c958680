// offerkit build [offer-dir…]: every plan of each offer → dist/<offer>/<plan>/{app.zip, definition.json, README.md}.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { BuildArgs } from '../handlers/build.js';
import { loadHandler } from '../load-handler.cjs';


export const command = 'build [offers..]';
export const describe = 'Render, check and package every plan of one or more offers (default: every folder under offers/)';

export function builder(y: Argv): Argv<BuildArgs> {
  return y
    .positional('offers', { type: 'string', array: true, default: [], describe: 'Offer folders (containing offer.yaml)' })
    .option('out', { type: 'string', default: 'dist', describe: 'Output folder' })
    .option('plan', { type: 'string', array: true, default: [], describe: 'Build only these plans' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Render and check, write nothing' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace plan folders even if they hold files offerkit did not write (they are deleted)' })
    .option('format', { choices: ['stylish', 'json', 'github', 'azure-pipelines'] as const, default: 'stylish' as const, describe: 'Output format (github, azure-pipelines: logging commands that annotate pull requests and runs)' })
    .option('max-warnings', { type: 'number', describe: 'Fail (exit 1) when there are more warnings than this' })
    .option('sarif', { type: 'string', describe: 'Also write the findings as SARIF 2.1.0 to this file' })
    .option('junit', { type: 'string', describe: 'Also write the findings as JUnit XML to this file' })
    .option('summary', { type: 'string', describe: 'Append a Markdown summary (plans, findings, package sizes and sha256) to this file, e.g. $GITHUB_STEP_SUMMARY' })
    .option('report-root', { type: 'string', describe: 'Name files in CI output and reports relative to this folder (the repository root) instead of the current one' })
    .option('json', { type: 'boolean', default: false, describe: 'Same as --format json' }) as unknown as Argv<BuildArgs>;
}

export async function handler(argv: ArgumentsCamelCase<BuildArgs>): Promise<void> {
  const { runCommand, runBuild } = (await loadHandler('build')) as typeof import('../handlers/build.js');
  const format = argv.json ? 'json' : argv.format;
  await runCommand(format === 'json', async () => {
    return runBuild({ ...argv, format });
  });
}
