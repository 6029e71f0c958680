// The CI step (src/ci/run-in-ci.ts): which command line the inputs make on each runner, how inputs are split
// (like shell words, never run through a shell), what is refused, and what it tells the runner afterwards.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planCiRun, detectRunner, CiInputError } from '../../src/ci/run-in-ci.js';
import { shellWords, ShellWordsError } from '../../src/ci/shell-words.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { offersRepo } from './recipe-fixtures.js';
import { parseKeyValueFile } from './github-runner.js';
import { runProcess } from './run-process.js';

const RUN_IN_CI = join(ROOT, 'build', 'src', 'ci', 'run-in-ci.js');

describe('the CI step (run-in-ci)', function () {
  this.timeout(120000);

  it('splits inputs like shell words: quotes and escapes, but no expansion or execution', () => {
    assert.deepEqual(shellWords(`--resource-group "rg apps" --x 'a b'  c\\ d "say \\"hi\\"" $(rm -rf /) \`id\` $HOME`), ['--resource-group', 'rg apps', '--x', 'a b', 'c d', 'say "hi"', '$(rm', '-rf', '/)', '`id`', '$HOME']);
    assert.deepEqual(shellWords('  \n '), []);
    assert.deepEqual(shellWords(`''`), ['']);
    assert.throws(() => shellWords(`"unclosed`), ShellWordsError);
    assert.throws(() => shellWords(`it's`), ShellWordsError);
  });

  it('knows the runner from the variables each one sets', () => {
    assert.equal(detectRunner({ GITHUB_ACTIONS: 'true' }), 'github');
    assert.equal(detectRunner({ TF_BUILD: 'True' }), 'azure-pipelines');
    assert.equal(detectRunner({}), 'other');
  });

  it('GitHub: workflow commands, SARIF, the step summary, paths from the workspace', () => {
    const run = planCiRun({ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/w', GITHUB_STEP_SUMMARY: '/s.md', OFFERKIT_COMMAND: 'validate', OFFERKIT_PATHS: 'offers/a "offers/b c"', OFFERKIT_TARGET: 'marketplace', OFFERKIT_MAX_WARNINGS: '3' });
    assert.deepEqual(run.args, ['validate', 'offers/a', 'offers/b c', '--target', 'marketplace', '--format', 'github', '--max-warnings', '3', '--report-root', '/w', '--sarif', 'offerkit.sarif', '--summary', '/s.md']);
  });

  it('Azure Pipelines: logging commands, JUnit, a summary file to upload; publish gets --to', () => {
    const v = planCiRun({ TF_BUILD: 'True', AGENT_TEMPDIRECTORY: '/t', BUILD_SOURCESDIRECTORY: '/s', OFFERKIT_COMMAND: 'build', OFFERKIT_ARGS: '--out "/a/packages"' });
    assert.deepEqual(v.args.slice(0, 8), ['build', '--format', 'azure-pipelines', '--report-root', '/s', '--junit', 'offerkit-junit.xml', '--summary']);
    assert.match(v.summary!, /^\/t\/offerkit-summary-/);
    assert.deepEqual(v.args.slice(-2), ['--out', '/a/packages']);
    const p = planCiRun({ TF_BUILD: 'True', OFFERKIT_COMMAND: 'publish', OFFERKIT_PATHS: 'offers/x', OFFERKIT_TARGET: 'service-catalog' });
    assert.deepEqual(p.args.slice(0, 4), ['publish', 'offers/x', '--to', 'service-catalog']);
    assert.ok(!p.args.includes('--format') && !p.args.includes('--junit'), 'publish has neither');
  });

  it('refuses inputs that cannot be right, naming the input', () => {
    const refused = (env: Record<string, string>, re: RegExp) => assert.throws(() => planCiRun(env, 'github'), (e: unknown) => e instanceof CiInputError && re.test(e.message));
    refused({ OFFERKIT_COMMAND: 'deploy' }, /OFFERKIT_COMMAND must be validate, build, publish or changes/);
    refused({ OFFERKIT_COMMAND: 'changes' }, /OFFERKIT_SINCE \(the since input\) names the baseline/);
    refused({ OFFERKIT_COMMAND: 'validate', OFFERKIT_SINCE: 'origin/main' }, /OFFERKIT_SINCE applies to the changes command only/);
    refused({ OFFERKIT_TARGET: 'azure' }, /OFFERKIT_TARGET must be marketplace or service-catalog/);
    refused({ OFFERKIT_COMMAND: 'build', OFFERKIT_TARGET: 'marketplace' }, /applies to validate .* and publish/);
    refused({ OFFERKIT_MAX_WARNINGS: 'ten' }, /OFFERKIT_MAX_WARNINGS must be a whole number/);
    refused({ OFFERKIT_SARIF: 'a\nb' }, /one file path on one line/);
    refused({ OFFERKIT_ARGS: '--x "open' }, /OFFERKIT_ARGS: unmatched "/);
  });

  it('on GitHub: records exit code and SARIF path as step outputs; with OFFERKIT_DEFER_EXIT it returns 0 so later steps run', async () => {
    const repo = await offersRepo({ broken: true });
    const temp = await tempDir();
    const output = join(temp, 'output');
    await writeFile(output, '');
    const env = { PATH: process.env.PATH ?? '', HOME: temp, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repo, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(temp, 'summary.md') };
    const deferred = await runProcess(process.execPath, [RUN_IN_CI], { cwd: repo, env: { ...env, OFFERKIT_DEFER_EXIT: 'true' } });
    assert.equal(deferred.code, 0);
    assert.match(deferred.stdout, /^offerkit validate --format github --report-root \S+ --sarif offerkit\.sarif --summary \S+summary\.md$/m);
    assert.match(deferred.stdout, /^::error file=offers\/broken\/offer\.yaml,line=17,col=1,title=offer-unknown-key::/m);
    assert.deepEqual(parseKeyValueFile(await readFile(output, 'utf8')), { 'exit-code': '1', 'sarif-file': 'offerkit.sarif' });
    const direct = await runProcess(process.execPath, [RUN_IN_CI], { cwd: repo, env });
    assert.equal(direct.code, 1, 'without deferral the step fails with offerkit');
    const bad = await runProcess(process.execPath, [RUN_IN_CI], { cwd: repo, env: { ...env, OFFERKIT_COMMAND: 'deploy' } });
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /^::error title=offerkit::OFFERKIT_COMMAND must be/m);
  });

  it('on Azure Pipelines: exit code as an output variable, JUnit path and the summary upload as logging commands', async () => {
    const repo = await offersRepo();
    const temp = await tempDir();
    const r = await runProcess(process.execPath, [RUN_IN_CI], { cwd: repo, env: { PATH: process.env.PATH ?? '', HOME: temp, TF_BUILD: 'True', AGENT_TEMPDIRECTORY: temp, BUILD_SOURCESDIRECTORY: repo } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^##vso\[task\.setvariable variable=exitCode;isOutput=true\]0$/m);
    assert.match(r.stdout, /^##vso\[task\.setvariable variable=OFFERKIT_JUNIT\]offerkit-junit\.xml$/m);
    const upload = /^##vso\[task\.uploadsummary\](.+)$/m.exec(r.stdout);
    assert.ok(upload);
    assert.match(await readFile(upload[1], 'utf8'), /## offerkit validate/);
    assert.match(await readFile(join(repo, 'offerkit-junit.xml'), 'utf8'), /<testsuites name="offerkit" tests="\d+" failures="0"/);
  });
});
