// Real browsers for the preview tests, driven by playwright-core and started with the flags this machine needs
// (no sandbox as root, no background network): the headless Chromium that @sparticuz/chromium ships inside its
// npm package (pinned: `npm ci && npm test` is enough on a fresh machine) and, with `npm run test:browsers`, the
// system's Chromium too (OFFERKIT_CHROMIUM): a contributor's current browser must find the pages as clean as the
// pinned one does, so every preview suite then runs once per browser, one browser at a time (runBrowserSuites).
// Also the running `offerkit preview` server.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI, ROOT } from '../helpers/cli.js';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export interface BrowserChoice {
  /** How test titles name it. */
  name: string;
  path(): Promise<string>;
}

let packaged: Promise<string> | undefined;
const PINNED: BrowserChoice = {
  name: 'pinned Chromium (@sparticuz/chromium)',
  path: () =>
    (packaged ??= (async () => {
      const { default: chromiumPackage } = await import('@sparticuz/chromium');
      return chromiumPackage.executablePath();
    })()),
};

/**
 * The browsers every preview suite runs in: the pinned one, and a second one when OFFERKIT_CHROMIUM asks for it
 * (a path, or `system` for the machine's own: /usr/bin/chromium and the like). `npm test` runs the pinned one only:
 * Debian's Chromium 156 alone took 540 MB, which put the run past its 1 GB budget whenever it ran beside the
 * other worker's tests. `npm run test:browsers` runs the browser suites in both (the system's by default).
 */
export function browserChoices(): BrowserChoice[] {
  const given = process.env.OFFERKIT_CHROMIUM;
  if (!given) return [PINNED];
  if (given === 'system') {
    const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
    const missing = () => Promise.reject(new Error(`OFFERKIT_CHROMIUM=system, but this machine has no Chromium at ${SYSTEM_CHROMIUMS.join(', ')}: install Debian's chromium package, or name a browser's path.`));
    return [PINNED, { name: `system Chromium (${system ?? 'none'})`, path: () => (system ? Promise.resolve(system) : missing()) }];
  }
  return [PINNED, { name: `OFFERKIT_CHROMIUM (${given})`, path: () => (existsSync(given) ? Promise.resolve(given) : Promise.reject(new Error(`OFFERKIT_CHROMIUM names ${given}, which does not exist.`))) }];
}

interface BrowserSuite {
  title: string;
  body: (this: Mocha.Suite, choice: BrowserChoice) => void;
}
const suites: BrowserSuite[] = [];

/**
 * A preview suite, run once per browser. The suite modules (*.suite.ts) only register themselves; the one test
 * file test/preview/in-chromium.test.ts runs them all, browser after browser. So one mocha worker drives one
 * Chromium at a time for the whole run — never two browsers side by side in two workers, which was the largest
 * part of the suite's peak memory — and each browser starts once, not once per suite.
 */
export function describeInBrowsers(title: string, body: (this: Mocha.Suite, choice: BrowserChoice) => void): void {
  suites.push({ title, body });
}

const running = new Map<string, Promise<Browser>>();

/** The browser of `choice`, started by runBrowserSuites for all the suites; a suite only opens pages in it. */
export function browserOf(choice: BrowserChoice): Promise<Browser> {
  const browser = running.get(choice.name);
  if (!browser) throw new Error(`${choice.name} is not running: browser suites run inside runBrowserSuites().`);
  return browser;
}

/** Every registered suite, in each browser in turn; what a suite leaves open is closed after it. */
export function runBrowserSuites(): void {
  for (const choice of browserChoices()) {
    describe(`in ${choice.name}:`, function () {
      before(function () {
        this.timeout(120000);
        running.set(choice.name, launchBrowser(choice));
        return running.get(choice.name);
      });
      after(async () => {
        const browser = running.get(choice.name);
        running.delete(choice.name);
        await (await browser)?.close();
      });
      for (const suite of suites) {
        describe(suite.title, function (this: Mocha.Suite) {
          suite.body.call(this, choice);
          after(async () => {
            for (const context of (await browserOf(choice)).contexts()) await context.close();
          });
        });
      }
    });
  }
}

async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  return chromium.launch({
    executablePath: await choice.path(),
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

/**
 * A full-page picture of what a test checked, for a person to look at: written under test-artifacts/preview/
 * when OFFERKIT_SCREENSHOTS is set (`OFFERKIT_SCREENSHOTS=1 npm test`). Nothing asserts on the pictures and
 * encoding them is a large part of the preview suites' time, so an ordinary run skips them.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.OFFERKIT_SCREENSHOTS) return;
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
