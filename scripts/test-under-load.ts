// npm run test:load -- [--runs N] [--burners N]: the whole `npm test` (build and lint included), N times in a
// row (3 by default) while N CPU-bound processes (2 by default) run beside it, as on a busy CI runner. Prints
// each run's time, result and peak memory (the proportional set size of the whole process tree: npm, mocha's
// workers, the CLI processes, emulators, Azurite and Chromium), and the failing tests of a red run. Before each
// run, how fast the machine is at that moment: the CPU time of a fixed loop (on this project's machine it ranges
// from 1.65 to 2.46 s from hour to hour, and the suite's time with it), and after it the CPU time the host took
// away (steal, /proc/stat). `--burners 0 --runs 1` measures the quiet figure. Exit 1 when any run failed.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { wholeNumberFlag as flag } from './whole-number-flag.js';

const runs = flag('runs', 3);
const burnerCount = flag('burners', 2);

/** Parent pid of every process, from /proc (Linux only: the figure is for this project's CI machines). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after its closing one are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // gone while we looked
    }
  }
  return out;
}

function treeOf(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    tree.push(pid);
    todo.push(...(byParent.get(pid) ?? []));
  }
  return tree;
}

/** What a process is, for the memory breakdown: from its command line. */
function kindOf(pid: number): string {
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return 'other';
  }
  if (/chrom/i.test(cmd)) return 'Chromium';
  if (/mocha[/\\]lib[/\\]nodejs[/\\]worker/.test(cmd)) return 'mocha workers';
  if (/\bmocha\b/.test(cmd)) return 'mocha';
  if (cmd.includes('azurite')) return 'Azurite';
  if (cmd.includes('eslint')) return 'eslint';
  if (/\btsc\b|typescript/.test(cmd)) return 'tsc';
  if (/cli[/\\]main\.cjs/.test(cmd)) return 'offerkit CLI';
  // Anything else by the name of what it runs: a node script's file (or `-e` for inline code), or the program.
  const [program = '', ...args] = cmd.split(' ');
  const name = (p: string) => p.split(/[/\\]/).pop() ?? p;
  const script = args.find((a) => /\.[cm]?js$/.test(a) || a === '-e' || a === '--eval');
  const runs = name(program).endsWith('node') && script ? name(script) : name(program);
  return runs === 'npm' || runs === 'npm-cli.js' ? 'npm' : `other (${runs})`;
}

interface Sample {
  kb: number;
  /** Kilobytes and process count per kind of process. */
  kinds: Map<string, { kb: number; n: number }>;
}

/** Memory the process tree uses (shared pages divided among the processes that share them), by kind. */
function treePss(root: number): Sample {
  const sample: Sample = { kb: 0, kinds: new Map() };
  for (const pid of treeOf(root)) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (!m) continue;
      const kb = Number(m[1]);
      sample.kb += kb;
      const kind = kindOf(pid);
      const k = sample.kinds.get(kind) ?? { kb: 0, n: 0 };
      k.kb += kb;
      k.n += 1;
      sample.kinds.set(kind, k);
    } catch {
      // gone, or a kernel thread
    }
  }
  return sample;
}

function breakdown(s: Sample): string {
  return [...s.kinds]
    .sort((a, b) => b[1].kb - a[1].kb)
    .map(([kind, k]) => `${kind} ${Math.round(k.kb / 1024)} MB${k.n > 1 ? ` in ${k.n}` : ''}`)
    .join(', ');
}

interface Run {
  ok: boolean;
  seconds: number;
  peakMb: number;
  /** What held the memory at the peak. */
  peakParts: string;
  output: string;
}

/** CPU seconds a fixed loop takes in a child: this machine's speed at the moment, comparable across runs. */
function loopSeconds(): number {
  const loop = 'const t = process.cpuUsage(); let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0; const c = process.cpuUsage(t); process.stdout.write(String((c.user + c.system) / 1e6 + (x & 0)));';
  return Number(spawnSync(process.execPath, ['-e', loop], { encoding: 'utf8' }).stdout);
}

/** CPU seconds the host has taken from this machine's CPUs since boot (steal, in USER_HZ ticks of 1/100 s). */
function stealSeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  return Number(fields[8] ?? 0) / 100;
}

function runSuite(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', ['test'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let peak: Sample = { kb: 0, kinds: new Map() };
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const sampler = setInterval(() => {
      if (!child.pid) return;
      const now = treePss(child.pid);
      if (now.kb > peak.kb) peak = now;
    }, 250);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ ok: code === 0, seconds: (Date.now() - started) / 1000, peakMb: Math.round(peak.kb / 1024), peakParts: breakdown(peak), output });
    });
  });
}

const burners: ChildProcess[] = [];
for (let i = 0; i < burnerCount; i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => burners.forEach((b) => b.kill('SIGKILL'));
process.on('SIGINT', () => {
  stopBurners();
  process.exit(130);
});

process.stdout.write(`npm test, ${runs} run(s) in a row, ${burnerCount} CPU-bound process(es) beside it, on ${cpus().length} CPU(s)\n`);
const results: Run[] = [];
try {
  for (let i = 1; i <= runs; i++) {
    const loop = loopSeconds();
    const stealBefore = stealSeconds();
    const r = await runSuite();
    results.push(r);
    process.stdout.write(`machine: a fixed loop took ${loop.toFixed(2)} s of CPU before run ${i}; the host took ${(stealSeconds() - stealBefore).toFixed(1)} s of CPU away during it\n`);
    const passing = /(\d+) passing/.exec(r.output)?.[1] ?? '?';
    const failing = /(\d+) failing/.exec(r.output)?.[1] ?? '0';
    process.stdout.write(`run ${i}: ${r.ok ? 'green' : 'RED'}  ${r.seconds.toFixed(0)} s  peak ${r.peakMb} MB  ${passing} passing, ${failing} failing\n       at the peak: ${r.peakParts}\n`);
    if (!r.ok) {
      const at = r.output.search(/\n\s+\d+ failing/);
      process.stdout.write(`${(at >= 0 ? r.output.slice(at) : r.output.slice(-6000)).split('\n').map((l) => `  | ${l}`).join('\n')}\n`);
    }
  }
} finally {
  stopBurners();
}
const green = results.filter((r) => r.ok).length;
process.stdout.write(`\n${green} of ${results.length} green; slowest ${Math.max(...results.map((r) => r.seconds)).toFixed(0)} s; peak memory ${Math.max(...results.map((r) => r.peakMb))} MB\n`);
process.exit(green === results.length ? 0 : 1);
