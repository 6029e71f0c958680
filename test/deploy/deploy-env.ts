// Shared by the deploy tests: the emulated cloud with the example's standard plan published to the service
// catalog, the form's parameters as the preview writes them with the value only a customer knows typed in, and
// offerkit deploy run as users run it.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { parseJson } from '../helpers/json.js';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { LOCATION, publishArgs, runOfferkit } from '../publish/helpers.js';
import { parseJsonSource } from '../../src/util/json-source.js';
import { uniqueString } from '../../src/arm/unique-string.js';

export interface DeployJson {
  deploy: {
    mode: string;
    kind?: string;
    name: string;
    state: string;
    managedResourceGroup?: string;
    resourceGroupAction?: string;
    definition?: { id: string; package: string; evidence: string };
    plan?: { publisher: string; product: string; name: string; version: string };
    outputs?: Record<string, unknown>;
    resources?: { type: string; name: string; id: string }[];
    promises?: { policy: string; resource: string; kept: boolean; status: string; evidence: string; detail: string }[];
    changes?: { changeType: string; resourceId: string; unsupportedReason?: string }[];
    notForeseen?: string[];
    whatIfScope?: string;
    portalUrl?: string;
  };
  diagnostics: { code: string; severity: string; message: string; file?: string; line?: number; column?: number; pointer?: string; hint?: string }[];
}

export const SECRET = 'sp-secret-value-7f3a9c';
export const RG = 'rg-deploy';
export { LOCATION };

export interface DeployEnv {
  env: PublishEnv;
  offer: string;
  params: string;
  deploy(args: string[], extraEnv?: Record<string, string>, rg?: string): ReturnType<typeof runOfferkit>;
  result(r: { stdout: string }): DeployJson;
  /** The line of the first resource a predicate picks in the plan's built mainTemplate.json. */
  templateLine(predicate: (t: { type: string }, i: number) => boolean): Promise<number>;
  /** uniqueString(resourceGroup().id) of a group, as ARM computes it. */
  unique(group: string): string;
  stop(): Promise<void>;
}

export async function startDeployEnv(): Promise<DeployEnv> {
  const env = await startPublishEnv();
  const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
  const published = await runOfferkit(env, publishArgs(env, offer, ['--plan', 'standard'], RG));
  assert.equal(published.code, 0, published.stdout + published.stderr);
  // The form's answers, as the preview writes them, plus the one only a customer knows (the service principal).
  const params = join(await tempDir(), 'params.json');
  const p = await runOfferkit(env, ['preview', offer, '--plan', 'standard', '--parameters-out', params]);
  assert.equal(p.code, 0, p.stdout + p.stderr);
  const doc = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, { value: unknown }> };
  doc.parameters.servicePrincipalId = { value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
  doc.parameters.servicePrincipalObjectId = { value: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' };
  await writeFile(params, JSON.stringify(doc, null, 2));
  let built: ReturnType<typeof parseJsonSource> | undefined;
  return {
    env,
    offer,
    params,
    deploy: (args, extraEnv = { OFFERKIT_PARAM_SERVICEPRINCIPALKEY: SECRET }, rg = RG) => runOfferkit({ ...env, env: { ...env.env, ...extraEnv } }, ['deploy', ...args, ...env.azureArgs, '--resource-group', rg, '--location', LOCATION, '--json']),
    result: (r) => parseJson<DeployJson>(r.stdout),
    async templateLine(predicate) {
      if (!built) {
        const dist = join(await tempDir(), 'dist');
        const b = await runOfferkit(env, ['build', offer, '--out', dist, '--plan', 'standard']);
        assert.equal(b.code, 0, b.stderr);
        const { inspectPackageFile } = await import('../../src/package/inspect-package.js');
        const pkg = await inspectPackageFile(join(dist, 'contoso-mail-insights', 'standard', 'app.zip'));
        built = parseJsonSource(pkg.contents.get('mainTemplate.json')!.toString('utf8'));
      }
      const i = (built.value as { resources: { type: string }[] }).resources.findIndex(predicate);
      assert.ok(i >= 0, 'the template has such a resource');
      return built.locate(`/resources/${i}`)!.line;
    },
    unique: (group) => uniqueString(`/subscriptions/${env.subscription}/resourceGroups/${group}`),
    stop: () => env.stop(),
  };
}
