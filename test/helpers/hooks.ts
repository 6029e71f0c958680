// Root hooks: temporary folders made by tests are removed when the run ends.
import { cleanupTempDirs } from './cli.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await cleanupTempDirs();
  },
};
