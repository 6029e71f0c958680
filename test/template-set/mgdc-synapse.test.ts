// The Synapse template set: the same offer.yaml gives the same consent and the same policies as mgdc-adf; the
// pipeline the package's publishing step publishes after installation is exactly what the offer requests (read by
// running the step itself, as a Synapse Administrator, against a recording `az` that refuses what the workspace
// refuses to anyone else); and a table of offers (dataset kinds, windows, groups, schedules, sinks) renders,
// validates for the marketplace and asks Microsoft 365 for nothing more.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseExpression, isExpression, type ExprNode } from '../../src/arm/expressions.js';
import { collectResources, prop } from '../../src/arm/template.js';
import { resolvePointer } from '../../src/util/json-pointer.js';
import { consentStep, copyRequests } from '../../src/package-model/consent-model.js';
import { runOfferPipeline, type PipelinePlan } from '../../src/pipeline/offer-pipeline.js';
import { defaultPricing } from '../../src/preview/pricing.js';
import { inspectPackageFile } from '../../src/package/inspect-package.js';
import { estimateMonthlyCost } from '../../src/preview/client/cost.js';
import { COPY_DATA_ACTIONS } from '../../src/datasets/copy-needs.js';
import { copyExampleOffer, copyTemplateSet, runCli, tempDir } from '../helpers/cli.js';
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
/** The role that lets the publisher add a Synapse Administrator to a workspace in the managed resource group. */
const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
const PUBLISHER_ASSIGNS_ROLES = `    - principalId: 9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d\n      roleDefinitionId: ${USER_ACCESS_ADMINISTRATOR}\n      description: Contoso Analytics operations team (makes the customer's administrators Synapse Administrators)\n`;
/**
 * The example offer on mgdc-synapse: its publisher may also assign roles in the managed resource group, so that
 * someone can make a Synapse Administrator, who publishes the pipeline (with the example's ReadOnly lock the
 * customer cannot; offer-synapse-no-administrator says so otherwise).
 */
async function asSynapse(dir: string): Promise<string> {
  await withSet(dir, 'mgdc-synapse');
  await editOfferYaml(dir, '  deploymentPolicy: Incremental', `${PUBLISHER_ASSIGNS_ROLES}  deploymentPolicy: Incremental`);
  return dir;
}

const PARAMETERS: Json = { servicePrincipalId: '11111111-2222-3333-4444-555555555555', servicePrincipalObjectId: '22222222-3333-4444-5555-666666666666', storageAccountPrefix: 'm365data', location: 'westeurope', triggerStartTime: '2026-12-03T00:00:00Z', workspaceAccessStartIp: '203.0.113.10', workspaceAccessEndIp: '203.0.113.20' };

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
            return { suffixes: { storage: 'core.windows.net', keyvaultDns: '.vault.azure.net' } };
          case 'if':
            return args[0] === true ? args[1] : args[2];
          case 'empty':
            return args[0] === '' || args[0] === null || (Array.isArray(args[0]) && args[0].length === 0);
          case 'not':
            return args[0] !== true;
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
 * An `az` as strict as the Azure CLI and the Synapse workspace are where the publishing step relies on them,
 * recording every call. State lives in `dir`, so a second run sees the first one's workspace; `sleep` is stubbed.
 * - `az resource show --ids <application> --query properties.outputs --output json`: the managed application's
 *   outputs (ARM returns them as `{ name: { type, value } }`), or ARM's ResourceNotFound for another id.
 * - `az synapse <linked-service|dataset|pipeline|trigger> create --file @f`: the CLI reads the artifact from the
 *   file's `properties` (azure-cli synapse artifacts.py: `definition_file['properties']`); the workspace refuses a
 *   reference to an artifact it does not have, and refuses to update a started trigger.
 * - What the workspace refuses before anything else, in the CLI's error shape (ERROR: (Code) Message, Code:,
 *   Message:): a caller outside every firewall range, `ClientIpAddressNotAuthorized` "Client Ip address : <ip>"
 *   (as az synapse printed it in MicrosoftLearning/dp-203-azure-data-engineer#35); a caller who is not a Synapse
 *   Administrator, `Unauthorized` "The principal '<id>' does not have the required Synapse RBAC permission to
 *   perform this action. Required permission: Action: <action>, Scope: workspaces/<ws>/*." (as reported in
 *   MicrosoftDocs/azure-docs#100560), the action being the one Synapse RBAC lists for the write
 *   (synapse-workspace-synapse-rbac-roles.md: workspaces/linkedServices/write, datasets/write, pipelines/write,
 *   triggers/write). The caller is the principal and address in FAKE_AZ_PRINCIPAL and FAKE_AZ_CLIENT_IP.
 */
async function fakeSynapseCli(dir: string, workspace: { application: string; outputs: Json; admins: string[]; firewall: [string, string][] }): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(join(dir, 'log'), { recursive: true });
  await mkdir(bin, { recursive: true });
  await writeFile(join(dir, 'workspace.json'), JSON.stringify({ 'linked-service': {}, dataset: {}, pipeline: {}, trigger: {}, started: [], ...workspace }));
  await writeFile(join(bin, 'az'), `#!${process.execPath}
const fs = require('fs');
const dir = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
const log = dir + '/log';
const n = fs.readdirSync(log).length;
const opt = (o) => { const i = args.indexOf(o); return i >= 0 ? args[i + 1] : undefined; };
const refuse = (code, message) => { process.stderr.write('ERROR: (' + code + ') ' + message + '\\nCode: ' + code + '\\nMessage: ' + message + '\\n'); process.exit(1); };
const fail = (code, message) => { process.stderr.write('ERROR: ' + message + '\\n'); process.exit(code); };
const file = opt('--file');
const entry = { args, file: file && fs.existsSync(file.slice(1)) ? fs.readFileSync(file.slice(1), 'utf8') : null };
const entryPath = log + '/' + String(n).padStart(4, '0') + '.json';
fs.writeFileSync(entryPath, JSON.stringify(entry));
process.on('exit', (code) => { if (code === 0) fs.writeFileSync(entryPath, JSON.stringify({ ...entry, ok: true })); });
const ws = JSON.parse(fs.readFileSync(dir + '/workspace.json', 'utf8'));
const save = () => fs.writeFileSync(dir + '/workspace.json', JSON.stringify(ws));
if (args[0] === 'resource' && args[1] === 'show') {
  if (opt('--ids') !== ws.application) refuse('ResourceNotFound', "The Resource '" + opt('--ids') + "' was not found.");
  if (opt('--query') !== 'properties.outputs' || opt('--output') !== 'json') fail(2, 'this fake answers --query properties.outputs --output json only');
  process.stdout.write(JSON.stringify(ws.outputs, null, 2) + '\\n');
  process.exit(0);
}
const [top, group, verb] = args;
const name = opt('--name');
const wsName = opt('--workspace-name');
if (top !== 'synapse' || !wsName || !name) fail(2, 'usage: az synapse <group> <verb> --workspace-name W --name N');
if (wsName !== ws.outputs.synapseWorkspaceName.value) refuse('ResourceNotFound', 'The workspace ' + wsName + ' was not found.');
const ip = process.env.FAKE_AZ_CLIENT_IP || '';
const num = (a) => a.split('.').reduce((x, y) => x * 256 + Number(y), 0);
if (!ws.firewall.some(([a, b]) => a !== '0.0.0.0' && num(a) <= num(ip) && num(ip) <= num(b))) refuse('ClientIpAddressNotAuthorized', 'Client Ip address : ' + ip);
const action = { 'linked-service': 'linkedServices', dataset: 'datasets', pipeline: 'pipelines', trigger: 'triggers' }[group];
const principal = process.env.FAKE_AZ_PRINCIPAL || '';
if (!ws.admins.includes(principal)) refuse('Unauthorized', "The principal '" + principal + "' does not have the required Synapse RBAC permission to perform this action. Required permission: Action: Microsoft.Synapse/workspaces/" + (action || group) + '/write, Scope: workspaces/' + wsName + '/*.');
if (verb === 'create') {
  if (!action) fail(2, "'" + group + "' is not in the 'az synapse' command group");
  if (!file || !file.startsWith('@')) fail(2, 'the following arguments are required: --file');
  const body = JSON.parse(fs.readFileSync(file.slice(1), 'utf8'));
  if (typeof body.properties !== 'object' || body.properties === null) fail(1, "KeyError: 'properties'");
  const refs = [];
  const walk = (v) => { if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v === 'object') { if (typeof v.referenceName === 'string' && typeof v.type === 'string') refs.push(v); Object.values(v).forEach(walk); } };
  walk(body.properties);
  const kinds = { LinkedServiceReference: 'linked-service', DatasetReference: 'dataset', PipelineReference: 'pipeline' };
  for (const r of refs) if (kinds[r.type] && !(r.referenceName in ws[kinds[r.type]])) refuse('BadRequest', 'The document refers to ' + r.type + ' ' + r.referenceName + ', which does not exist');
  if (group === 'trigger' && ws.started.includes(name)) refuse('BadRequest', 'Trigger ' + name + ' is started; stop it before updating it');
  ws[group][name] = body;
  save();
} else if (group === 'trigger' && (verb === 'start' || verb === 'stop')) {
  if (!(name in ws.trigger)) refuse('ResourceNotFound', 'Trigger ' + name + ' was not found.');
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

const APPLICATION = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Solutions/applications/mail-insights';
const ADMIN = 'aaaaaaaa-1111-4222-8333-444444444444';
const NETWORK: [string, string] = ['203.0.113.10', '203.0.113.20'];

/** The managed application's outputs, as ARM computes them from the rendered template. */
function outputsOf(main: Json): Json {
  return Object.fromEntries(Object.entries(main.outputs as Record<string, Json>).map(([k, o]) => [k, { type: o.type, value: evaluate(o.value, main) }]));
}

/** The workspace's firewall ranges as the template creates them (a rule with a false condition is not created). */
function firewallOf(main: Json): [string, string][] {
  return collectResources(main)
    .filter((r) => r.fullType === 'Microsoft.Synapse/workspaces/firewallRules' && (r.resource.condition === undefined || evaluate(r.resource.condition, main) === true))
    .map((r) => [String(evaluate(at(r.resource, 'properties.startIpAddress'), main)), String(evaluate(at(r.resource, 'properties.endIpAddress'), main))]);
}

/**
 * Runs the package's publishing step as its README says (bash publish-synapse-pipeline.sh --application <id>),
 * as `who` from `ip`, against the recording `az` in `cli` (a new workspace when not given). Returns what this run
 * published (what the workspace accepted), in order, every call it made, its output and exit code.
 */
async function runPublishStep(plan: PipelinePlan, options: { cli?: string; who?: string; ip?: string; args?: string[] } = {}) {
  const main = mainOf(plan);
  const script = plan.files.get('publish-synapse-pipeline.sh');
  assert.ok(script, 'the package carries the publishing script');
  const dir = options.cli ?? (await fakeSynapseCli(await tempDir('offerkit-az-'), { application: APPLICATION, outputs: outputsOf(main), admins: [ADMIN], firewall: firewallOf(main) }));
  await writeFile(join(dir, 'publish-synapse-pipeline.sh'), script);
  const before = (await readdir(join(dir, 'log'))).length;
  const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: process.env.HOME ?? '/tmp', FAKE_AZ_PRINCIPAL: options.who ?? ADMIN, FAKE_AZ_CLIENT_IP: options.ip ?? '203.0.113.15' };
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run('bash', [join(dir, 'publish-synapse-pipeline.sh'), ...(options.args ?? ['--application', APPLICATION])], { env, timeout: 60_000 }));
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = err);
  }
  const calls: string[][] = [];
  const published: Published[] = [];
  for (const name of (await readdir(join(dir, 'log'))).sort().slice(before)) {
    const entry = JSON.parse(await readFile(join(dir, 'log', name), 'utf8')) as { args: string[]; file: string | null; ok?: true };
    calls.push(entry.args);
    if (entry.args[2] === 'create' && entry.ok) published.push({ group: entry.args[1], name: entry.args[entry.args.indexOf('--name') + 1], body: JSON.parse(entry.file!) as Json });
  }
  const state = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as { started: string[]; pipeline: Json; dataset: Json; 'linked-service': Json; trigger: Json };
  return { published, calls, stdout, stderr, code, cli: dir, workspace: state };
}

describe('template set mgdc-synapse', function () {
  this.timeout(120_000);

  it('the example offer through both sets: same consent, same policies, both clean for the marketplace', async () => {
    const adf = await copyExampleOffer(join(await tempDir(), 'adf'));
    const synapse = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
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
      // A Synapse workspace instead of a Data Factory; no SQL password anywhere; Entra-only sign-in; no managed
      // virtual network (Data Connect's copy does not run on a managed virtual network runtime), and no property
      // that is documented for CSP subscriptions only.
      assert.ok(typesOf(sm).includes('microsoft.synapse/workspaces') && !typesOf(sm).some((t) => t.startsWith('microsoft.datafactory')));
      const ws = collectResources(sm).find((r) => r.fullType === 'Microsoft.Synapse/workspaces')!.resource;
      assert.equal(at(ws, 'properties.azureADOnlyAuthentication'), true);
      assert.equal(at(ws, 'properties.sqlAdministratorLoginPassword'), undefined);
      assert.equal(at(ws, 'identity.type'), 'SystemAssigned');
      assert.equal(at(ws, 'properties.managedVirtualNetwork'), undefined);
      assert.equal(at(ws, 'properties.cspWorkspaceAdminProperties'), undefined);
      // Nothing at installation publishes the pipeline: no deployment script, nothing that pretends to be an administrator.
      assert.ok(!typesOf(sm).includes('microsoft.resources/deploymentscripts'));
      assert.doesNotMatch(JSON.stringify(sm.outputs), /password|secret"|key"/i);
      // Every storage account (received data, the workspace's lake) is configured as the policies require, shared keys off.
      const accounts = collectResources(sm).filter((r) => r.fullType === 'Microsoft.Storage/storageAccounts');
      assert.equal(accounts.length, 2);
      for (const acc of accounts) {
        for (const [path, want] of [['properties.supportsHttpsTrafficOnly', true], ['properties.minimumTlsVersion', 'TLS1_2'], ['properties.allowBlobPublicAccess', false], ['properties.encryption.requireInfrastructureEncryption', true], ['properties.allowSharedKeyAccess', false]] as const) {
          assert.equal(at(acc.resource, path), want, `${String(prop(acc.resource, 'name'))} ${path}`);
        }
      }
      // The client secret reaches a Key Vault secret from the secure parameter, and nothing else holds it.
      const secret = collectResources(sm).find((r) => r.fullType === 'Microsoft.KeyVault/vaults/secrets')!.resource;
      assert.equal(at(secret, 'properties.value'), "[parameters('servicePrincipalKey')]");
      assert.equal(JSON.stringify(sm).split("parameters('servicePrincipalKey')").length, 2);
      // The README and next steps name Synapse, not Data Factory, and say who publishes the pipeline and how.
      assert.match(sp.readme!, /Compute type: Azure Synapse Analytics/);
      assert.match(sp.readme!, /Synapse workspace: .*deployment output `synapseWorkspaceName`/);
      assert.doesNotMatch(sp.readme!, /Data Factory/);
      assert.match(sp.readme!, /Data Lake Storage account of the Synapse workspace/);
      assert.match(sp.readme!, /The publisher \(Contoso Analytics operations team \(makes the customer's administrators Synapse Administrators\), User Access Administrator of the managed resource group\) can make someone one/);
      assert.match(sp.readme!, /`bash publish-synapse-pipeline\.sh --application <resource ID of this managed application>`/);
    }
    for (const dir of [adf, synapse]) {
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--json']);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const report = JSON.parse(v.stdout) as { diagnostics: { severity: string; code: string }[] };
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), [], dir);
    }
  });

  it('the example as it is (ReadOnly lock, a Contributor publisher) cannot have its Synapse pipeline published, and the build says so at management', async () => {
    const dir = await copyExampleOffer(join(await tempDir(), 'synapse'));
    await withSet(dir, 'mgdc-synapse');
    const r = await runOfferPipeline(dir);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.code, d.pointer, d.line]), [['offer-synapse-no-administrator', '/management', 80]]);
    assert.match(errors[0].hint!, /User Access Administrator \(18d7d88d-d35e-4fb5-a5c3-7773c20a72d9\)|lockLevel CanNotDelete/);
    // With lockLevel CanNotDelete the customer's subscription Owners can, and the steps say so.
    await editOfferYaml(dir, 'lockLevel: ReadOnly', 'lockLevel: CanNotDelete');
    const ok = await runOfferPipeline(dir);
    assert.deepEqual(ok.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.match(ok.rendered[0].readme!, /An Owner or User Access Administrator of your subscription can make someone one/);
  });

  it('the publishing step publishes exactly the pipeline the offer requests, as a Synapse Administrator from an admitted network, and again after an update', async () => {
    const dir = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
    const r = await runOfferPipeline(dir);
    const plan = r.rendered[0];
    const main = mainOf(plan);
    const first = await runPublishStep(plan);
    assert.equal(first.code, 0, first.stderr);
    const { published, calls } = first;
    assert.deepEqual(first.workspace.started, ['Schedule']);
    assert.match(first.stdout, /Published 11 artifacts to workspace synwabcdefghijklm and started the schedule Schedule\./);
    assert.deepEqual(published.map((p) => p.group), ['linked-service', 'linked-service', 'linked-service', 'dataset', 'dataset', 'dataset', 'dataset', 'dataset', 'dataset', 'pipeline', 'trigger']);
    assert.deepEqual(calls[0], ['resource', 'show', '--ids', APPLICATION, '--query', 'properties.outputs', '--output', 'json', '--only-show-errors']);
    assert.ok(calls.slice(1).every((c) => c[0] === 'synapse' && c[c.indexOf('--workspace-name') + 1] === 'synwabcdefghijklm'));
    assert.deepEqual(calls[1].slice(0, 3), ['synapse', 'trigger', 'stop'], 'a started trigger is stopped before it is updated');
    assert.deepEqual(calls.at(-1)!.slice(0, 3), ['synapse', 'trigger', 'start']);
    // Installed again (an update of the plan): the started trigger is stopped, everything is updated, it starts again.
    const second = await runPublishStep(plan, { cli: first.cli });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.calls[1].slice(0, 3), ['synapse', 'trigger', 'stop']);
    assert.equal(second.published.length, published.length);
    assert.deepEqual(second.workspace.started, ['Schedule']);
    // --keep-stopped publishes and leaves the schedule stopped.
    const third = await runPublishStep(plan, { cli: first.cli, args: ['--application', APPLICATION, '--keep-stopped'] });
    assert.equal(third.code, 0, third.stderr);
    assert.deepEqual(third.workspace.started, []);
    // Both linked services sign in as the Entra application, the secret read from the Key Vault, never carried.
    for (const name of ['Office365', 'CustomerStorage']) {
      const body = published.find((p) => p.name === name)!.body;
      assert.deepEqual(at(body, 'properties.typeProperties.servicePrincipalKey'), { type: 'AzureKeyVaultSecret', store: { referenceName: 'KeyVault', type: 'LinkedServiceReference' }, secretName: 'entra-application-secret' });
      assert.equal(at(body, 'properties.typeProperties.servicePrincipalId'), PARAMETERS.servicePrincipalId);
      assert.equal(at(body, 'properties.connectVia.referenceName'), 'DataConnectRuntime');
    }
    assert.equal(at(published.find((p) => p.name === 'KeyVault')!.body, 'properties.typeProperties.baseUrl'), 'https://kv-abcdefghijklm.vault.azure.net/');
    const sink = published.find((p) => p.name === 'CustomerStorage')!.body;
    assert.equal(at(sink, 'properties.typeProperties.url'), 'https://m365dataabcdefghijklm.dfs.core.windows.net/');
    assert.equal(at(sink, 'properties.typeProperties.tenant'), '99999999-8888-7777-6666-555555555555');
    assert.doesNotMatch(JSON.stringify(main) + first.stdout + first.stderr, /the-client-secret/);
    // The pipeline as the workspace receives it: one Office 365 copy per dataset, exactly the offer's request,
    // writing JSON; the Parquet the offer asks for is a second copy after it.
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
    const activities = at(pipeline.body, 'properties.activities') as Json[];
    assert.deepEqual(activities.map((a) => [a.name, at(a, 'typeProperties.sink.type')]), [['Copy_message_v1', 'JsonSink'], ['Convert_message_v1', 'ParquetSink'], ['Copy_user_v1', 'JsonSink'], ['Convert_user_v1', 'ParquetSink']]);
    const trigger = published.find((p) => p.group === 'trigger')!.body;
    assert.deepEqual(at(trigger, 'properties.typeProperties.recurrence'), { frequency: 'Day', interval: 1, startTime: '2026-12-03T00:00:00Z', timeZone: 'UTC' });
    assert.equal(at(trigger, 'properties.pipelines.0.pipelineReference.referenceName'), pipeline.name);
  });

  it('the publishing step run by someone who is not a Synapse Administrator, or from a network the firewall does not admit, is refused and says why; nothing is published', async () => {
    const dir = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
    const plan = (await runOfferPipeline(dir)).rendered[0];
    const stranger = await runPublishStep(plan, { who: 'bbbbbbbb-1111-4222-8333-444444444444' });
    assert.equal(stranger.code, 1);
    assert.deepEqual(stranger.published, []);
    assert.match(stranger.stderr, /ERROR: \(Unauthorized\) The principal 'bbbbbbbb-1111-4222-8333-444444444444' does not have the required Synapse RBAC permission to perform this action\. Required permission: Action: Microsoft\.Synapse\/workspaces\/linkedServices\/write, Scope: workspaces\/synwabcdefghijklm\/\*\./);
    assert.match(stranger.stderr, /You are not a Synapse Administrator of workspace synwabcdefghijklm\. Someone who can manage role assignments on it adds you in Synapse Studio/);
    assert.deepEqual(stranger.workspace.started, []);
    const elsewhere = await runPublishStep(plan, { ip: '198.51.100.7' });
    assert.equal(elsewhere.code, 1);
    assert.deepEqual(elsewhere.published, []);
    assert.match(elsewhere.stderr, /ERROR: \(ClientIpAddressNotAuthorized\) Client Ip address : 198\.51\.100\.7/);
    assert.match(elsewhere.stderr, /The firewall of workspace synwabcdefghijklm does not admit your network/);
    // Without a range entered at installation only Azure services are admitted: the same refusal from anywhere else.
    const main = mainOf(plan);
    assert.deepEqual(firewallOf(main), [['0.0.0.0', '0.0.0.0'], NETWORK]);
    // Another application's id is ARM's ResourceNotFound, said as the CLI says it.
    const wrong = await runPublishStep(plan, { args: ['--application', `${APPLICATION}-other`] });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /ResourceNotFound/);
    // The usage is said for no arguments.
    const usage = await runPublishStep(plan, { args: [] });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: {2}bash publish-synapse-pipeline\.sh --application/);
  });

  it('consent fidelity reads the Synapse pipeline: an extra column in it is an error at its place', async () => {
    const dir = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
    await copyTemplateSet('mgdc-synapse', join(dir, 'tpl'));
    const hbs = join(dir, 'mgdc-shared', 'copy-activities.json.hbs');
    await writeFile(hbs, replaceOnce(await readFile(hbs, 'utf8'), '                "outputColumns": [\n', '                "outputColumns": [\n                  { "name": "subject" },\n'));
    await editOfferYaml(dir, 'set: mgdc-synapse', 'path: tpl');
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

  /** The fixture offer on mgdc-synapse, with a lock level that lets the customer's Owners make a Synapse Administrator. */
  const SYNAPSE_OFFER = `${replaceOnce(BASE_OFFER, 'set: mgdc-adf', 'set: mgdc-synapse')}management:\n  lockLevel: CanNotDelete\n`;
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
        assert.equal(at(a, 'linkedServices.2.properties.type'), 'AzureBlobStorage');
        assert.equal(at(a, 'linkedServices.2.properties.typeProperties.serviceEndpoint'), "[uri(concat('https://', variables('storageAccountName'), '.blob.', environment().suffixes.storage), '/')]");
        // JSON is the output: one copy per dataset, no conversion.
        assert.deepEqual((at(a, 'pipelines.0.properties.activities') as Json[]).map((x) => x.name), ['Copy_message_v1']);
        assert.equal(at(a, 'datasets.1.properties.type'), 'Json');
        assert.equal(at(a, 'datasets.1.properties.typeProperties.location.type'), 'AzureBlobStorageLocation');
      },
    },
    {
      name: 'two groups, a directory dataset without dates, weekly from a fixed start, the customer\'s Owners as administrators',
      edit: (y) => replaceOnce(replaceOnce(y, '    purpose: To count messages per sender.', '    scope:\n      groups: [6F1C2B8E-3D4A-4C5B-9E7F-0A1B2C3D4E5F, 0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d]\n    purpose: To count messages per sender.\n  - dataset: BasicDataSet_v0.User_v1\n    columns: [id, department]\n    purpose: To group by department.'), '  frequency: Day\n  interval: 1', '  frequency: Week\n  interval: 1\n  startTime: "2027-01-04T02:00:00Z"'),
      check: (_m, a) => {
        const acts = at(a, 'pipelines.0.properties.activities') as Json[];
        assert.deepEqual(acts.map((x) => x.name), ['Copy_message_v1', 'Convert_message_v1', 'Copy_user_v1', 'Convert_user_v1']);
        assert.deepEqual(at(acts[0], 'typeProperties.source.allowedGroups'), ['6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f', '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d']);
        assert.equal(at(acts[2], 'typeProperties.source.dateFilterColumn'), undefined);
        assert.equal(at(a, 'triggers.0.properties.typeProperties.recurrence.startTime'), '2027-01-04T02:00:00Z');
      },
    },
    {
      name: 'a tenant-wide SharePoint dataset, monthly, the publisher as the one who makes administrators',
      edit: (y) => replaceOnce(replaceOnce(replaceOnce(y, "  - dataset: BasicDataSet_v0.Message_v1\n    columns: [id, sender, receivedDateTime]\n    dateFilter:\n      column: receivedDateTime\n      rollingDays: 7\n", '  - dataset: BasicDataSet_v0.SharePointSites_v1\n    columns: [Id, Url]\n    dateFilter:\n      column: SnapshotDate\n      rollingDays: 1\n'), '  frequency: Day', '  frequency: Month'), 'management:\n  lockLevel: CanNotDelete\n', `management:\n  lockLevel: ReadOnly\n  authorizations:\n${PUBLISHER_ASSIGNS_ROLES}  lockingPolicy:\n    allowedDataActions: [${COPY_DATA_ACTIONS.join(', ')}]\n`),
      check: (m, a) => {
        assert.equal(at(a, 'datasets.0.properties.typeProperties.tableName'), 'BasicDataSet_v0.SharePointSites_v1');
        assert.equal(at(a, 'pipelines.0.properties.activities.0.typeProperties.source.dateFilterColumn'), 'SnapshotDate');
        assert.ok(!typesOf(m).includes('microsoft.resources/deploymentscripts'));
      },
    },
  ];

  for (const row of TABLE) {
    it(`offer table: ${row.name}`, async () => {
      const dir = await writeOffer(row.edit(SYNAPSE_OFFER));
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
        const { published, code, stderr } = await runPublishStep(p);
        assert.equal(code, 0, stderr);
        assert.deepEqual(published.filter((x) => x.group === 'pipeline').map((x) => (at(x.body, 'properties.activities') as Json[]).filter((act) => at(act, 'typeProperties.source.type') === 'Office365Source').length), [r.offer!.requiredData.length]);
      }
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--json']);
      const report = JSON.parse(v.stdout) as { diagnostics: { severity: string; code: string; message: string }[] };
      // The fixture offer lacks listing details Partner Center asks for (marketplace-listing/-plan); the packages must be clean.
      assert.deepEqual(report.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && !/^marketplace-(listing|plan)$/.test(d.code)).map((d) => `${d.code}: ${d.message}`), []);
    });
  }

  // The same offers through mgdc-adf: clean, every m365-copy rule included, requesting exactly the same.
  for (const row of TABLE) {
    it(`offer table through mgdc-adf: ${row.name}`, async () => {
      const dir = await writeOffer(row.edit(SYNAPSE_OFFER).replace('set: mgdc-synapse', 'set: mgdc-adf'));
      const r = await runOfferPipeline(dir);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`), []);
      for (const p of r.rendered) {
        const main = mainOf(p);
        assert.ok(typesOf(main).includes('microsoft.datafactory/factories/integrationruntimes'));
        const got = copyRequests(main).map(request);
        assert.deepEqual(got.map((g) => [g.dataset, g.columns]), r.offer!.requiredData.map((rd) => [rd.dataset.name, rd.columns.map((c) => c.name)]));
        const sinks = collectResources(main).filter((x) => x.fullType === 'Microsoft.DataFactory/factories/pipelines').flatMap((x) => at(x.resource, 'properties.activities') as Json[]).map((a) => at(a, 'typeProperties.sink.type'));
        assert.deepEqual(sinks, r.offer!.requiredData.flatMap(() => (r.offer!.sink.format === 'parquet' ? ['JsonSink', 'ParquetSink'] : ['JsonSink'])));
      }
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--json']);
      const report = JSON.parse(v.stdout) as { diagnostics: { severity: string; code: string; message: string }[] };
      assert.deepEqual(report.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && !/^marketplace-(listing|plan)$/.test(d.code)).map((d) => `${d.code}: ${d.message}`), []);
    });
  }

  it('the cost estimate prices Synapse pipeline runs and leaves nothing of the copy unpriced', async () => {
    const dir = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
    const r = await runOfferPipeline(dir);
    const types: Record<string, number> = {};
    for (const res of collectResources(mainOf(r.rendered[0]))) if (res.deploymentDepth === 0) types[res.fullType] = (types[res.fullType] ?? 0) + 1;
    const pricing = defaultPricing();
    pricing.synapse.activityRunsPrice = 2;
    const plan = { id: 'p', displayName: 'P', price: { model: 'free' as const, amount: 0, currency: 'USD', billingTerm: 'month' as const }, storageSku: 'Standard_LRS', retentionDays: 30, resourceTypes: types, copyActivitiesPerDataset: 2 };
    const e = estimateMonthlyCost(plan, [{ name: 'BasicDataSet_v0.Message_v1', title: 'Mail', kind: 'items', windowDays: 1, columns: 10 }], pricing, { users: 1000, itemsPerUserPerDay: 50, tenantObjects: 0, frequency: 'Day', interval: 1, retentionDays: 30 });
    const orchestration = e.lines.find((l) => l.key === 'orchestration')!;
    assert.equal(orchestration.label, 'Synapse pipeline activity runs');
    // Two copy activities a run per dataset: out of Microsoft 365 as JSON, then to Parquet.
    assert.equal(orchestration.amount, Math.round(((2 * 365.25 / 12) / 1000) * 2 * 100) / 100);
    assert.equal(e.lines.find((l) => l.key === 'dataMovement')!.label, 'Synapse data movement');
    // The workspace, both storage accounts, the runtime and the firewall rules are the copy's own; the log
    // workspace and the Key Vault bill apart and are named as not estimated.
    assert.deepEqual(e.notEstimated.map((n) => n.type), ['Microsoft.KeyVault/vaults', 'Microsoft.OperationalInsights/workspaces']);
  });

  it('init --from a Synapse package: the same request, compute and outputs, and the same template back', async () => {
    const src = await asSynapse(await copyExampleOffer(join(await tempDir(), 'synapse')));
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
    // The definition beside the package carried the management that lets the publisher make a Synapse
    // Administrator; without it (a package alone) the imported offer is refused until it says who can.
    assert.doesNotMatch(init.stdout + init.stderr, /set management in offer\.yaml/);
    const [again] = (await runOfferPipeline(dir)).rendered;
    const [first] = (await runOfferPipeline(src)).rendered.filter((p) => p.plan.id === 'standard');
    const { generator: _a, ...m1 } = mainOf(first).metadata as Json;
    const { generator: _b, ...m2 } = mainOf(again).metadata as Json;
    assert.deepEqual({ ...mainOf(again), metadata: m2 }, { ...mainOf(first), metadata: m1 });
    assert.match(again.readme!, /Compute type: Azure Synapse Analytics/);
    // The publishing script comes back with the package.
    assert.deepEqual(again.files.get('publish-synapse-pipeline.sh'), first.files.get('publish-synapse-pipeline.sh'));

    // The same package from another tool (no offerkit README): the compute is read from the template itself.
    const bare = join(await tempDir(), 'bare-package');
    await mkdir(bare);
    const pkg = await inspectPackageFile(zip);
    for (const [name, bytes] of pkg.contents) if (name !== 'README.md') await writeFile(join(bare, name), bytes);
    const dir2 = join(await tempDir(), 'imported-bare');
    const init2 = await runCli(['init', dir2, '--from', bare]);
    assert.equal(init2.code, 0);
    assert.match(init2.stdout + init2.stderr, /A Synapse Administrator publishes this package's copy pipeline after installation \(publish-synapse-pipeline\.sh\): set management in offer\.yaml/);
    assert.deepEqual((await runOfferPipeline(dir2)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['offer-synapse-no-administrator']);
    const imported = parseYaml(await readFile(join(dir2, 'offer.yaml'), 'utf8')) as { management?: Json };
    await writeFile(join(dir2, 'offer.yaml'), stringifyYaml({ ...imported, management: { ...imported.management, lockLevel: 'CanNotDelete' } }));
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

  it('installs, names the workspace in its outputs, and keeps every storage promise on both accounts', async () => {
    env = await startPublishEnv();
    const offer = await asSynapse(await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights')));
    const RG = 'rg-synapse';
    const published = await runOfferkit(env, publishArgs(env, offer, ['--plan', 'standard'], RG));
    assert.equal(published.code, 0, published.stdout + published.stderr);
    const params = join(await tempDir(), 'params.json');
    const p = await runOfferkit(env, ['preview', offer, '--plan', 'standard', '--parameters-out', params]);
    assert.equal(p.code, 0, p.stdout + p.stderr);
    const doc = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, { value: unknown }> };
    doc.parameters.servicePrincipalId = { value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
    doc.parameters.servicePrincipalObjectId = { value: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' };
    await writeFile(params, JSON.stringify(doc, null, 2));
    const secret = 'sp-secret-synapse-5d1e';
    const r = await runOfferkit({ ...env, env: { ...env.env, OFFERKIT_PARAM_SERVICEPRINCIPALKEY: secret } }, ['deploy', offer, '--plan', 'standard', '--parameters', params, '--name', 'syn-test', ...env.azureArgs, '--resource-group', RG, '--location', LOCATION, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(secret));
    const out = (JSON.parse(r.stdout) as { deploy: { outputs: Json; resources: { type: string }[]; promises: { policy: string; resource: string; kept: boolean }[] } }).deploy;
    assert.deepEqual(Object.keys(out.outputs).sort(), ['container', 'storageAccountName', 'synapseArtifacts', 'synapseWorkspaceName']);
    assert.ok(out.resources.some((x) => x.type === 'Microsoft.Synapse/workspaces'), JSON.stringify(out.resources));
    for (const policy of ['secure-transfer', 'minimum-tls', 'no-public-blob-access', 'infrastructure-encryption']) {
      const kept = out.promises.filter((x) => x.policy === policy && x.resource.startsWith('Microsoft.Storage/storageAccounts '));
      assert.equal(new Set(kept.map((x) => x.resource)).size, 2, `${policy} is read back on every storage account: ${JSON.stringify(kept)}`);
      assert.ok(kept.every((x) => x.kept), JSON.stringify(kept));
    }
  });
});
