// Helpers for npm run bench: run a command many times, interleaved with its baseline, and report
// medians; run a CLI in-process to read its peak RSS.

import { spawnSync } from 'node:child_process';

export interface Timing {
  label: string;
  medianMs: number;
  minMs: number;
  runs: number;
}

function once(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: env ?? process.env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs each command `runs` times, interleaving them so machine noise hits all alike. */
export function timeInterleaved(commands: { label: string; cmd: string; args: string[]; cwd: string }[], runs: number, warmup = 2): Timing[] {
  const samples = commands.map(() => [] as number[]);
  for (let i = 0; i < warmup; i++) for (const c of commands) once(c.cmd, c.args, c.cwd);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j].push(once(c.cmd, c.args, c.cwd)));
  return commands.map((c, j) => ({ label: c.label, medianMs: median(samples[j]), minMs: Math.min(...samples[j]), runs }));
}

/** Runs `node <script> <args>` and returns the JSON the script printed on its last stderr line. */
export function runJson<T>(script: string, args: string[], cwd: string): T {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} ${args.join(' ')}: no JSON result (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
