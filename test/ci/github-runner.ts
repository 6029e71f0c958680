// Runs one job of a GitHub Actions workflow the way a runner would, as far as this machine allows: the
// trigger is checked against the event, `${{ }}` expressions and `if:` conditions are evaluated, `run:` steps
// run in bash with the files and variables a runner provides (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY,
// GITHUB_WORKSPACE, GITHUB_ACTION_PATH…), workflow commands in their output become annotations, and our own
// action (`offerkit/offerkit@…`) runs as the composite action it is. Actions from elsewhere, which need the
// internet, are stood in for by what they do with their inputs: checkout copies the repository, azure/login
// signs in with the job's OpenID Connect token through the az stand-in, upload-artifact and upload-sarif
// resolve and keep their files. An action the harness does not know fails the job.

import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { evaluate, interpolate, refPatternMatches, sharedFunctions, truthy, type Functions, type Value } from './expressions.js';
import { globFiles } from './glob.js';
import { runProcess } from './run-process.js';
import { ENTRA_EXCHANGE_AUDIENCE, type WorkloadTokenService } from './workload-tokens.js';
import { textOf } from '../../src/util/text-of.js';

export interface GithubEvent {
  name: 'push' | 'pull_request';
  /** refs/heads/main, refs/tags/v1.2.0, refs/pull/7/merge */
  ref: string;
  repository: string;
  /** pull_request: the base branch (github.base_ref). */
  baseRef?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  col?: number;
  title?: string;
  message: string;
}

export interface StepResult {
  name: string;
  id?: string;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  log: string;
}

export interface JobResult {
  conclusion: 'success' | 'failure';
  /** GITHUB_WORKSPACE of the run. */
  workspace: string;
  steps: StepResult[];
  annotations: Annotation[];
  summary: string;
  artifacts: Record<string, string[]>;
  sarifUploads: { file: string; category?: string; log: unknown }[];
}

export interface GithubRunOptions {
  workflow: string;
  job: string;
  event: GithubEvent;
  /** The repository's files, copied into the workspace by actions/checkout. */
  source: string;
  /** Where the job runs (GITHUB_WORKSPACE); created. */
  runnerDir: string;
  /** Our action's checkout (GITHUB_ACTION_PATH for offerkit/offerkit@…). */
  actionPath: string;
  vars?: Record<string, string>;
  /** Environment of the runner process (PATH, NODE_EXTRA_CA_CERTS…). */
  env: Record<string, string>;
  tokens?: WorkloadTokenService;
}

interface Step { name?: string; id?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; shell?: string; 'working-directory'?: string; 'continue-on-error'?: boolean }

function triggers(on: unknown, event: GithubEvent): boolean {
  const spec: Record<string, unknown> = typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries((on as unknown[]).map((e) => [textOf(e), null])) : (on as Record<string, unknown>);
  if (!(event.name in spec)) return false;
  const filter = (spec[event.name] ?? {}) as { branches?: string[]; tags?: string[] };
  if (event.name === 'pull_request') return true;
  const tag = event.ref.startsWith('refs/tags/') ? event.ref.slice(10) : undefined;
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice(11) : undefined;
  if (!filter.branches && !filter.tags) return true;
  if (tag) return (filter.tags ?? []).some((p) => refPatternMatches(p, tag));
  return branch !== undefined && (filter.branches ?? []).some((p) => refPatternMatches(p, branch));
}

/** key=value lines and key<<DELIMITER heredocs, as in GITHUB_OUTPUT and GITHUB_ENV. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      out[heredoc[1]] = body.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

export function parseWorkflowCommands(log: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of log.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line.trimStart());
    if (!m) continue;
    const a: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3]) };
    for (const part of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = part.indexOf('=');
      const k = part.slice(0, eq);
      const v = unescapeProperty(part.slice(eq + 1));
      if (k === 'file' || k === 'title') a[k] = v;
      if (k === 'line' || k === 'col') a[k] = Number(v);
    }
    out.push(a);
  }
  return out;
}

export async function runGithubJob(o: GithubRunOptions): Promise<JobResult> {
  const workflow = parse(readFileSync(o.workflow, 'utf8')) as { on: unknown; permissions?: Record<string, string>; jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; environment?: string | { name: string }; steps: Step[] }> };
  if (!triggers(workflow.on, o.event)) throw new Error(`${o.workflow} does not run on ${o.event.name} ${o.event.ref}`);
  const job = workflow.jobs[o.job];
  if (!job) throw new Error(`${o.workflow} has no job ${o.job}`);
  const permissions = { ...(workflow.permissions ?? {}), ...(job.permissions ?? {}) };
  const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
  const workspace = resolve(o.runnerDir, 'work');
  const temp = resolve(o.runnerDir, 'temp');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const summaryFile = join(temp, 'step_summary');
  writeFileSync(summaryFile, '');
  const refName = o.event.ref.replace(/^refs\/(heads|tags)\//, '');
  const github = { event_name: o.event.name, ref: o.event.ref, ref_name: refName, base_ref: o.event.baseRef ?? '', repository: o.event.repository, workspace, action_path: '' };
  const result: JobResult = { conclusion: 'success', workspace, steps: [], annotations: [], summary: '', artifacts: {}, sarifUploads: [] };
  let jobEnv: Record<string, string> = {};
  let failed = false;

  // The OpenID Connect token: GitHub offers it only to jobs with id-token: write; its subject names the environment, else the ref.
  if (o.tokens) o.tokens.githubSubject = permissions['id-token'] === 'write' ? (environment ? `repo:${o.event.repository}:environment:${environment}` : o.event.name === 'pull_request' ? `repo:${o.event.repository}:pull_request` : `repo:${o.event.repository}:ref:${o.event.ref}`) : '';
  const baseEnv = (): Record<string, string> => ({
    ...o.env,
    ...jobEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REF: o.event.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_REPOSITORY: o.event.repository,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    ...(o.tokens?.githubSubject ? { ACTIONS_ID_TOKEN_REQUEST_URL: o.tokens.githubRequestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: o.tokens.requestToken } : {}),
  });

  const functions = (stepsFailed: () => boolean): Functions => ({ ...sharedFunctions, always: () => true, success: () => !stepsFailed(), failure: () => stepsFailed(), cancelled: () => false });
  const condition = (cond: string | undefined, contexts: Record<string, Value>, stepsFailed: () => boolean): boolean => {
    const text = (cond ?? '').trim().replace(/^\$\{\{(.*)\}\}$/s, '$1');
    if (!text) return !stepsFailed();
    const hasStatus = /\b(always|success|failure|cancelled)\(\)/.test(text);
    return truthy(evaluate(hasStatus ? text : `success() && (${text})`, contexts, functions(stepsFailed)));
  };
  const interp = (v: unknown, contexts: Record<string, Value>) => (typeof v === 'string' ? interpolate(v, contexts, functions(() => failed)) : v === undefined || v === null ? '' : textOf(v));

  const runScript = async (script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; log: string; outputs: Record<string, string> }> => {
    const n = result.steps.length;
    const scriptFile = join(temp, `step-${n}-${Math.random().toString(36).slice(2)}.sh`);
    const outputFile = join(temp, `output-${n}-${Math.random().toString(36).slice(2)}`);
    const envFile = join(temp, `env-${n}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(scriptFile, script);
    writeFileSync(outputFile, '');
    writeFileSync(envFile, '');
    const r = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd, env: { ...env, GITHUB_OUTPUT: outputFile, GITHUB_ENV: envFile } });
    jobEnv = { ...jobEnv, ...parseKeyValueFile(readFileSync(envFile, 'utf8')) };
    return { code: r.code, log: `${r.stdout}${r.stderr}`, outputs: parseKeyValueFile(readFileSync(outputFile, 'utf8')) };
  };

  const runSteps = async (steps: Step[], scope: { inputs?: Record<string, string>; actionPath?: string }, stepsFailed: () => boolean, markFailed: () => void) => {
    const stepContexts: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
    for (const step of steps) {
      const contexts: Record<string, Value> = { github: { ...github, action_path: scope.actionPath ?? '' }, vars: o.vars ?? {}, secrets: {}, env: { ...jobEnv }, steps: stepContexts, inputs: scope.inputs ?? {}, runner: { temp, os: 'Linux' } };
      const name = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? 'step';
      const record: StepResult = { name: interp(name, contexts), ...(step.id ? { id: step.id } : {}), outcome: 'skipped', outputs: {}, log: '' };
      result.steps.push(record);
      if (!condition(step.if, contexts, stepsFailed)) {
        if (step.id) stepContexts[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      const env = { ...baseEnv(), ...(scope.actionPath ? { GITHUB_ACTION_PATH: scope.actionPath } : {}), ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interp(v, contexts)])) };
      const cwd = resolve(workspace, interp(step['working-directory'] ?? '.', contexts));
      let ok = true;
      if (step.run !== undefined) {
        if (step.shell && step.shell !== 'bash') throw new Error(`the harness runs bash steps only (got shell ${step.shell})`);
        const r = await runScript(interp(step.run, contexts), cwd, env);
        record.log = r.log;
        record.outputs = r.outputs;
        ok = r.code === 0;
      } else if (step.uses) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interp(v, contexts)]));
        const r = await useAction(step.uses, inputs, env, cwd);
        record.log = r.log;
        record.outputs = r.outputs;
        ok = r.ok;
      }
      result.annotations.push(...parseWorkflowCommands(record.log));
      record.outcome = ok ? 'success' : 'failure';
      if (step.id) stepContexts[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.outcome };
      if (!ok && !step['continue-on-error']) markFailed();
    }
    return stepContexts;
  };

  const useAction = async (uses: string, inputs: Record<string, string>, env: Record<string, string>, cwd: string): Promise<{ ok: boolean; log: string; outputs: Record<string, string> }> => {
    const name = uses.replace(/@.*$/, '');
    const done = (ok: boolean, log: string, outputs: Record<string, string> = {}) => ({ ok, log, outputs });
    if (name === 'offerkit/offerkit' || uses === './') return runOurAction(inputs);
    if (name === 'actions/checkout') {
      if (!existsSync(join(o.source, '.git'))) {
        cpSync(o.source, workspace, { recursive: true });
        return done(true, `checked out ${o.event.repository} at ${o.event.ref}`);
      }
      // As actions/checkout does: the commit under test, with one commit of history unless fetch-depth is 0
      // (then every branch as origin/<branch>, and the tags).
      const depth = String(inputs['fetch-depth'] ?? '1');
      const head = (await runProcess('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: o.source })).stdout.trim();
      const args = ['clone', '-q', '--branch', head, ...(depth === '0' ? ['--no-single-branch'] : ['--depth', depth]), `file://${o.source}`, workspace];
      const clone = await runProcess('git', args, { env });
      return done(clone.code === 0, `checked out ${o.event.repository} at ${o.event.ref} (fetch-depth ${depth})\n${clone.stderr}`);
    }
    if (name === 'actions/setup-node') {
      const major = Number(/^(\d+)/.exec(inputs['node-version'] ?? '')?.[1]);
      return done(major >= 20, `node ${inputs['node-version']}`);
    }
    if (name === 'actions/upload-artifact') {
      const patterns = (inputs.path ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      const files = globFiles(workspace, patterns);
      result.artifacts[inputs.name || 'artifact'] = files;
      if (!files.length && (inputs['if-no-files-found'] ?? 'warn') === 'error') return done(false, `::error::No files were found with the provided path: ${patterns.join(', ')}. No artifacts will be uploaded.`);
      return done(true, `uploaded ${files.length} files`);
    }
    if (name === 'github/codeql-action/upload-sarif') {
      if (permissions['security-events'] !== 'write') return done(false, '::error::Resource not accessible by integration (the job needs permissions: security-events: write)');
      const file = resolve(cwd, inputs.sarif_file ?? '');
      if (!existsSync(file)) return done(false, `::error::Path does not exist: ${inputs.sarif_file}`);
      result.sarifUploads.push({ file, ...(inputs.category ? { category: inputs.category } : {}), log: JSON.parse(readFileSync(file, 'utf8')) as unknown });
      return done(true, `uploaded ${file}`);
    }
    if (name === 'azure/login') {
      if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !o.tokens) return done(false, "::error::Please make sure to give write permissions to id-token in the workflow.");
      for (const k of ['client-id', 'tenant-id']) if (!inputs[k]) return done(false, `::error::Using OIDC authentication: ${k} is required.`);
      const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL);
      url.searchParams.set('audience', inputs.audience || ENTRA_EXCHANGE_AUDIENCE);
      const res = await fetch(url, { headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });
      if (!res.ok) return done(false, `::error::Failed to get the OIDC token: ${res.status}`);
      const token = ((await res.json()) as { value: string }).value;
      const login = await runProcess('az', ['login', '--service-principal', '-u', inputs['client-id'], '--tenant', inputs['tenant-id'], '--federated-token', token, '--allow-no-subscriptions'], { env });
      if (login.code !== 0) return done(false, `::error::Login failed with ${login.stderr.trim()}`);
      if (inputs['subscription-id']) {
        const set = await runProcess('az', ['account', 'set', '--subscription', inputs['subscription-id']], { env });
        if (set.code !== 0) return done(false, `::error::${set.stderr.trim()}`);
      }
      return done(true, 'Login successful.');
    }
    throw new Error(`the harness does not stand in for ${uses}`);
  };

  const runOurAction = async (given: Record<string, string>) => {
    const action = parse(readFileSync(join(o.actionPath, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string; required?: boolean }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };
    if (action.runs.using !== 'composite') throw new Error('action.yml is not a composite action');
    for (const k of Object.keys(given)) if (!(k in action.inputs)) throw new Error(`action.yml has no input ${k}`);
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, spec]) => [k, given[k] ?? String(spec.default ?? '')]));
    const before = result.steps.length;
    let inner = false;
    const stepContexts = await runSteps(action.runs.steps, { inputs, actionPath: o.actionPath }, () => inner || failed, () => (inner = true));
    const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, spec]) => [k, interpolate(spec.value, { steps: stepContexts }, sharedFunctions)]));
    const log = result.steps.slice(before).map((s) => s.log).join('\n');
    // The composite's own steps were recorded (for inspection); their annotations too. The `uses` step gets the outcome.
    result.annotations.splice(result.annotations.length - parseWorkflowCommands(log).length);
    return { ok: !inner, log, outputs };
  };

  await runSteps(job.steps, {}, () => failed, () => (failed = true));
  result.conclusion = failed ? 'failure' : 'success';
  result.summary = readFileSync(summaryFile, 'utf8');
  return result;
}
