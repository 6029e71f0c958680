// Shared by the publish tests: run offerkit against the emulated cloud, and check the state the tests care
// about — one definition per plan, one blob per package hash, every definition's package present.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT, type CliResult } from '../helpers/cli.js';
import type { PublishEnv } from '../emulator/publish-env.js';

export const RG = 'rg-offerkit-test';
export const LOCATION = 'westeurope';

export function publishArgs(env: PublishEnv, offerDir: string, extra: string[] = [], rg = RG): string[] {
  return ['publish', offerDir, ...env.azureArgs, '--resource-group', rg, '--location', LOCATION, '--storage-account', env.azurite.account.name, ...extra];
}

/** Runs the CLI as users do; `onSpawn` gets the child (to kill it mid-run). */
export function runOfferkit(env: PublishEnv, args: string[], onSpawn?: (c: ChildProcess) => void): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}

export async function publishJson(env: PublishEnv, offerDir: string, extra: string[] = []) {
  const r = await runOfferkit(env, publishArgs(env, offerDir, ['--json', ...extra]));
  let report: { plans: { plan: string; action: string; changes: { field: string }[]; package: { uploaded?: boolean; blob?: string }; removedBlobs: string[] }[]; diagnostics: { code: string; severity: string; message: string }[]; resourceGroup?: { action: string } };
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    throw new Error(`publish --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

/** The blob path a definition's packageFileUri points at (container/name), without host or SAS. */
export function blobOf(env: PublishEnv, uri: string): string {
  const path = decodeURIComponent(new URL(uri).pathname);
  return path.replace(new RegExp(`^/${env.azurite.account.name}/offerkit-packages/`), '');
}

/**
 * The converged state: exactly the expected definitions, each enabled one pointing at a package blob that
 * exists and whose hash matches the definition's tag, and no blob that no definition uses.
 */
export async function assertConverged(env: PublishEnv, definitionNames: string[], rg = RG): Promise<void> {
  const defs = [...env.arm.definitions.values()].filter((d) => d.resourceGroup.toLowerCase() === rg.toLowerCase());
  assert.deepEqual(defs.map((d) => d.name).sort(), [...definitionNames].sort(), 'one definition per plan');
  const blobs = await env.blobs();
  const used = new Set<string>();
  for (const d of defs) {
    const uri = d.properties.packageFileUri;
    if (typeof uri !== 'string') continue;
    const name = blobOf(env, uri);
    used.add(name);
    const blob = blobs.find((b) => b.name === name);
    assert.ok(blob, `definition ${d.name} points at ${name}, which is not in storage`);
    assert.equal(blob.sha256, d.tags['offerkit-package-sha256'], `the package of ${d.name} has the hash its tag records`);
  }
  const mine = blobs.filter((b) => b.name.includes(`/${rg.toLowerCase()}/`));
  assert.deepEqual(mine.map((b) => b.name).sort(), [...used].sort(), 'no orphaned package blobs');
}
