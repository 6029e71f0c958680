// offerkit validate [path…]: certification-grade checks of offers, package folders, app.zip files and JSON files.

import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { ValidateArgs } from '../handlers/validate.js';
import { loadHandler } from '../load-handler.cjs';


export const command = 'validate [paths..]';
export const describe = 'Check offers, package folders, app.zip files or single JSON files the way marketplace certification does (arm-ttk rules) and beyond';

export function builder(y: Argv): Argv<ValidateArgs> {
  return y
    .positional('paths', { type: 'string', array: true, default: [], describe: 'Offer folders, package folders, .zip packages or .json files (default: every offer under offers/, else the current folder)' })
    .option('format', { choices: ['stylish', 'json', 'sarif', 'github', 'azure-pipelines', 'junit'] as const, default: 'stylish' as const, describe: 'Output format (github, azure-pipelines: logging commands that annotate pull requests and runs; junit: test results)' })
    .option('max-warnings', { type: 'number', describe: 'Fail (exit 1) when there are more warnings than this' })
    .option('sarif', { type: 'string', describe: 'Also write SARIF 2.1.0 to this file (for code scanning)' })
    .option('junit', { type: 'string', describe: 'Also write JUnit XML to this file (for test result views)' })
    .option('summary', { type: 'string', describe: 'Append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)' })
    .option('report-root', { type: 'string', describe: 'Name files in CI output and reports relative to this folder (the repository root) instead of the current one' })
    .option('json', { type: 'boolean', default: false, describe: 'Same as --format json' })
    .option('config', { type: 'string', describe: 'Configuration file (default: offerkit.config.json|yaml in the folder or a parent)' })
    .option('provider-cache', { type: 'string', describe: 'Azure provider cache (ARM GET /providers shape) for the apiVersions rules' })
    .option('today', { type: 'string', describe: 'The date the apiVersions rules compare with (yyyy-mm-dd)' })
    .option('target', { choices: ['marketplace', 'service-catalog'] as const, describe: 'Make requirements of this destination errors' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Also print info-level notes' });
}

export async function handler(argv: ArgumentsCamelCase<ValidateArgs>): Promise<void> {
  const { runCommand, runValidate } = (await loadHandler('validate')) as typeof import('../handlers/validate.js');
  const format = argv.json ? 'json' : argv.format;
  await runCommand(format === 'json' || format === 'sarif', async () => {
    return runValidate({ ...argv, format });
  });
}
