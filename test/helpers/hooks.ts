// Root hooks and global fixtures. The tests run in parallel workers (.mocharc.cjs): the global set-up runs
// once in the main process before any worker starts — it unpacks the npm-shipped Chromium (the preview suites run
// in it), so workers never race to unpack it, and starts the run's Azurite — and each worker removes the
// temporary folders it made.
// In parallel mode the root hooks run once per test file, so they also time each file for the reporter
// (test/helpers/slowest-reporter.ts).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { cleanupTempDirs } from './cli.js';
import { inChild } from './in-child.js';

let fileStart = 0;

/**
 * A full collection between test files, once the worker's heap has grown past COLLECT_ABOVE. A worker runs many
 * files in turn and V8, under no pressure, lets the garbage of each pile up (a worker held 300 MB of it by the end
 * of a run); collected here, the memory is there for the next file instead of growing the worker. Collecting
 * after every file cost 10-25 s of CPU a run for heaps that were mostly small. The flag is switched on only for
 * the call and off again, so the V8 flags that code caches are checked against are the ordinary ones the rest of
 * the time.
 */
const COLLECT_ABOVE = 96 * 1024 * 1024;

function collectGarbage(): void {
  if (process.memoryUsage().heapUsed < COLLECT_ABOVE) return;
  v8.setFlagsFromString('--expose-gc');
  try {
    (vm.runInNewContext('gc') as () => void)();
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

export const mochaHooks = {
  beforeAll(): void {
    fileStart = Date.now();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    await cleanupTempDirs();
    const dir = process.env.OFFERKIT_TEST_TIMES_DIR;
    const file = this.test?.parent?.suites[0]?.file ?? this.test?.parent?.tests[0]?.file;
    collectGarbage();
    if (dir && file) appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ file, ms: Date.now() - fileStart })}\n`);
  },
};

const made: string[] = [];
const stops: (() => void)[] = [];

export async function mochaGlobalSetup(): Promise<void> {
  // Unpacked in a child: unpacking Chromium leaves this process, which lives as long as the run, about 90 MB
  // larger (measured 39 → 128 MB of RSS), for nothing it needs afterwards.
  const { fileURLToPath } = await import('node:url');
  await inChild({ browsers: fileURLToPath(new URL('../preview/browser.js', import.meta.url)) }, 'for (const choice of browsers.browserChoices()) await choice.path(); return true;');
  // One test certificate for the run, trusted by every worker from its start: the emulators serve it, and
  // tests can call offerkit's publish code in-process as well as through the CLI.
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { newTestCertificate } = await import('../emulator/certificate.js');
  const certDir = await mkdtemp(path.join(tmpdir(), 'offerkit-test-ca-'));
  made.push(certDir);
  const cert = await newTestCertificate(certDir);
  process.env.OFFERKIT_TEST_CERT_DIR = certDir;
  process.env.NODE_EXTRA_CA_CERTS = cert.certFile;
  // One Azurite for the run, an account per test environment (test/emulator/azurite.ts): a worker each would
  // cost ~50 MB apiece.
  const { startSharedAzurite } = await import('../emulator/azurite.js');
  stops.push(await startSharedAzurite(cert, certDir));
  const timesDir = await mkdtemp(path.join(tmpdir(), 'offerkit-test-times-'));
  made.push(timesDir);
  process.env.OFFERKIT_TEST_TIMES_DIR = timesDir;
}

export async function mochaGlobalTeardown(): Promise<void> {
  for (const stop of stops.splice(0)) stop();
  const { rm } = await import('node:fs/promises');
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
