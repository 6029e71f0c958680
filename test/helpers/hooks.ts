// Root hooks and global fixtures. The tests run in parallel workers (.mocharc.json): the global set-up runs
// once in the main process before any worker starts — it unpacks the npm-shipped Chromium (the preview suites run
// in it and in the system's), so workers never race to unpack it — and each worker removes the temporary folders it made.
import { cleanupTempDirs } from './cli.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await cleanupTempDirs();
  },
};

let certDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  const { browserChoices } = await import('../preview/browser.js');
  for (const choice of browserChoices()) await choice.path();
  // One test certificate for the run, trusted by every worker from its start: the emulators serve it, and
  // tests can call offerkit's publish code in-process as well as through the CLI.
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { newTestCertificate } = await import('../emulator/certificate.js');
  certDir = await mkdtemp(path.join(tmpdir(), 'offerkit-test-ca-'));
  const cert = await newTestCertificate(certDir);
  process.env.OFFERKIT_TEST_CERT_DIR = certDir;
  process.env.NODE_EXTRA_CA_CERTS = cert.certFile;
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (certDir) await (await import('node:fs/promises')).rm(certDir, { recursive: true, force: true });
}
