// Runs an Azure Pipelines YAML pipeline the way an agent would, as far as this machine allows: triggers are
// checked against the event, stages and jobs run in order under their conditions (succeeded(), and(), eq(),
// startsWith(variables['Build.SourceBranch'], …)), `$(macro)` variables are expanded, bash steps run with the
// variables as environment (TF_BUILD, AGENT_TEMPDIRECTORY, BUILD_SOURCESDIRECTORY…), and `##vso[…]` logging
// commands in their output set variables, log issues and upload summaries. Tasks that need Azure DevOps are
// stood in for by what they do: AzureCLI@2 signs in with the service connection's workload identity (an OpenID
// Connect token exchanged through the az stand-in) and runs its script, PublishTestResults@2 reads the JUnit
// files, `publish:` keeps an artifact. A task the harness does not know fails the run.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { evaluate, refPatternMatches, sharedFunctions, truthy, equals, type Value } from './expressions.js';
import { globFiles } from './glob.js';
import { runProcess } from './run-process.js';
import type { WorkloadTokenService } from './workload-tokens.js';
import { textOf } from '../../src/util/text-of.js';

export interface PipelineEvent {
  reason: 'IndividualCI' | 'PullRequest';
  /** refs/heads/main, refs/tags/v1.2.0, refs/pull/7/merge */
  sourceBranch: string;
  /** For pull requests: the branch merged into. */
  targetBranch?: string;
}

export interface ServiceConnection {
  id: string;
  tenant: string;
  clientId: string;
  subscription: string;
}

export interface Issue {
  type: 'error' | 'warning';
  sourcepath?: string;
  linenumber?: number;
  columnnumber?: number;
  code?: string;
  message: string;
}

export interface TestRun {
  files: string[];
  tests: number;
  failures: number;
  names: string[];
}

export interface PipelineResult {
  result: 'succeeded' | 'failed';
  steps: { stage: string; job: string; name: string; outcome: 'succeeded' | 'failed' | 'skipped'; log: string }[];
  skippedStages: string[];
  issues: Issue[];
  summaries: string[];
  testRuns: TestRun[];
  artifacts: Record<string, string[]>;
  variables: Record<string, string>;
}

export interface PipelineRunOptions {
  pipeline: string;
  event: PipelineEvent;
  source: string;
  agentDir: string;
  env: Record<string, string>;
  /** Variables the pipeline's library or UI would set (overrides nothing in the file). */
  queueVariables?: Record<string, string>;
  serviceConnections?: Record<string, ServiceConnection>;
  tokens?: WorkloadTokenService;
}

type Step = Record<string, unknown> & { displayName?: string; name?: string; condition?: string; env?: Record<string, string>; inputs?: Record<string, unknown> };
interface Job { job: string; condition?: string; steps: Step[]; variables?: unknown }
interface Stage { stage: string; condition?: string; dependsOn?: string | string[]; jobs: Job[]; variables?: unknown }

function variablesOf(spec: unknown): Record<string, string> {
  if (!spec) return {};
  if (Array.isArray(spec)) return Object.fromEntries((spec as { name?: string; value?: unknown }[]).filter((v) => v.name).map((v) => [v.name!, textOf(v.value ?? '')]));
  return Object.fromEntries(Object.entries(spec as Record<string, unknown>).map(([k, v]) => [k, textOf(v ?? '')]));
}

function includes(filter: unknown, name: string): boolean {
  if (filter === undefined) return true;
  if (filter === 'none') return false;
  const f: { include?: string[]; exclude?: string[] } = Array.isArray(filter) ? { include: filter as string[] } : (filter as { include?: string[]; exclude?: string[] });
  return (f.include ?? ['*']).some((p) => refPatternMatches(p, name)) && !(f.exclude ?? []).some((p) => refPatternMatches(p, name));
}

function triggered(doc: { trigger?: unknown; pr?: unknown }, e: PipelineEvent): boolean {
  if (e.reason === 'PullRequest') {
    if (doc.pr === undefined) return true;
    const pr = doc.pr as unknown;
    return pr !== 'none' && includes(Array.isArray(pr) ? pr : (pr as { branches?: unknown }).branches, (e.targetBranch ?? '').replace(/^refs\/heads\//, ''));
  }
  const t = doc.trigger;
  if (t === undefined) return true;
  if (t === 'none') return false;
  if (Array.isArray(t)) return e.sourceBranch.startsWith('refs/heads/') && includes(t, e.sourceBranch.slice(11));
  const spec = t as { branches?: unknown; tags?: unknown };
  if (e.sourceBranch.startsWith('refs/tags/')) return spec.tags !== undefined && includes(spec.tags, e.sourceBranch.slice(10));
  return includes(spec.branches, e.sourceBranch.replace(/^refs\/heads\//, ''));
}

const unescape = (s: string) => s.replace(/%3B/g, ';').replace(/%5D/g, ']').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%AZP25/g, '%');

export async function runAzurePipeline(o: PipelineRunOptions): Promise<PipelineResult> {
  const doc = parse(readFileSync(o.pipeline, 'utf8')) as { trigger?: unknown; pr?: unknown; variables?: unknown; stages?: Stage[]; jobs?: Job[]; steps?: Step[] };
  if (!triggered(doc, o.event)) throw new Error(`${o.pipeline} does not run for ${o.event.reason} ${o.event.sourceBranch}`);
  const stages: Stage[] = doc.stages ?? [{ stage: '__default', jobs: doc.jobs ?? [{ job: '__default', steps: doc.steps ?? [] }] }];
  const sources = resolve(o.agentDir, 's');
  const temp = resolve(o.agentDir, '_temp');
  const staging = resolve(o.agentDir, 'a');
  const testResults = resolve(o.agentDir, 'TestResults');
  for (const d of [sources, temp, staging, testResults]) mkdirSync(d, { recursive: true });
  const result: PipelineResult = { result: 'succeeded', steps: [], skippedStages: [], issues: [], summaries: [], testRuns: [], artifacts: {}, variables: {} };
  const predefined: Record<string, string> = {
    'Build.Reason': o.event.reason,
    'Build.SourceBranch': o.event.sourceBranch,
    'Build.SourceBranchName': o.event.sourceBranch.split('/').pop()!,
    'Build.SourcesDirectory': sources,
    'Build.ArtifactStagingDirectory': staging,
    'System.DefaultWorkingDirectory': sources,
    'Agent.TempDirectory': temp,
    'Common.TestResultsDirectory': testResults,
    ...(o.event.targetBranch ? { 'System.PullRequest.TargetBranch': o.event.targetBranch } : {}),
  };
  let variables: Record<string, string> = { ...predefined, ...variablesOf(doc.variables), ...(o.queueVariables ?? {}) };
  const lookup = (name: string) => Object.entries(variables).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const macro = (s: string): string => {
    let out = s;
    // Values may name other variables: expand until nothing changes (as the agent does for nested macros).
    for (let i = 0; i < 5; i++) {
      const next = out.replace(/\$\(([\w.]+)\)/g, (m, n: string) => lookup(n) ?? m);
      if (next === out) break;
      out = next;
    }
    return out;
  };
  const asEnv = () => Object.fromEntries(Object.entries(variables).map(([k, v]) => [k.toUpperCase().replace(/\./g, '_'), macro(v)]));
  const condition = (cond: string | undefined, failedSoFar: boolean): boolean => {
    const functions = {
      ...sharedFunctions,
      succeeded: () => !failedSoFar,
      failed: () => failedSoFar,
      succeededOrFailed: () => true,
      always: () => true,
      canceled: () => false,
      and: (...a: Value[]) => a.every(truthy),
      or: (...a: Value[]) => a.some(truthy),
      not: (a: Value) => !truthy(a),
      eq: (a: Value, b: Value) => equals(a, b),
      ne: (a: Value, b: Value) => !equals(a, b),
    };
    if (!cond) return !failedSoFar;
    return truthy(evaluate(cond, { variables: variables }, functions));
  };

  const processCommands = (log: string, stepName?: string) => {
    for (const line of log.split('\n')) {
      const m = /##vso\[([\w.]+)([^\]]*)\](.*)$/.exec(line);
      if (!m) continue;
      const props = Object.fromEntries(m[2].trim().split(';').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')).trim(), unescape(p.slice(p.indexOf('=') + 1))]));
      const data = unescape(m[3]);
      if (m[1] === 'task.setvariable' && props.variable) {
        variables = { ...variables, [props.variable]: data };
        if (props.isOutput === 'true' && stepName) variables[`${stepName}.${props.variable}`] = data;
      } else if (m[1] === 'task.logissue') {
        result.issues.push({ type: props.type === 'warning' ? 'warning' : 'error', message: data, ...(props.sourcepath ? { sourcepath: props.sourcepath } : {}), ...(props.linenumber ? { linenumber: Number(props.linenumber) } : {}), ...(props.columnnumber ? { columnnumber: Number(props.columnnumber) } : {}), ...(props.code ? { code: props.code } : {}) });
      } else if (m[1] === 'task.uploadsummary') {
        if (existsSync(data)) result.summaries.push(readFileSync(data, 'utf8'));
      }
    }
  };

  const bash = async (script: string, env: Record<string, string>, cwd: string) => {
    const file = join(temp, `script-${result.steps.length}-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(file, script);
    const r = await runProcess('bash', ['--noprofile', '--norc', file], { cwd, env });
    return { ok: r.code === 0, log: `${r.stdout}${r.stderr}` };
  };

  const runTask = async (task: string, inputs: Record<string, string>, env: Record<string, string>, cwd: string): Promise<{ ok: boolean; log: string }> => {
    const [name, version] = task.split('@');
    if (name === 'UseNode' || name === 'NodeTool') {
      const major = Number(/^(\d+)/.exec(inputs.version ?? inputs.versionSpec ?? '')?.[1]);
      return { ok: major >= 20, log: `node ${inputs.version ?? inputs.versionSpec}` };
    }
    if (name === 'AzureCLI' && version === '2') {
      const conn = o.serviceConnections?.[inputs.azureSubscription ?? ''];
      if (!conn || !o.tokens) return { ok: false, log: `##[error]No service connection named ${inputs.azureSubscription}.` };
      if (inputs.scriptType !== 'bash') return { ok: false, log: `##[error]The harness runs scriptType bash only.` };
      // Workload identity federation: the task asks Azure DevOps for the connection's OIDC token and signs az in with it.
      const res = await fetch(o.tokens.azureDevOpsTokenUrl(conn.id), { method: 'POST', headers: { authorization: `Bearer ${o.tokens.requestToken}` } });
      const token = res.ok ? ((await res.json()) as { oidcToken?: string }).oidcToken : undefined;
      if (!token) return { ok: false, log: `##[error]Could not get the service connection's OIDC token (${res.status}).` };
      const login = await runProcess('az', ['login', '--service-principal', '-u', conn.clientId, '--tenant', conn.tenant, '--allow-no-subscriptions', '--federated-token', token], { env });
      if (login.code !== 0) return { ok: false, log: `##[error]az login failed: ${login.stderr}` };
      await runProcess('az', ['account', 'set', '--subscription', conn.subscription], { env });
      const script = inputs.scriptLocation === 'scriptPath' ? readFileSync(resolve(cwd, inputs.scriptPath ?? ''), 'utf8') : inputs.inlineScript ?? '';
      const extra: Record<string, string> = inputs.addSpnToEnvironment === 'true' ? { servicePrincipalId: conn.clientId, tenantId: conn.tenant, idToken: token } : {};
      return bash(script, { ...env, ...extra }, resolve(cwd, inputs.workingDirectory ?? '.'));
    }
    if (name === 'PublishTestResults' && version === '2') {
      if ((inputs.testResultsFormat ?? 'JUnit') !== 'JUnit') return { ok: false, log: '##[error]The harness reads JUnit only.' };
      const root = resolve(cwd, inputs.searchFolder ?? sources);
      const files = existsSync(root) ? globFiles(root, (inputs.testResultsFiles ?? '**/TEST-*.xml').split('\n').map((s) => s.trim()).filter(Boolean)) : [];
      if (!files.length) return { ok: true, log: '##[warning]No test result files matching were found.' };
      const run: TestRun = { files, tests: 0, failures: 0, names: [] };
      for (const f of files) {
        const xml = readFileSync(join(root, f), 'utf8');
        if (!/^<\?xml[^>]*\?>\s*<testsuites[\s>]/.test(xml)) return { ok: false, log: `##[error]${f} is not JUnit XML.` };
        for (const m of xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
          run.tests++;
          run.names.push(m[1]);
          if (/<failure\b/.test(m[3] ?? '')) run.failures++;
        }
      }
      result.testRuns.push(run);
      const fail = run.failures > 0 && inputs.failTaskOnFailedTests === 'true';
      return { ok: !fail, log: `${run.tests} tests, ${run.failures} failed${fail ? '\n##[error]There are one or more test failures.' : ''}` };
    }
    throw new Error(`the harness does not stand in for task ${task}`);
  };

  let failed = false;
  for (const stage of stages) {
    const stageVars = variablesOf(stage.variables);
    variables = { ...variables, ...stageVars };
    if (!condition(stage.condition, failed)) {
      result.skippedStages.push(stage.stage);
      continue;
    }
    for (const job of stage.jobs) {
      variables = { ...variables, ...variablesOf(job.variables) };
      if (!condition(job.condition, failed)) continue;
      let jobFailed = false;
      for (const step of job.steps) {
        const name = macro(textOf(step.displayName ?? step.task ?? step.checkout ?? step.publish ?? 'step'));
        const record = { stage: stage.stage, job: job.job, name, outcome: 'skipped' as 'succeeded' | 'failed' | 'skipped', log: '' };
        result.steps.push(record);
        if (!condition(step.condition, failed || jobFailed)) continue;
        const env = { ...o.env, ...asEnv(), TF_BUILD: 'True', AGENT_TEMPDIRECTORY: temp, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, macro(String(v))])) };
        const cwd = resolve(sources, macro(textOf(step.workingDirectory ?? '.')));
        let r: { ok: boolean; log: string };
        if (step.checkout !== undefined) {
          if (step.checkout !== 'self') throw new Error('the harness checks out self only');
          if (!existsSync(join(o.source, '.git'))) {
            cpSync(o.source, sources, { recursive: true });
            r = { ok: true, log: 'checked out' };
          } else {
            // As the agent does: the commit under test, shallow (fetchDepth 1) unless fetchDepth is 0 (every branch as origin/<branch>).
            const depth = textOf(step.fetchDepth ?? '1');
            const head = (await runProcess('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: o.source })).stdout.trim();
            // Each job gets a fresh copy of the sources (as with clean: true).
            rmSync(sources, { recursive: true, force: true });
            const clone = await runProcess('git', ['clone', '-q', '--branch', head, ...(depth === '0' ? ['--no-single-branch'] : ['--depth', depth]), `file://${o.source}`, sources], { env });
            r = { ok: clone.code === 0, log: `checked out (fetchDepth ${depth})\n${clone.stderr}` };
          }
        } else if (typeof step.bash === 'string' || typeof step.script === 'string') {
          r = await bash(macro(String(step.bash ?? step.script)), env, cwd);
        } else if (typeof step.task === 'string') {
          const inputs = Object.fromEntries(Object.entries(step.inputs ?? {}).map(([k, v]) => [k, macro(String(v))]));
          r = await runTask(step.task, inputs, env, cwd);
        } else if (typeof step.publish === 'string') {
          const path = resolve(sources, macro(step.publish));
          const files = existsSync(path) ? (statSync(path).isDirectory() ? globFiles(path, ['**']) : [path]) : [];
          result.artifacts[macro(textOf(step.artifact ?? 'drop'))] = files;
          r = files.length ? { ok: true, log: `published ${files.length} files` } : { ok: false, log: `##[error]Path does not exist: ${path}` };
        } else throw new Error(`the harness does not know the step ${JSON.stringify(step)}`);
        record.log = r.log;
        processCommands(r.log, typeof step.name === 'string' ? step.name : undefined);
        record.outcome = r.ok ? 'succeeded' : 'failed';
        if (!r.ok && !step.continueOnError) jobFailed = true;
      }
      if (jobFailed) failed = true;
    }
  }
  result.result = failed ? 'failed' : 'succeeded';
  result.variables = variables;
  return result;
}
