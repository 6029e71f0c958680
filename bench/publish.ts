// Publish benchmark: offerkit publishing the example offer's three plans to the ARM emulator and Azurite
// (every run into a new resource group, so every step does its work), against the same definitions made
// the manual way with the Debian azure-cli package pointed at the same emulator: per plan, upload the
// package, make a SAS, `az managedapp definition create`. Prints medians and offerkit's peak RSS.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startPublishEnv, type PublishEnv } from '../test/emulator/publish-env.js';

interface Run {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, ms: Number(process.hrtime.bigint() - t0) / 1e6, stdout, stderr }));
  });
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PLANS = ['starter', 'standard', 'enterprise'];

export interface PublishBench {
  offerkitMs: number;
  offerkitRssMb: number;
  azMs?: number;
  azNote: string;
}

export async function benchPublish(root: string, runs: number): Promise<PublishBench> {
  const env = await startPublishEnv();
  const cli = join(root, 'build', 'src', 'cli', 'main.cjs');
  const offer = join(root, 'offers', 'contoso-mail-insights');
  try {
    const times: number[] = [];
    const rss: number[] = [];
    for (let i = -1; i < runs; i++) {
      const args = [join(root, 'build', 'bench', 'in-process.js'), cli, 'publish', offer, ...env.azureArgs, '--resource-group', `rg-bench-offerkit-${i + 1}`, '--location', 'westeurope', '--storage-account', env.azurite.account.name, '--json'];
      const r = await run(process.execPath, args, env.env, root);
      if (r.code !== 0) throw new Error(`offerkit publish failed (${r.code}): ${r.stdout}${r.stderr}`);
      const m = JSON.parse(r.stderr.trim().split('\n').pop()!) as { ms: number; maxRssMb: number };
      if (i >= 0) {
        times.push(r.ms);
        rss.push(m.maxRssMb);
      }
    }
    const result: PublishBench = { offerkitMs: median(times), offerkitRssMb: Math.max(...rss), azNote: '' };
    const az = await benchAz(env, root, runs);
    if (typeof az === 'string') result.azNote = az;
    else {
      result.azMs = az;
      result.azNote = 'az: per plan blob upload + generate-sas + managedapp definition create (package built beforehand)';
    }
    return result;
  } finally {
    await env.stop();
  }
}

/** The manual path with azure-cli, or why it could not be measured. */
async function benchAz(env: PublishEnv, root: string, runs: number): Promise<number | string> {
  if (!['/usr/bin/az', '/usr/local/bin/az'].some((p) => existsSync(p))) return 'azure-cli not installed (apt-get install azure-cli to compare)';
  const azEnv = { ...env.env, AZURE_CONFIG_DIR: join(env.dir, 'az'), REQUESTS_CA_BUNDLE: env.cert.certFile, AZURE_CORE_COLLECT_TELEMETRY: 'false', AZURE_CORE_ONLY_SHOW_ERRORS: 'true', AZURE_CORE_NO_COLOR: 'true' };
  const az = (args: string[]) => run('az', args, azEnv, root);
  const setup = [
    ['cloud', 'register', '-n', 'OfferkitBench', '--endpoint-resource-manager', `${env.arm.base}/`, '--suffix-storage-endpoint', 'core.windows.net'],
    ['cloud', 'set', '-n', 'OfferkitBench'],
    ['login', '--service-principal', '-u', env.principal.clientId, '-p', env.principal.clientSecret, '--tenant', env.tenant],
  ];
  for (const a of setup) {
    const r = await az(a);
    if (r.code !== 0) return `azure-cli could not be pointed at the emulator (${a.slice(0, 2).join(' ')}: ${r.stderr.trim().split('\n')[0]})`;
  }
  // The packages as `offerkit build` makes them: the manual path starts from a built zip.
  const dist = join(env.dir, 'dist');
  const build = await run(process.execPath, [join(root, 'build', 'src', 'cli', 'main.cjs'), 'build', join(root, 'offers', 'contoso-mail-insights'), '--out', dist], env.env, root);
  if (build.code !== 0) return `build failed: ${build.stderr}`;
  const defs = new Map<string, { displayName: string; description: string; lockLevel: string; authorizations: { principalId: string; roleDefinitionId: string }[] }>();
  for (const plan of PLANS) defs.set(plan, JSON.parse(await readFile(join(dist, 'contoso-mail-insights', plan, 'definition.json'), 'utf8')) as Parameters<typeof defs.set>[1]);
  const connection = `DefaultEndpointsProtocol=https;AccountName=${env.azurite.account.name};AccountKey=${env.azurite.account.key};BlobEndpoint=${env.storage.url}/${env.azurite.account.name};`;
  const times: number[] = [];
  for (let i = -1; i < runs; i++) {
    const rg = `rg-bench-az-${i + 1}`;
    const t0 = process.hrtime.bigint();
    const steps: string[][] = [['group', 'create', '-n', rg, '-l', 'westeurope'], ['storage', 'container', 'create', '-n', 'packages', '--connection-string', connection]];
    for (const a of steps) {
      const r = await az(a);
      if (r.code !== 0) return `az ${a.slice(0, 3).join(' ')} failed: ${r.stderr.trim().split('\n')[0]}`;
    }
    for (const plan of PLANS) {
      const blob = `${rg}/${plan}/app.zip`;
      const up = await az(['storage', 'blob', 'upload', '--connection-string', connection, '-c', 'packages', '-n', blob, '-f', join(dist, 'contoso-mail-insights', plan, 'app.zip'), '--overwrite']);
      if (up.code !== 0) return `az storage blob upload failed: ${up.stderr.trim().split('\n')[0]}`;
      const expiry = new Date(Date.now() + 3600_000).toISOString().slice(0, 16) + 'Z';
      const sas = await az(['storage', 'blob', 'generate-sas', '--connection-string', connection, '-c', 'packages', '-n', blob, '--permissions', 'r', '--https-only', '--expiry', expiry, '--full-uri', '-o', 'tsv']);
      if (sas.code !== 0) return `az storage blob generate-sas failed: ${sas.stderr.trim().split('\n')[0]}`;
      const d = defs.get(plan)!;
      const create = await az(['managedapp', 'definition', 'create', '-g', rg, '-n', `contoso-mail-insights-${plan}`, '-l', 'westeurope', '--lock-level', d.lockLevel, '--display-name', d.displayName, '--description', d.description, '--authorizations', ...d.authorizations.map((a) => `${a.principalId}:${a.roleDefinitionId}`), '--package-file-uri', sas.stdout.trim()]);
      if (create.code !== 0) return `az managedapp definition create failed: ${create.stderr.trim().split('\n')[0]}`;
    }
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}
