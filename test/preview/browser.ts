// A real browser for the preview tests, driven by playwright-core and started with the flags this machine
// needs (no sandbox as root, no background network): a system Chromium when there is one (OFFERKIT_CHROMIUM,
// or Debian's), else the headless Chromium that @sparticuz/chromium ships inside its npm package, so that
// `npm ci && npm test` is enough on a fresh machine. Also the running `offerkit preview` server.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI, ROOT } from '../helpers/cli.js';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

let found: Promise<string> | undefined;

/** The browser binary: OFFERKIT_CHROMIUM, a system Chromium, or the npm package's (unpacked once per machine). */
export function chromiumPath(): Promise<string> {
  found ??= (async () => {
    const given = process.env.OFFERKIT_CHROMIUM;
    if (given) {
      if (!existsSync(given)) throw new Error(`OFFERKIT_CHROMIUM names ${given}, which does not exist.`);
      return given;
    }
    const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
    if (system) return system;
    const { default: packaged } = await import('@sparticuz/chromium');
    return packaged.executablePath();
  })();
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
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
    const timer = setTimeout(() => reject(new Error(`offerkit preview did not print its address within 120 s:\n${out}\n${errText}`)), 120000);
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
