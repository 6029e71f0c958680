// deploy with a hostile package and a hostile cloud (issue 34): what ARM hands back — output values, resource
// names, what-if ids — never steers a terminal or a CI runner (ESC sequences, U+202E, `::add-mask::` at a line
// start, `##vso[…]`), in text or JSON, while JSON keeps every byte of the data; a parameter named __proto__ is a
// parameter like any other, all the way to ARM; a template over ARM's documented 4 MB is refused before anything
// is sent; and a secure value of any length that a provider echoes never reaches the output.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { LOCATION, runOfferkit } from '../publish/helpers.js';

const RG = 'rg-hostile';
const HOSTILE = {
  escape: 'x\u001b]8;;https://evil.example\u0007link\u001b[2J',
  bidi: '\u202Egnp.exe',
  mask: 'line\n::add-mask::s3cret',
  vso: '##vso[task.setvariable variable=DEPLOY_TOKEN]pwned',
};
/** A line a runner would obey: GitHub's `::cmd` at a line's start, Azure Pipelines' `##vso[` or `##[` anywhere. */
const obeyed = (text: string) => text.split(/\r?\n|\r/).some((l) => /^\s*::[a-z-]+/i.test(l) || /##(vso)?\[/i.test(l));
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const steering = (text: string) => /[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/.test(text);
const token = (secret: string) => new RegExp(`(?<![\\p{L}\\p{N}_-])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'u');

describe('offerkit deploy: hostile packages and answers', function () {
  this.timeout(240000);
  let env: PublishEnv;

  before(async () => {
    env = await startPublishEnv();
    env.arm.resourceGroups.set(`${env.subscription}/${RG}`, { subscription: env.subscription, name: RG, location: LOCATION, tags: {} });
  });
  after(() => env?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
  });

  const run = (args: string[], extra: Record<string, string> = {}) => runOfferkit({ ...env, env: { ...env.env, ...extra } }, ['deploy', ...args, ...env.azureArgs, '--resource-group', RG, '--location', LOCATION]);
  async function packageWith(template: unknown, parameters?: unknown): Promise<{ folder: string; params?: string }> {
    const folder = join(await tempDir(), 'pkg');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'mainTemplate.json'), typeof template === 'string' ? template : JSON.stringify(template, null, 2));
    if (parameters === undefined) return { folder };
    const params = join(folder, '..', 'params.json');
    await writeFile(params, JSON.stringify(parameters));
    return { folder, params };
  }
  const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

  it('outputs, names and what-if ids that would steer a terminal or a runner are printed inert; JSON keeps every byte', async () => {
    const template = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2023-01-31', name: HOSTILE.vso, location: '[resourceGroup().location]' }],
      outputs: Object.fromEntries(Object.entries(HOSTILE).map(([k, v]) => [k, { type: 'string', value: v }])),
    };
    const { folder } = await packageWith(template);
    for (const json of [false, true]) {
      const r = await run([folder, '--inline', '--name', `hostile-${json}`, ...(json ? ['--json'] : [])]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const all = r.stdout + r.stderr;
      assert.ok(!obeyed(all), all);
      assert.ok(!steering(all), JSON.stringify(all));
      if (json) assert.deepEqual((JSON.parse(r.stdout) as { deploy: { outputs: Record<string, string> } }).deploy.outputs, HOSTILE, 'the data itself is intact');
      else assert.match(r.stdout, /mask: line\\u\{a\}::add-mask::s3cret\n/, 'the line break is shown, not obeyed');
    }
    const whatIf = await run([folder, '--inline', '--what-if', '--name', 'hostile-whatif']);
    assert.equal(whatIf.code, 0, whatIf.stdout + whatIf.stderr);
    assert.ok(!obeyed(whatIf.stdout + whatIf.stderr) && !steering(whatIf.stdout + whatIf.stderr), whatIf.stdout);
    assert.match(whatIf.stdout, /userAssignedIdentities\/# #vso\[task\.setvariable/);
  });

  it('a parameter named __proto__ is checked, sent and deployed like any other', async () => {
    const template = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { constructor: { type: 'string' } },
      resources: [
        { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2023-01-31', name: "[parameters('__proto__')]", location: '[resourceGroup().location]' },
        { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', apiVersion: '2023-01-31', name: "[parameters('constructor')]", location: '[resourceGroup().location]' },
      ],
    };
    // An object literal's __proto__ key sets its prototype, so that parameter is written into the text.
    const text = JSON.stringify(template, null, 2).replace('"parameters": {', '"parameters": {\n    "__proto__": { "type": "string", "minLength": 3 },');
    const { folder } = await packageWith(text);
    const params = join(folder, '..', 'params.json');
    await writeFile(params, '{ "parameters": { "__proto__": { "value": "id-from-proto" }, "constructor": { "value": "id-from-constructor" } } }');
    const tooShort = join(folder, '..', 'short.json');
    await writeFile(tooShort, '{ "parameters": { "__proto__": { "value": "ab" }, "constructor": { "value": "c1" } } }');
    const checked = await run([folder, '--inline', '--parameters', tooShort, '--name', 'proto-short', '--json']);
    assert.equal(checked.code, 1, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /Parameter __proto__ is 2 long; the template asks for at least 3/);
    const r = await run([folder, '--inline', '--parameters', params, '--name', 'proto-ok', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const names = env.arm.deployments.resourcesIn(env.subscription, RG).map((x) => x.name);
    assert.ok(names.includes('id-from-proto') && names.includes('id-from-constructor'), JSON.stringify(names));
  });

  it("a template over ARM's 4 MB is refused with ARM's limit before anything is sent", async () => {
    const big = { $schema: SCHEMA, contentVersion: '1.0.0.0', variables: { filler: 'x'.repeat(4 * 1024 * 1024 + 10) }, resources: [] };
    const { folder } = await packageWith(big);
    const from = env.arm.requests.length;
    const r = await run([folder, '--inline', '--name', 'too-big', '--json']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const d = (JSON.parse(r.stdout) as { diagnostics: { code: string; message: string; line?: number }[] }).diagnostics.find((x) => x.code === 'deploy-template-too-large')!;
    assert.match(d.message, /mainTemplate\.json is 4\.00 MB as ARM receives it; ARM refuses a template over 4 MB .*best-practices#template-limits.*Nothing was sent/);
    assert.deepEqual(env.arm.requests.slice(from).filter((q) => /\/deployments\//i.test(q.path)), [], 'no deployment request');
  });

  it('a secure value of any length that a provider echoes never reaches the output (a secure object\'s fields too)', async () => {
    const template = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { adminPassword: { type: 'securestring' }, settings: { type: 'secureObject' } },
      resources: [{ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-09-01', name: 'vm1', location: '[resourceGroup().location]' }],
    };
    const { folder } = await packageWith(template);
    const secrets = { OFFERKIT_PARAM_ADMINPASSWORD: 'Ab1', OFFERKIT_PARAM_SETTINGS: '{"apiToken":"t9x","port":8443}' };
    for (const [phase, code] of [['validate', 'PasswordNotComplex'], ['deploy', 'InvalidParameter']] as const) {
      env.arm.deployments.failures.length = 0;
      env.arm.deployments.failures.push({ resourceType: 'Microsoft.Compute/virtualMachines', phase, code, message: `The supplied password 'Ab1' must be between 8-123 characters long; token "t9x" on port 8443 refused (vm1 Ab1).` });
      for (const json of [false, true]) {
        const r = await run([folder, '--inline', '--name', `secret-${phase}`, ...(json ? ['--json'] : [])], secrets);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const all = r.stdout + r.stderr;
        assert.match(all, new RegExp(code), 'the failure is said');
        for (const s of ['Ab1', 't9x', '8443']) assert.ok(!token(s).test(all), `${s} reached the output: ${all}`);
        assert.match(all, /must be between 8-123 characters/, 'the rest of the message is kept');
      }
    }
  });
});
