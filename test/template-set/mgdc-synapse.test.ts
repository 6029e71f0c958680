// The Synapse template set: the same offer.yaml gives the same consent and the same policies as mgdc-adf, the
// pipeline the deployment script publishes is exactly what the offer requests (read by running the script
// itself against a recording `az`), and a table of offers (dataset kinds, windows, groups, schedules, sinks)
// renders, validates for the marketplace and asks Microsoft 365 for nothing more.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseExpression, isExpression, type ExprNode } from '../../src/arm/expressions.js';
import { collectResources, prop } from '../../src/arm/template.js';
import { resolvePointer } from '../../src/util/json-pointer.js';
import { consentStep, copyRequests } from '../../src/package-model/consent-model.js';
import { runOfferPipeline, type PipelinePlan } from '../../src/pipeline/offer-pipeline.js';
import { defaultPricing } from '../../src/preview/pricing.js';
import { inspectPackageFile } from '../../src/package/inspect-package.js';
import { estimateMonthlyCost } from '../../src/preview/client/cost.js';
import { copyExampleOffer, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { BASE_OFFER, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';
import { editOfferYaml } from '../helpers/offer-copy.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { LOCATION, publishArgs, runOfferkit } from '../publish/helpers.js';

const run = promisify(execFile);
type Json = Record<string, unknown>;

/** The value at a dotted path, numbers indexing arrays. */
const at = (v: unknown, path: string): unknown => resolvePointer(v, `/${path.split('.').join('/')}`);
const mainOf = (p: PipelinePlan) => JSON.parse(p.files.get('mainTemplate.json')!.toString('utf8')) as Json;
const typesOf = (main: Json) => collectResources(main).map((r) => r.fullType.toLowerCase());
const request = (r: ReturnType<typeof copyRequests>[number]) => ({ dataset: r.dataset, columns: r.columns, window: r.window, groups: r.groups, unreadable: r.unreadable });

const withSet = (dir: string, set: string) => editOfferYaml(dir, 'set: mgdc-adf', `set: ${set}`);

const PARAMETERS: Json = { servicePrincipalId: '11111111-2222-3333-4444-555555555555', storageAccountPrefix: 'm365data', location: 'westeurope', triggerStartTime: '2026-12-03T00:00:00Z' };

/** ARM's evaluation of a template value, for the functions the Synapse artifacts use; anything else fails the test. */
function evaluate(value: unknown, main: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, main));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, main)]));
  if (!isExpression(value)) return typeof value === 'string' && value.startsWith('[[') ? value.slice(1) : value;
  const call = (node: ExprNode): unknown => {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'literal':
        return node.value;
      case 'member':
        return (call(node.object) as Json)[node.property];
      case 'index':
        return (call(node.object) as Json)[String(call(node.index))];
      case 'call': {
        const args = node.args.map(call);
        switch (node.name.toLowerCase()) {
          case 'variables':
            return evaluate((main.variables as Json)[String(args[0])], main);
          case 'parameters':
            assert.ok(String(args[0]) in PARAMETERS, `parameter ${String(args[0])} has a test value`);
            return PARAMETERS[String(args[0])];
          case 'subscription':
            return { tenantId: '99999999-8888-7777-6666-555555555555', subscriptionId: '00000000-0000-0000-0000-000000000001' };
          case 'environment':
            return { suffixes: { storage: 'core.windows.net' } };
          case 'concat':
            return args.map(String).join('');
          case 'uri':
            return new URL(String(args[1]), String(args[0])).toString();
          case 'string':
            return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
          case 'tolower':
            return String(args[0]).toLowerCase();
          case 'uniquestring':
            return 'abcdefghijklm';
          case 'resourcegroup':
            return { id: '/subscriptions/x/resourceGroups/rg', location: 'westeurope', name: 'rg' };
          default:
            throw new Error(`the test evaluator does not know ${node.name}()`);
        }
      }
    }
  };
  return call(parseExpression(value));
}

interface Published { group: string; name: string; body: Json }

/**
 * An `az` for the four `az synapse … create` commands and `trigger start|stop`, as strict as the CLI and the
 * workspace are where the script relies on them: the CLI reads the artifact from the file's `properties`
 * (azure-cli synapse artifacts.py: `definition_file['properties']`); the workspace refuses a reference to an
 * artifact it does not have, and refuses to update a started trigger. State lives in `dir`, so a second run sees
 * the first one's workspace; `sleep` is stubbed so a retried call costs no time.
 */
async function fakeSynapseCli(dir: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(join(dir, 'log'), { recursive: true });
  await mkdir(bin, { recursive: true });
  await writeFile(join(dir, 'workspace.json'), JSON.stringify({ 'linked-service': {}, dataset: {}, pipeline: {}, trigger: {}, started: [] }));
  await writeFile(join(bin, 'az'), `#!${process.execPath}
const fs = require('fs');
const dir = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
const log = dir + '/log';
const n = fs.readdirSync(log).length;
const opt = (o) => { const i = args.indexOf(o); return i >= 0 ? args[i + 1] : undefined; };
const fail = (code, message) => { process.stderr.write('ERROR: ' + message + '\\n'); process.exit(code); };
const file = opt('--file');
fs.writeFileSync(log + '/' + String(n).padStart(4, '0') + '.json', JSON.stringify({ args, file: file ? fs.readFileSync(file.slice(1), 'utf8') : null }));
const ws = JSON.parse(fs.readFileSync(dir + '/workspace.json', 'utf8'));
const save = () => fs.writeFileSync(dir + '/workspace.json', JSON.stringify(ws));
const [top, group, verb] = args;
const name = opt('--name');
if (top !== 'synapse' || !opt('--workspace-name') || !name) fail(2, 'usage: az synapse <group> <verb> --workspace-name W --name N');
if (verb === 'create') {
  if (!(group in ws) || group === 'started') fail(2, "'" + group + "' is not in the 'az synapse' command group");
  if (!file || !file.startsWith('@')) fail(2, 'the following arguments are required: --file');
  const body = JSON.parse(fs.readFileSync(file.slice(1), 'utf8'));
  if (typeof body.properties !== 'object' || body.properties === null) fail(1, "KeyError: 'properties'");
  const refs = [];
  const walk = (v) => { if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v === 'object') { if (typeof v.referenceName === 'string' && typeof v.type === 'string') refs.push(v); Object.values(v).forEach(walk); } };
  walk(body.properties);
  const kinds = { LinkedServiceReference: 'linked-service', DatasetReference: 'dataset', PipelineReference: 'pipeline' };
  for (const r of refs) if (kinds[r.type] && !(r.referenceName in ws[kinds[r.type]])) fail(1, 'BadRequest: the document refers to ' + r.type + ' ' + r.referenceName + ', which does not exist');
  if (group === 'trigger' && ws.started.includes(name)) fail(1, 'BadRequest: trigger ' + name + ' is started; stop it before updating it');
  ws[group][name] = body;
  save();
} else if (group === 'trigger' && (verb === 'start' || verb === 'stop')) {
  if (!(name in ws.trigger)) fail(3, 'ResourceNotFound: trigger ' + name);
  ws.started = ws.started.filter((t) => t !== name);
  if (verb === 'start') ws.started.push(name);
  save();
} else fail(2, 'unknown command: ' + args.join(' '));
`);
  await writeFile(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'az'), 0o755);
  await chmod(join(bin, 'sleep'), 0o755);
  return dir;
}

/**
 * Runs the template's deployment script as Azure would (bash, with its environment variables evaluated) against
 * the fake CLI in `cli` (a new one when not given). Returns what this run published, in order.
 */
async function runPublishScript(main: Json, cli?: string): Promise<{ published: Published[]; calls: string[][]; stdout: string; cli: string; workspace: { started: string[] } }> {
  const script = collectResources(main).find((r) => r.fullType.toLowerCase() === 'microsoft.resources/deploymentscripts');
  assert.ok(script, 'the template has a deployment script');
  const env: Record<string, string> = { PATH: '', HOME: process.env.HOME ?? '/tmp' };
  for (const v of at(script.resource, 'properties.environmentVariables') as Json[]) {
    const value = v.secureValue !== undefined ? 'the-client-secret-0123456789' : evaluate(v.value, main);
    env[String(v.name)] = String(value);
  }
  const dir = cli ?? (await fakeSynapseCli(await tempDir('offerkit-az-')));
  const before = (await readdir(join(dir, 'log'))).length;
  env.PATH = `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  const { stdout } = await run('bash', ['-c', String(at(script.resource, 'properties.scriptContent'))], { env, timeout: 60_000 });
  const calls: string[][] = [];
  const published: Published[] = [];
  for (const name of (await readdir(join(dir, 'log'))).sort().slice(before)) {
    const entry = JSON.parse(await readFile(join(dir, 'log', name), 'utf8')) as { args: string[]; file: string | null };
    calls.push(entry.args);
    if (entry.args[2] === 'create') published.push({ group: entry.args[1], name: entry.args[entry.args.indexOf('--name') + 1], body: JSON.parse(entry.file!) as Json });
  }
  const workspace = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as { started: string[] };
  return { published, calls, stdout, cli: dir, workspace };
}

describe('template set mgdc-synapse', function () {
  this.timeout(120_000);

  it('the example offer through both sets: same consent, same policies, both clean for the marketplace', async () => {
    const adf = await copyExampleOffer(join(await tempDir(), 'adf'));
    const synapse = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await withSet(synapse, 'mgdc-synapse');
    const [a, s] = await Promise.all([runOfferPipeline(adf), runOfferPipeline(synapse)]);
    assert.deepEqual(s.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
    assert.equal(s.rendered.length, a.rendered.length);
    for (const [i, sp] of s.rendered.entries()) {
      const ap = a.rendered[i];
      const [am, sm] = [mainOf(ap), mainOf(sp)];
      // What is copied and what the admin is shown: the same requests, read back from each template and step.
      const sr = copyRequests(sm);
      assert.equal(sr.length, s.offer!.requiredData.length);
      assert.deepEqual(sr.map(request), copyRequests(am).map(request));
      assert.ok(sr.every((r) => r.pointer.startsWith('/variables/synapseArtifacts/pipelines/0/properties/activities/')), sr.map((r) => r.pointer).join());
      const ui = (p: PipelinePlan) => consentStep(JSON.parse(p.files.get('createUiDefinition.json')!.toString('utf8')))!.requests.map(request);
      assert.deepEqual(ui(sp), ui(ap));
      // The same Azure policies assigned by the definition.
      assert.deepEqual(sp.definition?.policies, ap.definition?.policies);
      assert.ok((sp.definition?.policies ?? []).length >= 5);
      // A Synapse workspace instead of a Data Factory; no SQL password anywhere; Entra-only sign-in.
      assert.ok(typesOf(sm).includes('microsoft.synapse/workspaces') && !typesOf(sm).some((t) => t.startsWith('microsoft.datafactory')));
      const ws = collectResources(sm).find((r) => r.fullType === 'Microsoft.Synapse/workspaces')!.resource;
      assert.equal(at(ws, 'properties.azureADOnlyAuthentication'), true);
      assert.equal(at(ws, 'properties.sqlAdministratorLoginPassword'), undefined);
      assert.equal(at(ws, 'identity.type'), 'SystemAssigned');
      assert.equal(at(ws, 'properties.managedVirtualNetwork'), 'default');
      assert.equal(at(ws, 'properties.managedVirtualNetworkSettings.preventDataExfiltration'), false);
      assert.doesNotMatch(JSON.stringify(sm.outputs), /password|secret|key/i);
      // Every storage account (received data, the workspace's lake, the script's share) is configured as the
      // policies require; only the script's allows shared keys, with which deployment scripts mount their share.
      const accounts = collectResources(sm).filter((r) => r.fullType === 'Microsoft.Storage/storageAccounts');
      assert.equal(accounts.length, 3);
      assert.deepEqual(accounts.map((acc) => at(acc.resource, 'properties.allowSharedKeyAccess')), [false, false, true]);
      const script = collectResources(sm).find((r) => r.fullType === 'Microsoft.Resources/deploymentScripts')!.resource;
      assert.equal(at(script, 'properties.storageAccountSettings.storageAccountName'), at(accounts[2].resource, 'name'));
      for (const acc of accounts) {
        for (const [path, want] of [['properties.supportsHttpsTrafficOnly', true], ['properties.minimumTlsVersion', 'TLS1_2'], ['properties.allowBlobPublicAccess', false], ['properties.encryption.requireInfrastructureEncryption', true]] as const) {
          assert.equal(at(acc.resource, path), want, `${String(prop(acc.resource, 'name'))} ${path}`);
        }
      }
      // The README and next steps name Synapse, not Data Factory.
      assert.match(sp.readme!, /Compute type: Azure Synapse Analytics/);
      assert.match(sp.readme!, /Synapse workspace: .*deployment output `synapseWorkspaceName`/);
      assert.doesNotMatch(sp.readme!, /Data Factory/);
      assert.match(sp.readme!, /Data Lake Storage account of the Synapse workspace/);
    }
    for (const dir of [adf, synapse]) {
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--json']);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const report = JSON.parse(v.stdout) as { diagnostics: { severity: string; code: string }[] };
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), [], dir);
    }
  });

  it('the deployment script publishes exactly the pipeline the offer requests, with the secret only from its secure parameter', async () => {
    const dir = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await withSet(dir, 'mgdc-synapse');
    const r = await runOfferPipeline(dir);
    const plan = r.rendered[0];
    const main = mainOf(plan);
    const first = await runPublishScript(main);
    const { published, calls, stdout } = first;
    assert.deepEqual(first.workspace.started, ['Schedule']);
    assert.deepEqual(published.map((p) => p.group), ['linked-service', 'linked-service', 'dataset', 'dataset', 'dataset', 'dataset', 'pipeline', 'trigger']);
    assert.ok(calls.every((c) => c[0] === 'synapse' && c.includes('--workspace-name') && c[c.indexOf('--workspace-name') + 1] === 'synwabcdefghijklm'));
    assert.deepEqual(calls[0].slice(0, 3), ['synapse', 'trigger', 'stop'], 'a started trigger is stopped before it is updated');
    assert.deepEqual(calls.at(-1)!.slice(0, 3), ['synapse', 'trigger', 'start'], 'startTriggerOnInstall starts the schedule');
    assert.doesNotMatch(stdout, /the-client-secret/);
    // Installed again (an update of the plan): the started trigger is stopped, everything is updated, it starts again.
    const second = await runPublishScript(main, first.cli);
    assert.deepEqual(second.calls[0].slice(0, 3), ['synapse', 'trigger', 'stop']);
    assert.equal(second.published.length, published.length);
    assert.deepEqual(second.workspace.started, ['Schedule']);
    // The secret reaches the Office 365 linked service only; the template never holds it.
    const o365 = published.find((p) => p.name === 'Office365')!.body;
    assert.deepEqual(at(o365, 'properties.typeProperties.servicePrincipalKey'), { type: 'SecureString', value: 'the-client-secret-0123456789' });
    assert.equal(at(o365, 'properties.typeProperties.servicePrincipalId'), PARAMETERS.servicePrincipalId);
    assert.equal(at(o365, 'properties.connectVia.referenceName'), 'DataConnectRuntime');
    assert.doesNotMatch(JSON.stringify(main), /the-client-secret/);
    const sink = published.find((p) => p.name === 'CustomerStorage')!.body;
    assert.equal(at(sink, 'properties.typeProperties.url'), 'https://m365dataabcdefghijklm.dfs.core.windows.net/');
    // The pipeline as the workspace receives it: one Office 365 copy per dataset, exactly the offer's request.
    const pipeline = published.find((p) => p.group === 'pipeline')!;
    const received = copyRequests({ pipeline: pipeline.body, datasets: published.filter((p) => p.group === 'dataset').map((p) => p.body) });
    assert.deepEqual(
      received.map((q) => ({ dataset: q.dataset, columns: q.columns, window: q.window, groups: q.groups })),
      r.offer!.requiredData.map((rd) => ({
        dataset: rd.dataset.name,
        columns: rd.columns.map((c) => c.name),
        window: rd.dateFilter ? { column: rd.dateFilter.column, rollingDays: rd.dateFilter.rollingDays } : null,
        groups: rd.scope.allUsers ? [] : rd.scope.groups.map((g) => g.toLowerCase()).sort(),
      })),
    );
    const trigger = published.find((p) => p.group === 'trigger')!.body;
    assert.deepEqual(at(trigger, 'properties.typeProperties.recurrence'), { frequency: 'Day', interval: 1, startTime: '2026-12-03T00:00:00Z', timeZone: 'UTC' });
    assert.equal(at(trigger, 'properties.pipelines.0.pipelineReference.referenceName'), pipeline.name);
  });

  it('consent fidelity reads the Synapse pipeline: an extra column in it is an error at its place', async () => {
    const dir = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await cp(join(ROOT, 'templates', 'mgdc-synapse'), join(dir, 'tpl'), { recursive: true });
    const hbs = join(dir, 'tpl', 'mainTemplate.json.hbs');
    await writeFile(hbs, replaceOnce(await readFile(hbs, 'utf8'), '"outputColumns": [\n', '"outputColumns": [\n                      { "name": "subject" },\n'));
    await editOfferYaml(dir, 'set: mgdc-adf', 'path: tpl');
    const v = await runCli(['validate', dir, '--json']);
    assert.equal(v.code, 1, v.stdout + v.stderr);
    const found = (JSON.parse(v.stdout) as { diagnostics: { code: string; message: string; pointer?: string; line?: number }[] }).diagnostics.filter((d) => d.code === 'consent-fidelity');
    assert.ok(found.length >= 3, JSON.stringify(found));
    assert.ok(found.some((d) => d.message.includes('subject') && d.pointer?.startsWith('/variables/synapseArtifacts/pipelines/0/properties/activities/') && typeof d.line === 'number'), JSON.stringify(found));
  });

  it('copy requests carried as JSON text (a script argument) are read too', () => {
    const pipeline = { name: 'p', properties: { activities: [{ name: 'c', type: 'Copy', inputs: [{ referenceName: 'src' }], typeProperties: { source: { type: 'Office365Source', outputColumns: [{ name: 'id' }, { name: 'mail' }] } } }] } };
    const dataset = { name: 'src', properties: { type: 'Office365Table', linkedServiceName: { referenceName: 'o' }, typeProperties: { tableName: 'BasicDataSet_v0.User_v1' } } };
    const template = { resources: [{ type: 'Microsoft.Resources/deploymentScripts', name: 's', properties: { arguments: JSON.stringify({ pipelines: [pipeline], datasets: [dataset] }) } }] };
    const r = copyRequests(template);
    assert.equal(r.length, 1);
    assert.deepEqual({ dataset: r[0].dataset, columns: r[0].columns }, { dataset: 'BasicDataSet_v0.User_v1', columns: ['id', 'mail'] });
    assert.equal(r[0].pointer, '/resources/0/properties/arguments');
    // In a script's here-document, and as the literal of json() or base64ToString() in an expression.
    const both = JSON.stringify({ pipelines: [pipeline], datasets: [dataset] });
    const heredoc = `set -e\ncat > /tmp/p.json <<'EOF'\n${JSON.stringify(pipeline, null, 2)}\nEOF\necho '${JSON.stringify(dataset)}' > /tmp/d.json\naz synapse pipeline create --file @/tmp/p.json`;
    const carried = [heredoc, `[json('${both.replace(/'/g, "''")}')]`, `[base64ToString('${Buffer.from(both).toString('base64')}')]`];
    for (const text of carried) {
      const found = copyRequests({ resources: [{ type: 'Microsoft.Resources/deploymentScripts', name: 's', properties: { scriptContent: text } }] });
      assert.deepEqual(found.map((q) => [q.pointer, q.dataset, q.columns]), [['/resources/0/properties/scriptContent', 'BasicDataSet_v0.User_v1', ['id', 'mail']]], text.slice(0, 40));
    }
    // What an expression computes at deployment is not guessed.
    assert.deepEqual(copyRequests({ variables: { x: "[json(parameters('pipeline'))]" } }), []);
  });

  const TABLE: { name: string; edit: (y: string) => string; check: (main: Json, artifacts: Json) => void }[] = [
    {
      name: 'a fixed date window, JSON to Blob storage, every 6 hours',
      edit: (y) => replaceOnce(replaceOnce(replaceOnce(y, '      rollingDays: 7', '      start: "2026-01-01T00:00:00Z"\n      end: "2026-06-30T00:00:00Z"'), '  frequency: Day\n  interval: 1', '  frequency: Hour\n  interval: 6'), '  kind: adlsGen2\n  format: parquet', '  kind: blob\n  format: json'),
      check: (_m, a) => {
        const src = at(a, 'pipelines.0.properties.activities.0.typeProperties.source') as Json;
        assert.equal(src.startTime, '2026-01-01T00:00:00Z');
        assert.equal(src.endTime, '2026-06-30T00:00:00Z');
        assert.deepEqual(at(a, 'triggers.0.properties.typeProperties.recurrence.frequency'), 'Hour');
        assert.deepEqual(at(a, 'triggers.0.properties.typeProperties.recurrence.interval'), 6);
        assert.equal(at(a, 'linkedServices.1.properties.type'), 'AzureBlobStorage');
        assert.equal(at(a, 'datasets.1.properties.type'), 'Json');
        assert.equal(at(a, 'datasets.1.properties.typeProperties.location.type'), 'AzureBlobStorageLocation');
      },
    },
    {
      name: 'two groups, a directory dataset without dates, weekly from a fixed start',
      edit: (y) => replaceOnce(replaceOnce(y, '    purpose: To count messages per sender.', '    scope:\n      groups: [6F1C2B8E-3D4A-4C5B-9E7F-0A1B2C3D4E5F, 0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d]\n    purpose: To count messages per sender.\n  - dataset: BasicDataSet_v0.User_v1\n    columns: [id, department]\n    purpose: To group by department.'), '  frequency: Day\n  interval: 1', '  frequency: Week\n  interval: 1\n  startTime: "2027-01-04T02:00:00Z"'),
      check: (_m, a) => {
        const acts = at(a, 'pipelines.0.properties.activities') as Json[];
        assert.equal(acts.length, 2);
        assert.deepEqual(at(acts[0], 'typeProperties.source.allowedGroups'), ['6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f', '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d'].map((g) => g));
        assert.equal(at(acts[1], 'typeProperties.source.dateFilterColumn'), undefined);
        assert.equal(at(a, 'triggers.0.properties.typeProperties.recurrence.startTime'), '2027-01-04T02:00:00Z');
      },
    },
    {
      name: 'a tenant-wide SharePoint dataset, monthly, no managed network, schedule left stopped',
      edit: (y) => replaceOnce(replaceOnce(replaceOnce(y, "  - dataset: BasicDataSet_v0.Message_v1\n    columns: [id, sender, receivedDateTime]\n    dateFilter:\n      column: receivedDateTime\n      rollingDays: 7\n", '  - dataset: BasicDataSet_v0.SharePointSites_v1\n    columns: [Id, Url]\n    dateFilter:\n      column: SnapshotDate\n      rollingDays: 1\n'), '  frequency: Day', '  frequency: Month'), 'template:\n  set: mgdc-synapse', 'template:\n  set: mgdc-synapse\n  inputs: { managedVirtualNetwork: false, startTriggerOnInstall: false }'),
      check: (m, a) => {
        assert.equal(at(a, 'datasets.0.properties.typeProperties.tableName'), 'BasicDataSet_v0.SharePointSites_v1');
        const ws = collectResources(m).find((r) => r.fullType === 'Microsoft.Synapse/workspaces')!.resource;
        assert.equal(at(ws, 'properties.managedVirtualNetwork'), undefined);
        const script = collectResources(m).find((r) => r.fullType === 'Microsoft.Resources/deploymentScripts')!.resource;
        assert.ok((at(script, 'properties.environmentVariables') as Json[]).some((e) => e.name === 'START_TRIGGER' && e.value === 'false'));
      },
    },
  ];

  for (const row of TABLE) {
    it(`offer table: ${row.name}`, async () => {
      const dir = await writeOffer(row.edit(replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-synapse')));
      const r = await runOfferPipeline(dir);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`), []);
      for (const p of r.rendered) {
        const main = mainOf(p);
        const artifacts = (main.variables as Json).synapseArtifacts as Json;
        row.check(main, artifacts);
        // Each copy requests exactly the offer's columns, window and groups, and the admin is shown the same.
        const got = copyRequests(main).map(request);
        assert.equal(got.length, r.offer!.requiredData.length);
        for (const [i, rd] of r.offer!.requiredData.entries()) {
          assert.deepEqual(got[i].columns, rd.columns.map((c) => c.name));
          assert.equal(got[i].dataset, rd.dataset.name);
          assert.deepEqual(got[i].unreadable, []);
        }
        assert.deepEqual(consentStep(JSON.parse(p.files.get('createUiDefinition.json')!.toString('utf8')))!.requests.map((q) => q.dataset), got.map((g) => g.dataset));
        const { published } = await runPublishScript(main);
        assert.deepEqual(published.filter((x) => x.group === 'pipeline').map((x) => (at(x.body, 'properties.activities') as unknown[]).length), [r.offer!.requiredData.length]);
      }
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--json']);
      const report = JSON.parse(v.stdout) as { diagnostics: { severity: string; code: string; message: string }[] };
      // The fixture offer lacks listing details Partner Center asks for (marketplace-listing/-plan); the packages must be clean.
      assert.deepEqual(report.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && !/^marketplace-(listing|plan)$/.test(d.code)).map((d) => `${d.code}: ${d.message}`), []);
    });
  }

  it('the cost estimate prices Synapse pipeline runs and leaves nothing of the copy unpriced', async () => {
    const dir = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await withSet(dir, 'mgdc-synapse');
    const r = await runOfferPipeline(dir);
    const types: Record<string, number> = {};
    for (const res of collectResources(mainOf(r.rendered[0]))) if (res.deploymentDepth === 0) types[res.fullType] = (types[res.fullType] ?? 0) + 1;
    const pricing = defaultPricing();
    pricing.synapse.activityRunsPrice = 2;
    const plan = { id: 'p', displayName: 'P', price: { model: 'free' as const, amount: 0, currency: 'USD', billingTerm: 'month' as const }, storageSku: 'Standard_LRS', retentionDays: 30, resourceTypes: types };
    const e = estimateMonthlyCost(plan, [{ name: 'BasicDataSet_v0.Message_v1', title: 'Mail', kind: 'items', windowDays: 1, columns: 10 }], pricing, { users: 1000, itemsPerUserPerDay: 50, tenantObjects: 0, frequency: 'Day', interval: 1, retentionDays: 30 });
    const orchestration = e.lines.find((l) => l.key === 'orchestration')!;
    assert.equal(orchestration.label, 'Synapse pipeline activity runs');
    assert.equal(orchestration.amount, Math.round(((365.25 / 12) / 1000) * 2 * 100) / 100);
    assert.equal(e.lines.find((l) => l.key === 'dataMovement')!.label, 'Synapse data movement');
    // The workspace, both storage accounts, the runtime and the firewall rule are the copy's own; the log
    // workspace and the one-off script bill apart and are named as not estimated, as for mgdc-adf.
    assert.deepEqual(e.notEstimated.map((n) => n.type), ['Microsoft.OperationalInsights/workspaces', 'Microsoft.Resources/deploymentScripts']);
  });

  it('init --from a Synapse package: the same request, compute and outputs, and the same template back', async () => {
    const src = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await withSet(src, 'mgdc-synapse');
    const out = join(await tempDir(), 'dist');
    assert.equal((await runCli(['build', src, '--out', out, '--plan', 'standard'])).code, 0);
    const zip = join(out, 'contoso-mail-insights', 'standard', 'app.zip');
    const dir = join(await tempDir(), 'imported');
    const init = await runCli(['init', dir, '--from', zip]);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const offer = parseYaml(await readFile(join(dir, 'offer.yaml'), 'utf8')) as { requiredData: { dataset: string; columns: string[] }[] };
    const example = parseYaml(await readFile(join(src, 'offer.yaml'), 'utf8')) as { requiredData: { dataset: string; columns: string[] }[] };
    assert.deepEqual(offer.requiredData.map((d) => [d.dataset, d.columns]), example.requiredData.map((d) => [d.dataset, d.columns]));
    const set = parseYaml(await readFile(join(dir, 'template', 'templateset.yaml'), 'utf8')) as { afterInstall: { outputs: Json; compute: string } };
    assert.equal(set.afterInstall.compute, 'Azure Synapse Analytics');
    assert.equal(set.afterInstall.outputs.synapseWorkspace, 'synapseWorkspaceName');
    const [again] = (await runOfferPipeline(dir)).rendered;
    const [first] = (await runOfferPipeline(src)).rendered.filter((p) => p.plan.id === 'standard');
    const { generator: _a, ...m1 } = mainOf(first).metadata as Json;
    const { generator: _b, ...m2 } = mainOf(again).metadata as Json;
    assert.deepEqual({ ...mainOf(again), metadata: m2 }, { ...mainOf(first), metadata: m1 });
    assert.match(again.readme!, /Compute type: Azure Synapse Analytics/);

    // The same package from another tool (no offerkit README): the compute is read from the template itself.
    const bare = join(await tempDir(), 'bare-package');
    await mkdir(bare);
    const pkg = await inspectPackageFile(zip);
    for (const [name, bytes] of pkg.contents) if (name !== 'README.md') await writeFile(join(bare, name), bytes);
    const dir2 = join(await tempDir(), 'imported-bare');
    assert.equal((await runCli(['init', dir2, '--from', bare])).code, 0);
    const set2 = parseYaml(await readFile(join(dir2, 'template', 'templateset.yaml'), 'utf8')) as { afterInstall?: { compute?: string } };
    assert.equal(set2.afterInstall?.compute, 'Azure Synapse Analytics');
    const [bareBuilt] = (await runOfferPipeline(dir2)).rendered;
    assert.match(bareBuilt.readme!, /Compute type: Azure Synapse Analytics/);
  });

  it('offerkit init --template mgdc-synapse writes an offer that builds', async () => {
    const dir = join(await tempDir(), 'new-offer');
    const init = await runCli(['init', dir, '--template', 'mgdc-synapse']);
    assert.equal(init.code, 0, init.stderr);
    const yaml = await readFile(join(dir, 'offer.yaml'), 'utf8');
    assert.match(yaml, /set: mgdc-synapse/);
    assert.match(yaml, /requiredData:/);
    const build = await runCli(['build', dir, '--out', join(dir, '..', 'dist')]);
    assert.equal(build.code, 0, build.stdout + build.stderr);
  });
});

describe('template set mgdc-synapse: installed from the service catalog (emulated ARM)', function () {
  this.timeout(180_000);
  let env: PublishEnv;
  after(() => env?.stop());

  it('installs, names the workspace in its outputs, and keeps every storage promise on all three accounts', async () => {
    env = await startPublishEnv();
    const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    await withSet(offer, 'mgdc-synapse');
    const RG = 'rg-synapse';
    const published = await runOfferkit(env, publishArgs(env, offer, ['--plan', 'standard'], RG));
    assert.equal(published.code, 0, published.stdout + published.stderr);
    const params = join(await tempDir(), 'params.json');
    const p = await runOfferkit(env, ['preview', offer, '--plan', 'standard', '--parameters-out', params]);
    assert.equal(p.code, 0, p.stdout + p.stderr);
    const doc = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, { value: unknown }> };
    doc.parameters.servicePrincipalId = { value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
    await writeFile(params, JSON.stringify(doc, null, 2));
    const secret = 'sp-secret-synapse-5d1e';
    const r = await runOfferkit({ ...env, env: { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: secret } }, ['deploy', offer, '--plan', 'standard', '--parameters', params, '--name', 'syn-test', ...env.azureArgs, '--resource-group', RG, '--location', LOCATION, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(secret));
    const out = (JSON.parse(r.stdout) as { deploy: { outputs: Json; resources: { type: string }[]; promises: { policy: string; resource: string; kept: boolean }[] } }).deploy;
    assert.deepEqual(Object.keys(out.outputs).sort(), ['container', 'storageAccountName', 'synapseWorkspaceName']);
    assert.ok(out.resources.some((x) => x.type === 'Microsoft.Synapse/workspaces'), JSON.stringify(out.resources));
    for (const policy of ['secure-transfer', 'minimum-tls', 'no-public-blob-access', 'infrastructure-encryption']) {
      const kept = out.promises.filter((x) => x.policy === policy && x.resource.startsWith('Microsoft.Storage/storageAccounts '));
      assert.equal(new Set(kept.map((x) => x.resource)).size, 3, `${policy} is read back on every storage account: ${JSON.stringify(kept)}`);
      assert.ok(kept.every((x) => x.kept), JSON.stringify(kept));
    }
  });
});
