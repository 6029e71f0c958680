// Root hooks and global fixtures. The tests run in parallel workers (.mocharc.json): the global set-up runs
// once in the main process before any worker starts — it unpacks the npm-shipped Chromium when the machine
// has none, so workers never race to unpack it — and each worker removes the temporary folders it made.
import { cleanupTempDirs } from './cli.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await cleanupTempDirs();
  },
};

export async function mochaGlobalSetup(): Promise<void> {
  const { chromiumPath } = await import('../preview/browser.js');
  await chromiumPath();
}
