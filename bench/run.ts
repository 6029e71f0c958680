// npm run bench: offerkit's speed and memory, each figure next to a baseline measured in the same run.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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
  row('offerkit --help', fmt(help.medianMs), `node -e 0: ${fmt(base.medianMs)}`, ratio(help.medianMs, base.medianMs), 'goal ≤ 1.25×');
}

// 2. Build of the example offer against the floor.
if (!only || only === 'build') {
  const work = await mkdtemp(join(tmpdir(), 'offerkit-bench-'));
  const offer = join(work, 'contoso-mail-insights');
  await cp(join(ROOT, 'offers', 'contoso-mail-insights'), offer, { recursive: true });
  // The same offer through the Synapse set (a sibling folder: the offer id is the folder's business, not its name).
  const synapse = join(work, 'synapse', 'contoso-mail-insights');
  await cp(offer, synapse, { recursive: true });
  // A Synapse offer says who may make the Synapse Administrator who publishes its pipeline (offer-synapse-no-administrator).
  await writeFile(join(synapse, 'offer.yaml'), (await readFile(join(offer, 'offer.yaml'), 'utf8')).replace('set: mgdc-adf', 'set: mgdc-synapse').replace('lockLevel: ReadOnly', 'lockLevel: CanNotDelete'));
  const [floor, build, buildSynapse] = timeInterleaved(
    [
      { label: 'floor', cmd: node, args: [join(ROOT, 'build', 'bench', 'floor-build.js'), offer, ROOT], cwd: work },
      { label: 'build', cmd: node, args: [CLI, 'build', offer, '--out', join(work, 'dist')], cwd: work },
      { label: 'build mgdc-synapse', cmd: node, args: [CLI, 'build', synapse, '--out', join(work, 'dist-synapse')], cwd: work },
    ],
    RUNS,
  );
  row('offerkit build (example, 3 plans)', fmt(build.medianMs), `floor (node + read inputs + zip): ${fmt(floor.medianMs)}`, ratio(build.medianMs, floor.medianMs), 'goal ≤ 1.50×');
  row('offerkit build (example through mgdc-synapse)', fmt(buildSynapse.medianMs), `the same offer through mgdc-adf: ${fmt(build.medianMs)}`, ratio(buildSynapse.medianMs, build.medianMs), 'a larger template (2 storage accounts, a Key Vault, the pipeline in a variable)');
  await rm(work, { recursive: true, force: true });
}

// 3. Many offers in one build: time per offer and peak RSS.
if (!only || only === 'many') {
  const example = await readFile(join(ROOT, 'offers', 'contoso-mail-insights', 'offer.yaml'), 'utf8');
  const perOffer: [number, number, number][] = [];
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
  const first = perOffer[0][1];
  for (const [n, ms, rss] of perOffer) row(`build ${n} offers (×3 plans)`, `${fmt(ms)} / offer`, `vs 10 offers: ${fmt(first)} / offer`, ratio(ms, first), `peak RSS ${rss.toFixed(0)} MB (goal flat, ≤ 300 MB)`);
}

// 4. Validation: the 32 real packages in one process; validate start-up.
if (!only || only === 'validate') {
  const corpus = [process.env.OFFERKIT_CONFORMANCE, join(ROOT, '..', 'shared', 'conformance')].find((d) => d && existsSync(join(d, 'cases.json')));
  if (!corpus) {
    row('validate 32 real packages', 'skipped', 'conformance corpus not found', '', '');
  } else {
    const runs: { totalMs: number; per: { name: string; ms: number }[]; maxRssMb: number }[] = [];
    for (let i = 0; i < Math.max(3, Math.min(RUNS, 7)); i++) runs.push(runJson(join(ROOT, 'build', 'bench', 'validate-samples.js'), [corpus], ROOT));
    runs.sort((a, b) => a.totalMs - b.totalMs);
    const med = runs[Math.floor(runs.length / 2)];
    const per = med.per.map((p) => p.ms).sort((a, b) => a - b);
    row('validate 32 real packages, one process', fmt(med.totalMs), `per package: median ${fmt(per[Math.floor(per.length / 2)])}, max ${fmt(per[per.length - 1])} (${med.per.find((p) => p.ms === per[per.length - 1])?.name ?? ''})`, '', `goal ≤ 300 ms; peak RSS ${med.maxRssMb.toFixed(0)} MB`);
    // The same without the rules that read Azure's resource types, interleaved with runs of all of them.
    const pairs: [number, number][] = [];
    for (let i = 0; i < Math.max(3, Math.min(RUNS, 7)); i++) {
      const without = runJson<{ totalMs: number }>(join(ROOT, 'build', 'bench', 'validate-samples.js'), [corpus, '1', 'without-resource-types'], ROOT).totalMs;
      const all = runJson<{ totalMs: number }>(join(ROOT, 'build', 'bench', 'validate-samples.js'), [corpus], ROOT).totalMs;
      pairs.push([without, all]);
    }
    const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [without, all] = [medianOf(pairs.map((p) => p[0])), medianOf(pairs.map((p) => p[1]))];
    row("validate 32 real packages with Azure's resource types", fmt(all), `without the resource-type rules: ${fmt(without)}`, ratio(all, without), 'goal ≤ 1.30× (the catalogue read per provider)');
    // The same corpus ten times over in one process: time per package must not grow with the count.
    const many: { totalMs: number; per: { ms: number }[]; maxRssMb: number }[] = [];
    for (let i = 0; i < 3; i++) many.push(runJson(join(ROOT, 'build', 'bench', 'validate-samples.js'), [corpus, '10'], ROOT));
    many.sort((a, b) => a.totalMs - b.totalMs);
    const m = many[1];
    const perOnce = med.totalMs / med.per.length;
    const perMany = m.totalMs / m.per.length;
    row(`validate ${m.per.length} packages (the 32, ten times), one process`, `${fmt(perMany)} / package`, `32 once: ${fmt(perOnce)} / package`, ratio(perMany, perOnce), `goal ≤ 1.00× (no slower as the count grows); peak RSS ${m.maxRssMb.toFixed(0)} MB`);
    const sample = join(corpus, 'samples', 'Azure-azure-managedapp-samples__101-minimal-template');
    const [base, validate] = timeInterleaved(
      [
        { label: 'node -e 0', cmd: node, args: ['-e', '0'], cwd: ROOT },
        { label: 'validate', cmd: node, args: [CLI, 'validate', sample], cwd: ROOT },
      ],
      RUNS,
    );
    row('offerkit validate (one small package)', fmt(validate.medianMs), `node -e 0: ${fmt(base.medianMs)}`, ratio(validate.medianMs, base.medianMs), 'process start to exit');
  }
}

// 5. Publish: the example's three plans to the ARM emulator and Azurite, and the manual azure-cli path.
if (!only || only === 'publish') {
  const { benchPublish } = await import('./publish.js');
  const p = await benchPublish(ROOT, Math.max(3, Math.min(RUNS, 7)));
  row('publish example (3 plans) to emulator + Azurite', fmt(p.offerkitMs), p.azMs !== undefined ? `az CLI, same definitions: ${fmt(p.azMs)}` : p.azNote, p.azMs !== undefined ? `${(p.azMs / p.offerkitMs).toFixed(2)}× faster` : '', `goal ≥ 5× faster; peak RSS ${p.offerkitRssMb.toFixed(0)} MB`);
  if (p.azMs !== undefined) console.log(`(${p.azNote})\n`);
}

// 6. Marketplace: first publish and an unchanged re-run against the Partner Center emulator, next to build.
if (!only || only === 'marketplace') {
  const { benchMarketplace } = await import('./marketplace.js');
  const m = await benchMarketplace(ROOT, Math.max(3, Math.min(RUNS, 5)));
  row('marketplace: first publish + submit (3 plans)', fmt(m.firstMs), `${m.firstRequests} requests, ${m.firstWrites} writes`, '', `peak RSS ${m.peakRssMb.toFixed(0)} MB`);
  row('marketplace: re-run, nothing changed', fmt(m.rerunMs), `offerkit build, same offer: ${fmt(m.buildMs)}; ${m.rerunRequests} requests (${(m.rerunRequests / m.plans).toFixed(1)} per plan), ${m.rerunWrites} writes`, ratio(m.rerunMs, m.buildMs), 'goal ≤ 1.50× build, 0 writes');
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
