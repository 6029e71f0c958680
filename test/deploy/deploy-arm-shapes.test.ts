// deploy against both shapes ARM has been seen to answer a failed install in — each provider error as JSON text
// in a detail's message (as posted) and structured — and with the reads it makes refused: the failure is said
// once, with the provider's own code, on its resource, whether it comes from the failed operations or (when they
// cannot be read) from the long-running operation's details; a refused read-back is a warning naming what was not
// verified, and the install's own result decides the exit code.

import assert from 'node:assert/strict';
import type { PublishEnv } from '../emulator/publish-env.js';
import { startDeployEnv, type DeployEnv } from './deploy-env.js';

describe("offerkit deploy: ARM's answers as posted", function () {
  this.timeout(240000);
  let t: DeployEnv;
  let env: PublishEnv;

  before(async () => {
    t = await startDeployEnv();
    env = t.env;
  });
  after(() => t?.stop());
  afterEach(() => {
    env.arm.deployments.failures.length = 0;
    env.arm.deployments.deniedReads.clear();
    env.arm.deployments.errorShape = 'json-in-message';
  });

  for (const shape of ['json-in-message', 'structured'] as const) {
    for (const operationsReadable of [true, false]) {
      it(`a failed install (${shape}, operations ${operationsReadable ? 'readable' : 'refused'}) is said once, with the provider's code, on its resource`, async () => {
        env.arm.deployments.errorShape = shape;
        if (!operationsReadable) env.arm.deployments.deniedReads.add('microsoft.resources/deployments');
        env.arm.deployments.failures.push({ resourceType: 'Microsoft.Storage/storageAccounts', name: `script${t.unique(`mrg-shape-${shape}-${operationsReadable}`)}`, phase: 'deploy', code: 'StorageAccountAlreadyTaken', message: 'The storage account named x is already taken.' });
        const name = `shape-${shape}-${operationsReadable}`;
        try {
          const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', name]);
          assert.equal(r.code, 1, r.stdout + r.stderr);
          const failed = t.result(r).diagnostics.filter((d) => d.code === 'deploy-failed');
          assert.equal(failed.length, 1, JSON.stringify(t.result(r).diagnostics));
          assert.match(failed[0].message, /^ARM StorageAccountAlreadyTaken for .*: The storage account named x is already taken\.$/);
          if (operationsReadable || shape === 'structured') {
            assert.equal(failed[0].line, await t.templateLine((x, i) => x.type === 'Microsoft.Storage/storageAccounts' && i > 0), 'on the script storage account');
          } else {
            // The posted JSON-in-message shape names no resource: with the operations refused, the code and message are all ARM gives.
            assert.equal(failed[0].line, undefined);
          }
        } finally {
          env.arm.deployments.deniedReads.clear();
          await t.deploy([t.offer, '--delete', '--name', name]);
        }
      });
    }
  }

  it('a read-back Azure refuses is a warning naming what was not verified; the install succeeded, so the exit code is 0', async () => {
    for (const type of ['microsoft.authorization/policyassignments', 'microsoft.authorization/denyassignments', 'microsoft.insights/diagnosticsettings']) env.arm.deployments.deniedReads.add(type);
    try {
      const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-refused']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const out = t.result(r);
      assert.equal(out.deploy.state, 'Succeeded');
      const warnings = out.diagnostics.filter((d) => d.code === 'deploy-readback-refused');
      assert.ok(warnings.every((w) => w.severity === 'warning'));
      assert.ok(warnings.some((w) => w.message.includes('Could not read the policy assignments of mrg-cmi-refused (HTTP 403 — AuthorizationFailed')), JSON.stringify(warnings));
      assert.ok(warnings.some((w) => /Could not read the deny assignments of mrg-cmi-refused.*the lock level \(ReadOnly\) is not verified/.test(w.message)));
      assert.ok(warnings.some((w) => w.message.includes('Could not read the diagnostic settings of Microsoft.DataFactory/factories adf-')));
      const promises = out.deploy.promises!;
      assert.ok(promises.filter((p) => p.evidence === 'assignment' || p.evidence === 'lock' || p.evidence === 'diagnostic-settings').every((p) => p.status === 'unverified' && !p.kept));
      assert.ok(promises.some((p) => p.policy === 'secure-transfer' && p.evidence === 'property' && p.status === 'kept'), 'what could be read is still checked');
      assert.ok(!out.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(out.diagnostics));
    } finally {
      env.arm.deployments.deniedReads.clear();
      await t.deploy([t.offer, '--delete', '--name', 'cmi-refused']);
    }
  });

  it('a resource listing Azure refuses is a warning, not a failed install', async () => {
    env.arm.deployments.deniedReads.add('resources');
    try {
      const r = await t.deploy([t.offer, '--plan', 'standard', '--parameters', t.params, '--name', 'cmi-nolist']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(t.result(r).diagnostics.find((d) => d.code === 'deploy-readback-refused')!.message, /Could not read the resources of mrg-cmi-nolist/);
    } finally {
      env.arm.deployments.deniedReads.clear();
      await t.deploy([t.offer, '--delete', '--name', 'cmi-nolist']);
    }
  });
});
