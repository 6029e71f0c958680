// Shared by the marketplace tests: run `offerkit publish --to marketplace` and `offerkit marketplace …`
// against the emulated Partner Center (HTTPS, Entra tokens from the ARM emulator, Azurite for uploads), and
// check the converged state: one product, one plan per plan id, one processed package per plan, each plan's
// technical configuration pointing at the package of the hash offerkit built.

import assert from 'node:assert/strict';
import { startPublishEnv, type PublishEnv } from '../emulator/publish-env.js';
import { runOfferkit } from './helpers.js';

/** Fast polling for tests (Partner Center itself is polled every 15 s by default). */
export const FAST = ['--poll-interval', '0.05'];

export function marketplaceArgs(env: PublishEnv, offerDir: string, extra: string[] = []): string[] {
  return ['publish', offerDir, '--to', 'marketplace', '--cloud-config', env.cloudConfigFile, '--retry-delay', '50', '--timeout', '5', ...FAST, ...extra];
}

export interface MarketplaceReport {
  diagnostics: { code: string; severity: string; message: string; hint?: string; file?: string; line?: number }[];
  upToDate: boolean;
  writes: number;
  product?: { id?: string; action: string };
  plans: { plan: string; version: string; action: string; variantId?: string; package: { action: string; sha256: string; fileName: string } }[];
  changes: { resource: string; field: string; from: unknown; to: unknown }[];
  submission?: { id?: string; action: string; state?: string; substate?: string; stage?: string; reason?: string; cancelled?: { id: string; stage: string; reason: string }[] };
}

export async function publishMarketplace(env: PublishEnv, offerDir: string, extra: string[] = []) {
  const r = await runOfferkit(env, marketplaceArgs(env, offerDir, ['--json', ...extra]));
  let report: MarketplaceReport;
  try {
    report = JSON.parse(r.stdout) as MarketplaceReport;
  } catch {
    throw new Error(`publish --to marketplace --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

export function marketplaceCommandArgs(env: PublishEnv, action: 'status' | 'go-live', offerDir: string, extra: string[] = []): string[] {
  return ['marketplace', action, offerDir, '--cloud-config', env.cloudConfigFile, '--retry-delay', '50', '--timeout', '5', ...extra];
}

export function marketplaceCommand(env: PublishEnv, action: 'status' | 'go-live', offerDir: string, extra: string[] = []) {
  return runOfferkit(env, marketplaceCommandArgs(env, action, offerDir, extra));
}

/** One product; one plan per plan id; each plan's configuration points at one processed package of the expected hash; no stray packages. */
export function assertMarketplaceConverged(env: PublishEnv, offerId: string, expected: { plan: string; sha256: string; version: string }[]): void {
  const pc = env.partnerCenter!;
  const products = [...pc.products.values()].filter((p) => p.offerId === offerId);
  assert.equal(products.length, 1, 'exactly one product');
  const p = products[0];
  assert.deepEqual(p.variants.map((v) => v.externalID).sort(), expected.map((e) => e.plan).sort(), 'one plan per plan id');
  for (const e of expected) {
    const variant = p.variants.find((v) => v.externalID === e.plan)!;
    const branch = p.branches.find((b) => b.module === 'Package' && b.variantID === variant.id)!;
    const config = p.instances.get(branch.currentDraftInstanceID)!;
    const refs = config.packageReferences as { type: string; value: string }[];
    assert.equal(refs.length, 1, `plan ${e.plan} references one package`);
    const pkg = p.packages.get(refs[0].value);
    assert.ok(pkg, `the package of plan ${e.plan} exists`);
    assert.equal(pkg.state, 'Processed');
    assert.ok(String(pkg.fileName).includes(e.sha256), `plan ${e.plan} points at the package with sha256 ${e.sha256}`);
    assert.equal(config.version, e.version);
  }
  const named = [...p.packages.values()].map((x) => String(x.fileName));
  assert.equal(new Set(named).size, named.length, `no package uploaded twice: ${named.join(', ')}`);
}

/**
 * A publish environment with Partner Center, its timings shortened for tests (package processing,
 * certification, going live, in ms) and promotion in the given shape.
 */
export async function startMarketplaceEnv(o: { promoteShape?: 'separate' | 'in-place'; processingMs?: number; certificationMs?: number; goLiveMs?: number } = {}): Promise<PublishEnv> {
  const env = await startPublishEnv({ marketplace: true });
  const pc = env.partnerCenter!;
  if (o.promoteShape) pc.promoteShape = o.promoteShape;
  pc.processingMs = o.processingMs ?? 50;
  pc.certificationMs = o.certificationMs ?? 100;
  pc.goLiveMs = o.goLiveMs ?? 200;
  return env;
}
