// Runs the real offerkit CLI in a child process, the way users run it.

import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(ROOT, 'build', 'src', 'cli', 'main.cjs');
export const EXAMPLE_OFFER = join(ROOT, 'offers', 'contoso-mail-insights');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The run was stopped because it outlived `timeoutMs`. */
  timedOut?: boolean;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs ? setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs) : undefined;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
    });
  });
}

const created: string[] = [];

export async function tempDir(prefix = 'offerkit-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function copyExampleOffer(dest: string): Promise<string> {
  await cp(EXAMPLE_OFFER, dest, { recursive: true });
  return dest;
}

export async function cleanupTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/**
 * A copy of one of offerkit's template sets at `dest` (a folder inside an offer, used with `template.path`), with
 * the folder of partials it shares with the sets beside it copied beside it, as in offerkit's templates/.
 */
export async function copyTemplateSet(name: string, dest: string): Promise<string> {
  await cp(join(ROOT, 'templates', name), dest, { recursive: true });
  await cp(join(ROOT, 'templates', 'mgdc-shared'), join(dirname(dest), 'mgdc-shared'), { recursive: true });
  return dest;
}
