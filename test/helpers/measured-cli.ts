// The real CLI run with what it used recorded at its exit: peak resident memory and CPU time, the two bounds
// every command keeps for any input (README, Safety: 10 s and 300 MB). CPU time, not the wall clock: a busy
// machine stretches the wall clock, not the work.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.js';

export interface MeasuredRun extends CliResult {
  peakMb: number;
  cpuMs: number;
}

export async function measuredCli(args: string[], cwd: string): Promise<MeasuredRun> {
  const usage = join(cwd, '.usage.json');
  const preload = join(cwd, '.usage.cjs');
  await writeFile(
    preload,
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(usage)}, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })); });`,
  );
  const r = await runCli(args, { cwd, env: { NODE_OPTIONS: `--require ${preload}` }, timeoutMs: 60000 });
  const used = JSON.parse(await readFile(usage, 'utf8').catch(() => '{"maxRSS":0,"cpuMs":0}')) as { maxRSS: number; cpuMs: number };
  return { ...r, peakMb: Math.round(used.maxRSS / 1024), cpuMs: Math.round(used.cpuMs) };
}
