// npm run bench: offerkit's speed and memory, each figure next to a baseline measured in the same run.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, ratio, runJson, timeInterleaved } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'build', 'src', 'cli', 'main.cjs');
const node = process.execPath;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Run one section only: startup | build | many (and later sections by name). */
const only = process.env.BENCH_ONLY;

const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);

console.log(`offerkit bench — node ${process.version}, ${RUNS} runs per figure (median), ${new Date().toISOString()}\n`);

// 1. Start-up.
if (!only || only === 'startup') {
  const [base, help] = timeInterleaved(
    [
      { label: 'node -e 0', cmd: node, args: ['-e', '0'], cwd: ROOT },
      { label: 'offerkit --help', cmd: node, args: [CLI, '--help'], cwd: ROOT },
    ],
    RUNS,
  );
  row('offerkit --help', fmt(help!.medianMs), `node -e 0: ${fmt(base!.medianMs)}`, ratio(help!.medianMs, base!.medianMs), 'goal ≤ 1.50×');
}

// 2. Build of the example offer against the floor.
if (!only || only === 'build') {
  const work = await mkdtemp(join(tmpdir(), 'offerkit-bench-'));
  const offer = join(work, 'contoso-mail-insights');
  await cp(join(ROOT, 'offers', 'contoso-mail-insights'), offer, { recursive: true });
  const [floor, build] = timeInterleaved(
    [
      { label: 'floor', cmd: node, args: [join(ROOT, 'build', 'bench', 'floor-build.js'), offer, ROOT], cwd: work },
      { label: 'build', cmd: node, args: [CLI, 'build', offer, '--out', join(work, 'dist')], cwd: work },
    ],
    RUNS,
  );
  row('offerkit build (example, 3 plans)', fmt(build!.medianMs), `floor (node + read inputs + zip): ${fmt(floor!.medianMs)}`, ratio(build!.medianMs, floor!.medianMs), 'goal ≤ 2.50×');
  await rm(work, { recursive: true, force: true });
}

// 3. Many offers in one build: time per offer and peak RSS.
if (!only || only === 'many') {
  const example = await readFile(join(ROOT, 'offers', 'contoso-mail-insights', 'offer.yaml'), 'utf8');
  const perOffer: Array<[number, number, number]> = [];
  for (const n of [10, 50, 200]) {
    const work = await mkdtemp(join(tmpdir(), 'offerkit-bench-many-'));
    for (let i = 0; i < n; i++) {
      const dir = join(work, 'offers', `generated-offer-${i}`);
      await cp(join(ROOT, 'offers', 'contoso-mail-insights'), dir, { recursive: true });
      await writeFile(join(dir, 'offer.yaml'), example.replace('id: contoso-mail-insights', `id: generated-offer-${i}`).replace('displayName: Contoso Mail Insights', `displayName: Generated Offer ${i}`));
    }
    const r = runJson<{ ms: number; maxRssMb: number; code: number }>(join(ROOT, 'build', 'bench', 'in-process.js'), [CLI, 'build', '--out', 'dist'], work);
    if (r.code !== 0) throw new Error(`build of ${n} offers failed (exit ${r.code})`);
    perOffer.push([n, r.ms / n, r.maxRssMb]);
    await rm(work, { recursive: true, force: true });
  }
  const first = perOffer[0]![1];
  for (const [n, ms, rss] of perOffer) row(`build ${n} offers (×3 plans)`, `${fmt(ms)} / offer`, `vs 10 offers: ${fmt(first)} / offer`, ratio(ms, first), `peak RSS ${rss.toFixed(0)} MB (goal flat, ≤ 300 MB)`);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
