// A real browser for the preview tests: Debian's Chromium driven by playwright-core, started with the flags
// this machine needs (no sandbox as root, no background network), and the running `offerkit preview` server.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI, ROOT } from '../helpers/cli.js';

export const CHROMIUM = process.env.OFFERKIT_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}. Install Debian's chromium package (apt-get install chromium), as .ci/run does, or set OFFERKIT_CHROMIUM to a Chromium binary.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records every request it makes and every script error or dialog it meets. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, requests, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface RunningPreview {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `offerkit preview <offer> --json` on a free port; resolves once it prints its URL. */
export function startPreview(offerDir: string, extra: string[] = []): Promise<RunningPreview> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'preview', offerDir, '--json', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    const timer = setTimeout(() => reject(new Error(`offerkit preview did not start:\n${out}\n${errText}`)), 20000);
    child.stderr.on('data', (c: Buffer) => (errText += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        child,
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`offerkit preview exited (${code}):\n${out}\n${errText}`));
    });
  });
}
