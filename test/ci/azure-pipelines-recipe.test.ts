// The Azure Pipelines recipe in docs/ci, run by the pipeline harness: pull requests validate (issues in the
// run, findings as JUnit test results, a summary) and build (the packages as an artifact) without publishing;
// a version tag publishes to a service catalog through a workload-identity service connection, against the
// ARM emulator and Azurite.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { assertConverged, LOCATION, RG } from '../publish/helpers.js';
import { runAzurePipeline, type PipelineEvent, type PipelineRunOptions } from './azure-pipelines-runner.js';
import { azStandIn, BROKEN_LINE, offersRepo, runnerEnv } from './recipe-fixtures.js';
import { ENTRA_EXCHANGE_AUDIENCE, WorkloadTokenService } from './workload-tokens.js';

const PIPELINE = join(ROOT, 'docs', 'ci', 'azure-pipelines.yml');
const log = (r: Awaited<ReturnType<typeof runAzurePipeline>>) => r.steps.map((s) => `${s.stage}/${s.job}/${s.name}: ${s.outcome}\n${s.log}`).join('\n');

describe('Azure Pipelines: the recipe in docs/ci', function () {
  this.timeout(300000);
  let bin: string;

  before(async () => {
    bin = await azStandIn();
  });

  const run = async (source: string, event: PipelineEvent, more: Partial<PipelineRunOptions> = {}) => {
    const agentDir = await tempDir('offerkit-agent-');
    // OFFERKIT_HOME names this checkout, as a self-hosted agent with offerkit already cloned would: the clone step is skipped.
    return runAzurePipeline({ pipeline: PIPELINE, event, source, agentDir, env: runnerEnv(bin, join(agentDir, 'home')), queueVariables: { OFFERKIT_HOME: ROOT }, ...more });
  };

  it('a pull request with a mistake: the issue on its line, a failed test result, a summary, no publish', async () => {
    const r = await run(await offersRepo({ broken: true }), { reason: 'PullRequest', sourceBranch: 'refs/pull/7/merge', targetBranch: 'refs/heads/main' });
    assert.equal(r.result, 'failed');
    assert.deepEqual(r.skippedStages, ['Publish']);
    const issue = r.issues.find((i) => i.sourcepath === 'offers/broken/offer.yaml');
    assert.ok(issue, log(r));
    assert.equal(issue.type, 'error');
    assert.equal(issue.linenumber, BROKEN_LINE);
    assert.equal(issue.code, 'offer-unknown-key');
    assert.match(issue.message, /Unknown key "colour"/);
    const validation = r.testRuns[0];
    assert.deepEqual(validation.files, ['offerkit-validate.xml']);
    assert.equal(validation.failures, 1);
    assert.ok(validation.names.some((n) => n === `offer-unknown-key: offers/broken/offer.yaml:${BROKEN_LINE}:1`), validation.names.join('\n'));
    assert.equal(r.variables['validate.exitCode'], '1', 'the exit code is an output variable of the step');
    assert.match(r.summaries[0] ?? '', /## offerkit validate[\s\S]*\| offers\/broken \(`offers\/broken`\) \| 1 \|/);
    assert.equal(r.steps.find((s) => s.name === 'Findings as test results')!.outcome, 'failed', 'results are published although validation failed, and fail the task');
  });

  it('a clean pull request: validated, what changes for customers summarised, built, the packages kept, nothing published', async () => {
    const r = await run(await offersRepo({ newColumn: true }), { reason: 'PullRequest', sourceBranch: 'refs/pull/8/merge', targetBranch: 'refs/heads/main' });
    assert.equal(r.result, 'succeeded', log(r));
    assert.deepEqual(r.skippedStages, ['Publish']);
    assert.deepEqual(r.issues.filter((i) => i.type === 'error'), []);
    assert.equal(r.testRuns[0].failures, 0);
    assert.ok(r.testRuns[0].tests >= 1);
    const files = r.artifacts['offerkit-packages'];
    assert.deepEqual(files.filter((f) => f.endsWith('app.zip')), ['contoso-mail-insights/enterprise/app.zip', 'contoso-mail-insights/standard/app.zip', 'contoso-mail-insights/starter/app.zip']);
    assert.equal(r.summaries.length, 3, 'validate, changes and build each upload a summary');
    const changes = r.summaries.find((s) => s.startsWith('## What changes in contoso-mail-insights'));
    assert.ok(changes, r.summaries.join('\n---\n'));
    assert.match(changes, /Compared with git origin\/main \([0-9a-f]{7}\)\./);
    assert.match(changes, /### Plan enterprise 1\.2\.0 → 1\.3\.0: 1 change/);
    assert.match(changes, /must approve the data request again/);
    assert.match(r.summaries[2], /### contoso-mail-insights: packages[\s\S]*\| starter \| 1\.3\.0 \|/);
  });

  it('a pipeline not triggered: a push to another branch', async () => {
    await assert.rejects(run(await offersRepo(), { reason: 'IndividualCI', sourceBranch: 'refs/heads/feature/x' }), /does not run/);
  });

  describe('a version tag: publish through a workload-identity service connection', function () {
    let env: PublishEnv;
    let tokens: WorkloadTokenService;
    const connectionId = '7c2f1d4e-0000-4000-8000-00000000c0de';

    before(async () => {
      env = await startPublishEnv();
      tokens = new WorkloadTokenService();
      await tokens.start();
      const subject = 'sc://contoso/offers/offerkit-publish';
      tokens.connections.set(connectionId, subject);
      tokens.connections.set('unknown-connection', 'sc://contoso/offers/some-other-connection');
      env.principal.federated = [{ issuer: tokens.azureDevOps.issuer, subject, audience: ENTRA_EXCHANGE_AUDIENCE }];
      env.arm.entra.trustIssuer(tokens.azureDevOps.issuer, tokens.azureDevOps.verify);
    });
    after(async () => {
      await tokens?.stop();
      await env?.stop();
    });

    const tagRun = async (serviceConnection = 'offerkit-publish') => {
      const agentDir = await tempDir('offerkit-agent-');
      return runAzurePipeline({
        pipeline: PIPELINE,
        event: { reason: 'IndividualCI', sourceBranch: 'refs/tags/v1.2.0' },
        source: await offersRepo(),
        agentDir,
        env: runnerEnv(bin, join(agentDir, 'home'), { OFFERKIT_TEST_AZ_AUTHORITY: env.arm.base, OFFERKIT_TEST_AZ_ARM: env.arm.base }),
        queueVariables: { OFFERKIT_HOME: ROOT, serviceConnection, resourceGroup: RG, location: LOCATION, storageAccount: env.azurite.account.name, publishArgs: `--cloud-config ${env.cloudConfigFile} --retry-delay 50 --timeout 10` },
        serviceConnections: { 'offerkit-publish': { id: connectionId, tenant: env.tenant, clientId: env.principal.clientId, subscription: env.subscription }, 'other-connection': { id: 'unknown-connection', tenant: env.tenant, clientId: env.principal.clientId, subscription: env.subscription } },
        tokens,
      });
    };

    it('every plan becomes a definition; the Azure CLI sign-in is all the credential there is', async () => {
      const r = await tagRun();
      assert.equal(r.result, 'succeeded', log(r));
      assert.deepEqual(r.skippedStages, []);
      await assertConverged(env, ['contoso-mail-insights-starter', 'contoso-mail-insights-standard', 'contoso-mail-insights-enterprise']);
      const publish = r.steps.find((s) => s.name === 'Publish to the service catalog')!;
      assert.match(publish.log, new RegExp(`offerkit publish offers/contoso-mail-insights --to service-catalog .*--resource-group ${RG}`));
      assert.ok(!publish.log.includes(env.principal.clientSecret));
      assert.equal(r.variables.OFFERKIT_EXIT_CODE, '0');
    });

    it('a service connection whose token Entra does not trust publishes nothing', async () => {
      const before = env.arm.definitions.size;
      const r = await tagRun('other-connection');
      assert.equal(r.result, 'failed');
      assert.match(r.steps.find((s) => s.name === 'Publish to the service catalog')!.log, /az login failed: ERROR: AADSTS70021: No matching federated identity record found .*Assertion Subject: 'sc:\/\/contoso\/offers\/some-other-connection'/);
      assert.equal(env.arm.definitions.size, before);
    });
  });
});
