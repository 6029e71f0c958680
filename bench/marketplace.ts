// Marketplace benchmark: the example offer's first publish to the Partner Center emulator (product, listing,
// logo, three plans, three packages uploaded to Azurite and processed, submission to preview), then a re-run
// with nothing changed — wall time and requests of each — against `offerkit build` of the same offer in the
// same run. Partner Center's processing and certification times are set to 50 ms, so the figures are
// offerkit's own work plus the emulator's answers.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPublishEnv } from '../test/emulator/publish-env.js';
import { median, run as timed } from './publish.js';

export interface MarketplaceBench {
  firstMs: number;
  firstRequests: number;
  firstWrites: number;
  rerunMs: number;
  rerunRequests: number;
  rerunWrites: number;
  buildMs: number;
  plans: number;
  peakRssMb: number;
}

export async function benchMarketplace(root: string, runs: number): Promise<MarketplaceBench> {
  const env = await startPublishEnv({ marketplace: true });
  const pc = env.partnerCenter!;
  pc.processingMs = 50;
  pc.certificationMs = 50;
  const cli = join(root, 'build', 'src', 'cli', 'main.cjs');
  const inProcess = join(root, 'build', 'bench', 'in-process.js');
  const work = await mkdtemp(join(tmpdir(), 'offerkit-bench-mk-'));
  try {
    const first: number[] = [];
    const rerun: number[] = [];
    const builds: number[] = [];
    let firstRequests = 0;
    let firstWrites = 0;
    let rerunRequests = 0;
    let rerunWrites = 0;
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      const offer = join(work, `bench-${i}`);
      await cp(join(root, 'offers', 'contoso-mail-insights'), offer, { recursive: true });
      const { readFile, writeFile } = await import('node:fs/promises');
      await writeFile(join(offer, 'offer.yaml'), (await readFile(join(offer, 'offer.yaml'), 'utf8')).replace('id: contoso-mail-insights', `id: bench-offer-${i}`));
      const args = [inProcess, cli, 'publish', offer, '--to', 'marketplace', '--submit', '--cloud-config', env.cloudConfigFile, '--poll-interval', '0.02', '--json'];
      const r0 = pc.requests.length;
      const w0 = pc.writes().length;
      const a = await timed(process.execPath, args, env.env, work);
      if (a.code !== 0) throw new Error(`first publish failed (${a.code}): ${a.stdout}${a.stderr}`);
      first.push(a.ms);
      firstRequests = pc.requests.length - r0;
      firstWrites = pc.writes().length - w0;
      rss = Math.max(rss, (JSON.parse(a.stderr.trim().split('\n').pop()!) as { maxRssMb: number }).maxRssMb);
      await new Promise((r) => setTimeout(r, 60)); // certification done: the re-run finds preview up to date
      const r1 = pc.requests.length;
      const w1 = pc.writes().length;
      const b = await timed(process.execPath, args, env.env, work);
      if (b.code !== 0) throw new Error(`re-run failed (${b.code}): ${b.stdout}${b.stderr}`);
      rerun.push(b.ms);
      rerunRequests = pc.requests.length - r1;
      rerunWrites = pc.writes().length - w1;
      const c = await timed(process.execPath, [cli, 'build', offer, '--out', join(work, `dist-${i}`)], env.env, work);
      if (c.code !== 0) throw new Error(`build failed (${c.code}): ${c.stdout}${c.stderr}`);
      builds.push(c.ms);
    }
    return { firstMs: median(first), firstRequests, firstWrites, rerunMs: median(rerun), rerunRequests, rerunWrites, buildMs: median(builds), plans: 3, peakRssMb: rss };
  } finally {
    await env.stop();
    await rm(work, { recursive: true, force: true });
  }
}
