// The step the GitHub Action and the Azure Pipelines recipe run: `offerkit <command>` with inputs from the
// environment (OFFERKIT_*), in the CI system's own terms — findings as its logging commands (annotations on
// the pull request's lines), SARIF and JUnit files, a Markdown job summary — and offerkit's exit code and report
// paths recorded as step outputs. Which CI it is comes from the variables each runner sets (GITHUB_ACTIONS,
// TF_BUILD); anywhere else it prints the ordinary human output.
//
// Inputs: OFFERKIT_COMMAND (validate | build | publish | changes), OFFERKIT_SINCE (changes: the baseline), OFFERKIT_PATHS, OFFERKIT_TARGET (validate: --target;
// publish: --to), OFFERKIT_ARGS (more arguments, split like a shell splits words but never run through one),
// OFFERKIT_MAX_WARNINGS, OFFERKIT_SARIF, OFFERKIT_JUNIT, OFFERKIT_DEFER_EXIT (true: record the exit code and
// return 0, so that later steps such as the SARIF upload run; a later step fails the job).

import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inertText } from '../format/terminal-safe.js';
import { appendOutputFileSync } from '../fs/output-file.js';
import { redact } from '../util/redact.js';
import { ShellWordsError, shellWords } from './shell-words.js';

export type Runner = 'github' | 'azure-pipelines' | 'other';

export interface CiRun {
  runner: Runner;
  args: string[];
  sarif?: string;
  junit?: string;
  summary?: string;
}

export class CiInputError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

export function detectRunner(env: Env): Runner {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if ((env.TF_BUILD ?? '').toLowerCase() === 'true') return 'azure-pipelines';
  return 'other';
}

const COMMANDS = ['validate', 'build', 'publish', 'changes'] as const;

function words(env: Env, name: string): string[] {
  try {
    return shellWords(env[name] ?? '');
  } catch (e) {
    if (e instanceof ShellWordsError) throw new CiInputError(`${name}: ${e.message}`);
    throw e;
  }
}

function filePath(env: Env, name: string, fallback?: string): string | undefined {
  const value = (env[name] ?? '').trim() || fallback;
  if (value && /[\r\n]/.test(value)) throw new CiInputError(`${name} must be one file path on one line.`);
  return value;
}

/** The offerkit command line for these inputs on this runner (no side effects). */
export function planCiRun(env: Env, runner = detectRunner(env)): CiRun {
  const command = (env.OFFERKIT_COMMAND ?? '').trim() || 'validate';
  if (!(COMMANDS as readonly string[]).includes(command)) throw new CiInputError(`OFFERKIT_COMMAND must be validate, build, publish or changes (got "${command}").`);
  const args = [command, ...words(env, 'OFFERKIT_PATHS')];
  const run: CiRun = { runner, args };
  const target = (env.OFFERKIT_TARGET ?? '').trim();
  if (target) {
    if (target !== 'marketplace' && target !== 'service-catalog') throw new CiInputError(`OFFERKIT_TARGET must be marketplace or service-catalog (got "${target}").`);
    if (command === 'build' || command === 'changes') throw new CiInputError(`OFFERKIT_TARGET applies to validate (what the destination requires) and publish (where to), not to ${command}.`);
    args.push(command === 'publish' ? '--to' : '--target', target);
  }
  const since = (env.OFFERKIT_SINCE ?? '').trim();
  if (command === 'changes') {
    if (!since) throw new CiInputError('OFFERKIT_SINCE (the since input) names the baseline of changes: e.g. origin/main on a pull request, or the last release tag.');
    if (/[\r\n]/.test(since)) throw new CiInputError('OFFERKIT_SINCE must be one line.');
    args.push('--since', since);
  } else if (since) throw new CiInputError('OFFERKIT_SINCE applies to the changes command only.');
  if (command !== 'publish' && command !== 'changes') {
    if (runner !== 'other') args.push('--format', runner);
    const maxWarnings = (env.OFFERKIT_MAX_WARNINGS ?? '').trim();
    if (maxWarnings) {
      if (!/^\d+$/.test(maxWarnings)) throw new CiInputError(`OFFERKIT_MAX_WARNINGS must be a whole number (got "${maxWarnings}").`);
      args.push('--max-warnings', maxWarnings);
    }
    // Annotations and code scanning place findings by paths from the repository root.
    const root = runner === 'github' ? env.GITHUB_WORKSPACE : runner === 'azure-pipelines' ? env.BUILD_SOURCESDIRECTORY : undefined;
    if (root) args.push('--report-root', root);
    const sarif = filePath(env, 'OFFERKIT_SARIF', runner === 'github' ? 'offerkit.sarif' : undefined);
    if (sarif) args.push('--sarif', (run.sarif = sarif));
    const junit = filePath(env, 'OFFERKIT_JUNIT', runner === 'azure-pipelines' ? 'offerkit-junit.xml' : undefined);
    if (junit) args.push('--junit', (run.junit = junit));
  }
  if (runner === 'github' && env.GITHUB_STEP_SUMMARY) run.summary = env.GITHUB_STEP_SUMMARY;
  if (runner === 'azure-pipelines') run.summary = join(env.AGENT_TEMPDIRECTORY || tmpdir(), `offerkit-summary-${process.pid}-${Date.now()}.md`);
  if (run.summary) args.push('--summary', run.summary);
  args.push(...words(env, 'OFFERKIT_ARGS'));
  return run;
}

const azureEscape = (s: string) => s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/;/g, '%3B').replace(/\]/g, '%5D');

/** Tells the runner the outcome: step outputs (GitHub), variables and the uploaded summary (Azure Pipelines). */
export function recordOutcome(run: CiRun, code: number, env: Env, print: (line: string) => void): void {
  const sarif = run.sarif && existsSync(run.sarif) ? run.sarif : undefined;
  const junit = run.junit && existsSync(run.junit) ? run.junit : undefined;
  if (run.runner === 'github') {
    const lines = [`exit-code=${code}`, ...(sarif ? [`sarif-file=${sarif}`] : []), ...(junit ? [`junit-file=${junit}`] : [])];
    if (env.GITHUB_OUTPUT) appendOutputFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`, '$GITHUB_OUTPUT');
  } else if (run.runner === 'azure-pipelines') {
    print(`##vso[task.setvariable variable=exitCode;isOutput=true]${code}`);
    print(`##vso[task.setvariable variable=OFFERKIT_EXIT_CODE]${code}`);
    if (sarif) print(`##vso[task.setvariable variable=OFFERKIT_SARIF]${azureEscape(sarif)}`);
    if (junit) print(`##vso[task.setvariable variable=OFFERKIT_JUNIT]${azureEscape(junit)}`);
    if (run.summary && existsSync(run.summary)) print(`##vso[task.uploadsummary]${azureEscape(run.summary)}`);
  }
}

function fail(runner: Runner, message: string): void {
  if (runner === 'github') console.log(`::error title=offerkit::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
  else if (runner === 'azure-pipelines') console.log(`##vso[task.logissue type=error;]${azureEscape(message)}`);
  else console.error(`offerkit: ${message}`);
}

function main(): number {
  const env = process.env;
  const runner = detectRunner(env);
  let run: CiRun;
  try {
    run = planCiRun(env, runner);
  } catch (e) {
    if (!(e instanceof CiInputError)) throw e;
    fail(runner, e.message);
    recordOutcome({ runner, args: [] }, 2, env, (l) => console.log(l));
    return env.OFFERKIT_DEFER_EXIT === 'true' ? 0 : 2;
  }
  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.cjs');
  console.log(inertText(redact(`offerkit ${run.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}`)));
  const child = spawnSync(process.execPath, [cli, ...run.args], { stdio: 'inherit' });
  const code = child.status ?? 2;
  if (child.error) fail(runner, `could not run offerkit: ${child.error.message}`);
  recordOutcome(run, code, env, (l) => console.log(l));
  return env.OFFERKIT_DEFER_EXIT === 'true' ? 0 : code;
}

const invokedDirectly = (() => {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly) process.exitCode = main();
