// `offerkit init` writes placeholder contact and privacy addresses so a new offer builds at once; they are at
// names reserved for documentation, and `validate --target marketplace` says each must be replaced.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
import { parseJson, type BuildJson } from '../helpers/json.js';

describe('offerkit init: placeholder addresses are reported for the marketplace', function () {
  this.timeout(120000);
  for (const template of ['minimal', 'mgdc-adf']) {
    it(`--template ${template}`, async () => {
      const dir = join(await tempDir(), 'new-offer');
      assert.equal((await runCli(['init', dir, '--template', template])).code, 0);
      const v = await runCli(['validate', dir, '--target', 'marketplace', '--format', 'json']);
      assert.equal(v.code, 1, v.stdout + v.stderr);
      const placeholders = parseJson<BuildJson>(v.stdout).diagnostics.filter((d) => d.code === 'marketplace-listing' && d.message.includes('a placeholder address')).map((d) => d.message.split(' is ')[0]);
      assert.deepEqual(placeholders.sort(), ['privacyUrl', 'support.email']);
      // Building still works: the placeholders block only what would reach customers.
      assert.equal((await runCli(['build', dir, '--out', join(await tempDir(), 'dist')])).code, 0);
    });
  }
});
