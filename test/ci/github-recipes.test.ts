// The GitHub Action (action.yml) and the GitHub recipes in docs/ci, run by the runner harness on a repository
// of offers: pull-request validation with annotations, SARIF and a summary; builds with app.zip artifacts;
// publishing on a tag signed in with OpenID Connect through a federated credential, against the ARM emulator
// and Azurite.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { assertConverged, LOCATION, RG } from '../publish/helpers.js';
import { runGithubJob, type GithubRunOptions } from './github-runner.js';
import { azStandIn, BROKEN_LINE, offersRepo, runnerEnv } from './recipe-fixtures.js';
import { sarifSchemaErrors } from './sarif-schema.js';
import { ENTRA_EXCHANGE_AUDIENCE, GITHUB_ISSUER, WorkloadTokenService } from './workload-tokens.js';

const RECIPES = join(ROOT, 'docs', 'ci');
const REPOSITORY = 'contoso/offers';

describe('GitHub Actions: action.yml and the recipes in docs/ci', function () {
  this.timeout(300000);
  let bin: string;

  before(async () => {
    bin = await azStandIn();
  });

  const job = async (workflow: string, jobName: string, source: string, event: GithubRunOptions['event'], more: Partial<GithubRunOptions> = {}) => {
    const runnerDir = await tempDir('offerkit-runner-');
    return runGithubJob({ workflow: join(RECIPES, workflow), job: jobName, event, source, runnerDir, actionPath: ROOT, env: runnerEnv(bin, join(runnerDir, 'home')), ...more });
  };

  it('action.yml: a composite action that reads only inputs it declares and runs offerkit from its own checkout', async () => {
    const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, { value: string }>; runs: { using: string; steps: { id?: string; run?: string; uses?: string }[] } };
    assert.equal(action.runs.using, 'composite');
    const text = await readFile(join(ROOT, 'action.yml'), 'utf8');
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]));
    for (const name of used) assert.ok(name in action.inputs, `input ${name} is declared`);
    for (const name of Object.keys(action.inputs)) assert.ok(used.has(name), `input ${name} is used`);
    for (const [name, o] of Object.entries(action.outputs)) {
      const step = /steps\.([\w-]+)\.outputs/.exec(o.value)?.[1];
      assert.ok(action.runs.steps.some((s) => s.id === step), `output ${name} comes from a step`);
    }
    assert.ok(action.runs.steps.length > 0 && action.runs.steps.every((s) => !s.run || s.run.includes('$GITHUB_ACTION_PATH') || !/node |npm /.test(s.run)), 'offerkit runs from the action path');
    for (const s of action.runs.steps) if (s.uses) assert.match(s.uses, /@v\d+$/, `${s.uses} is pinned to a major version`);
  });

  it('validate on a pull request: annotations on the offer\'s lines, SARIF valid and uploaded, a summary per offer, the check fails', async () => {
    const source = await offersRepo({ broken: true });
    const r = await job('github-validate.yml', 'validate', source, { name: 'pull_request', ref: 'refs/pull/7/merge', repository: REPOSITORY, baseRef: 'main' });
    assert.equal(r.conclusion, 'failure');
    const error = r.annotations.find((a) => a.level === 'error' && a.file === 'offers/broken/offer.yaml');
    assert.ok(error, JSON.stringify(r.annotations));
    assert.equal(error.line, BROKEN_LINE);
    assert.equal(error.title, 'offer-unknown-key');
    assert.match(error.message, /Unknown key "colour"/);
    assert.ok(!r.annotations.some((a) => a.file?.startsWith('offers/contoso-mail-insights/') && a.level === 'error'), 'the good offer has no errors');
    assert.equal(r.sarifUploads.length, 1, 'SARIF is uploaded even though offerkit failed');
    assert.equal(r.sarifUploads[0].category, 'offerkit');
    assert.deepEqual(sarifSchemaErrors(r.sarifUploads[0].log), []);
    const results = (r.sarifUploads[0].log as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0].results;
    assert.ok(results.some((x) => x.ruleId === 'offer-unknown-key' && x.locations[0].physicalLocation.artifactLocation.uri === 'offers/broken/offer.yaml' && x.locations[0].physicalLocation.region.startLine === BROKEN_LINE));
    assert.match(r.summary, /## offerkit validate/);
    assert.match(r.summary, /\| contoso-mail-insights \(`offers\/contoso-mail-insights`\) \| 0 \| 0 \|/);
    assert.match(r.summary, /\| offers\/broken \(`offers\/broken`\) \| 1 \|/);
    const offerkitStep = r.steps.find((s) => s.id === 'offerkit')!;
    assert.equal(offerkitStep.outputs['exit-code'], '1');
    assert.equal(offerkitStep.outputs['sarif-file'], 'offerkit.sarif');
    assert.equal(r.steps.find((s) => s.name === 'Fail on findings')!.outcome, 'failure');
  });

  it('validate on a clean pull request passes (max-warnings 0 holds)', async () => {
    const r = await job('github-validate.yml', 'validate', await offersRepo(), { name: 'pull_request', ref: 'refs/pull/8/merge', repository: REPOSITORY, baseRef: 'main' });
    assert.equal(r.conclusion, 'success', r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.log}`).join('\n'));
    assert.deepEqual(r.annotations.filter((a) => a.level !== 'notice'), []);
    assert.match(r.summary, /✅ 0 errors, 0 warnings in 1 item/);
  });

  it('a pull request that asks for more data: the job summary says what changes for customers, against the base branch', async () => {
    const r = await job('github-validate.yml', 'validate', await offersRepo({ newColumn: true }), { name: 'pull_request', ref: 'refs/pull/9/merge', repository: REPOSITORY, baseRef: 'main' });
    assert.equal(r.conclusion, 'success', r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.log}`).join('\n'));
    const step = r.steps.find((s) => s.name === 'What changes for customers')!;
    assert.equal(step.outcome, 'success');
    assert.match(r.summary, /## What changes in contoso-mail-insights\n\nCompared with git origin\/main \([0-9a-f]{7}\)\./);
    assert.match(r.summary, /### Plan starter 1\.2\.0 → 1\.3\.0: 1 change/);
    assert.match(r.summary, /- Added: BasicDataSet\\_v0\.Message\\_v1: adds column subject/);
    assert.match(r.summary, /must approve the data request again/);
    assert.ok(!r.summary.includes('❌'), 'every plan raised its minor version');
  });

  it('build on main: every plan\'s app.zip kept as an artifact, its sha256 in the job summary', async () => {
    const r = await job('github-build.yml', 'build', await offersRepo(), { name: 'push', ref: 'refs/heads/main', repository: REPOSITORY });
    assert.equal(r.conclusion, 'success', r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.log}`).join('\n'));
    const files = r.artifacts['offerkit-packages'];
    const zips = files.filter((f) => f.endsWith('/app.zip'));
    assert.deepEqual(zips, ['dist/contoso-mail-insights/enterprise/app.zip', 'dist/contoso-mail-insights/standard/app.zip', 'dist/contoso-mail-insights/starter/app.zip']);
    assert.equal(files.length, 9, 'app.zip, definition.json and README.md per plan');
    for (const zip of zips) {
      const plan = zip.split('/')[2];
      const row = new RegExp(`\\| ${plan} \\| [\\d.]+ \\| \`${zip.replace(/\./g, '\\.')}\` \\| [\\d,]+ bytes \\| \`([0-9a-f]{64})\` \\|`).exec(r.summary);
      assert.ok(row, `summary row for ${plan}:\n${r.summary}`);
      const sha = createHash('sha256').update(await readFile(join(r.workspace, zip))).digest('hex');
      assert.equal(row[1], sha, `${zip}: the summary's sha256 is the artifact's`);
    }
  });

  describe('publish on a version tag, signed in with OpenID Connect', function () {
    let env: PublishEnv;
    let tokens: WorkloadTokenService;
    let vars: Record<string, string>;

    before(async () => {
      env = await startPublishEnv();
      tokens = new WorkloadTokenService();
      await tokens.start();
      // The federated credential an administrator adds to the app registration: this repository's production environment.
      env.principal.federated = [{ issuer: GITHUB_ISSUER, subject: `repo:${REPOSITORY}:environment:production`, audience: ENTRA_EXCHANGE_AUDIENCE }];
      env.arm.entra.trustIssuer(GITHUB_ISSUER, tokens.github.verify);
      vars = {
        AZURE_CLIENT_ID: env.principal.clientId,
        AZURE_TENANT_ID: env.tenant,
        AZURE_SUBSCRIPTION_ID: env.subscription,
        OFFERKIT_RESOURCE_GROUP: RG,
        OFFERKIT_LOCATION: LOCATION,
        OFFERKIT_STORAGE_ACCOUNT: env.azurite.account.name,
        OFFERKIT_PUBLISH_ARGS: `--cloud-config ${env.cloudConfigFile} --retry-delay 50 --timeout 10`,
      };
    });
    after(async () => {
      await tokens?.stop();
      await env?.stop();
    });

    const publishJob = async (event: GithubRunOptions['event']) => {
      const runnerDir = await tempDir('offerkit-runner-');
      const base = runnerEnv(bin, join(runnerDir, 'home'), { OFFERKIT_TEST_AZ_AUTHORITY: env.arm.base, OFFERKIT_TEST_AZ_ARM: env.arm.base });
      return runGithubJob({ workflow: join(RECIPES, 'github-publish.yml'), job: 'publish', event, source: await offersRepo(), runnerDir, actionPath: ROOT, vars, env: base, tokens });
    };

    it('every plan becomes a service-catalog definition; no secret is in the job\'s environment', async () => {
      const issuedBefore = env.arm.entra.issued.length;
      const r = await publishJob({ name: 'push', ref: 'refs/tags/v1.2.0', repository: REPOSITORY });
      assert.equal(r.conclusion, 'success', r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.log}`).join('\n'));
      await assertConverged(env, ['contoso-mail-insights-starter', 'contoso-mail-insights-standard', 'contoso-mail-insights-enterprise']);
      const issued = env.arm.entra.issued.slice(issuedBefore);
      assert.ok(issued.some((t) => t.aud === env.arm.base && t.appid === env.principal.clientId), 'ARM tokens came from the federated sign-in');
      const publishLog = r.steps.find((s) => s.id === 'offerkit')!.log;
      assert.ok(!publishLog.includes(env.principal.clientSecret));
      assert.match(r.summary, /offerkit publish/);
      assert.equal(r.steps.find((s) => s.id === 'offerkit')!.outputs['exit-code'], '0');
    });

    it('the workflow does not run for a branch push, and a token for another subject cannot sign in', async () => {
      await assert.rejects(publishJob({ name: 'push', ref: 'refs/heads/main', repository: REPOSITORY }), /does not run on push refs\/heads\/main/);
      const before = env.arm.definitions.size;
      const r = await publishJob({ name: 'push', ref: 'refs/tags/v9.9.9', repository: 'someone/fork' });
      assert.equal(r.conclusion, 'failure');
      const login = r.steps.find((s) => s.name.startsWith('Sign in'))!;
      assert.equal(login.outcome, 'failure');
      assert.match(login.log, /AADSTS70021: No matching federated identity record/);
      assert.equal(r.steps.find((s) => s.id === 'offerkit')?.outcome ?? 'skipped', 'skipped', 'nothing is published after a failed sign-in');
      assert.equal(env.arm.definitions.size, before);
    });
  });
});
