// What validate and build write for CI besides their main output: SARIF, JUnit and a Markdown summary as files,
// findings as a CI system's logging commands, and the --max-warnings check.

import { isAbsolute, relative, resolve } from 'node:path';
import { usageError, type Diagnostic } from '../diagnostics.js';
import { formatAzurePipelines } from '../format/azure-pipelines.js';
import { formatGithub } from '../format/github.js';
import { formatJunit } from '../format/junit.js';
import { formatSarif } from '../format/sarif.js';
import { formatSummary, type SummaryInput } from '../format/summary.js';
import { assertFileOutsideInputs } from '../fs/output-folder.js';
import { appendOutputFile, checkAppendFile, checkOutputFile, writeOutputFile } from '../fs/output-file.js';
import { routeReports } from './output.js';
import { RULES } from '../validate/rules/index.js';
import { OFFERKIT_VERSION } from '../version.js';

export interface ReportFiles {
  /** SARIF 2.1.0 (code scanning). */
  sarif?: string;
  /** JUnit XML (Azure Pipelines test results). */
  junit?: string;
  /** A Markdown summary, appended (GitHub's $GITHUB_STEP_SUMMARY grows across steps). */
  summary?: string;
}

export type CiFormat = 'github' | 'azure-pipelines';

export function checkMaxWarnings(maxWarnings: number | undefined): void {
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw usageError('--max-warnings must be a whole number, 0 or more.');
}

/**
 * Paths given for two reports, or a report over the summary, would overwrite each other; a report on standard
 * output (`-`) moves the command's own output to stderr, or is refused when that output is for machines
 * (`machineOutput` names the option that asked for it).
 */
export function checkReportFiles(files: Readonly<Record<string, string | undefined>>, machineOutput?: string): void {
  const given = Object.entries(files).filter(([, v]) => typeof v === 'string') as [string, string][];
  for (const [name, path] of given) if (!path.trim()) throw usageError(`--${name} needs a file path.`);
  for (let i = 0; i < given.length; i++)
    for (let j = i + 1; j < given.length; j++) if (given[i][1] === given[j][1]) throw usageError(`--${given[i][0]} and --${given[j][0]} name the same file, ${given[i][1]}.`);
  routeReports(Object.fromEntries(given.map(([name, path]) => [`--${name}`, path])), machineOutput ? { machineOutput } : {});
}

/**
 * Report files may not replace what is read (never inside these folders, never one of these files), and are
 * checked before the command's work: a FIFO, a link, a device or a file offerkit did not write is refused now.
 */
export async function checkReportsOutsideInputs(files: Readonly<Record<string, string | undefined>>, inputs: readonly { dir: string; label: string }[]): Promise<void> {
  for (const [name, path] of Object.entries(files)) {
    if (typeof path !== 'string') continue;
    await assertFileOutsideInputs(path, inputs, `--${name}`);
    if (name === 'summary') await checkAppendFile(path, { option: `--${name}`, channel: 'text' });
    else await checkOutputFile(path, { option: `--${name}`, channel: 'text' });
  }
}

/**
 * Diagnostics with file paths relative to `root` instead of the current folder (--report-root): CI systems place
 * annotations and code-scanning results by paths from the repository root, and offerkit may run in a subfolder.
 */
export function rebasePaths<T extends { file?: string }>(items: T[], root: string | undefined): T[] {
  if (root === undefined) return items;
  const base = resolve(root);
  return items.map((d) => {
    if (!d.file) return d;
    const rel = relative(base, resolve(d.file));
    return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel) ? d : { ...d, file: rel.split('\\').join('/') };
  });
}

export function rebasePath(path: string, root: string | undefined): string {
  return rebasePaths([{ file: path }], root)[0].file;
}

export async function writeReports(files: ReportFiles, diagnostics: Diagnostic[], checked: readonly string[], summary: () => SummaryInput): Promise<void> {
  if (files.sarif) await writeOutputFile(files.sarif, formatSarif(diagnostics, RULES, OFFERKIT_VERSION), { option: '--sarif', channel: 'json' });
  if (files.junit) await writeOutputFile(files.junit, formatJunit(diagnostics, checked), { option: '--junit', channel: 'xml' });
  if (files.summary) await appendOutputFile(files.summary, formatSummary(summary()), { option: '--summary', channel: 'text' });
}

export function formatForCi(format: CiFormat, diagnostics: Diagnostic[]): string {
  return format === 'github' ? formatGithub(diagnostics) : formatAzurePipelines(diagnostics);
}
