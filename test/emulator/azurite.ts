// Azurite, Microsoft's Storage emulator, as the tests run it: the blob service only, in memory, over HTTPS
// with the test certificate and basic OAuth (so Entra tokens and user-delegation SAS work), on a free
// loopback port, without telemetry. Started by the tests; stopping one gives it back, emptied, to a pool of
// this process, so the test files a mocha worker runs one after another share one Azurite instead of starting
// one each (starting Azurite costs more CPU than most test files). Each start still sees an empty service:
// every container is deleted before an instance is reused, and an instance that cannot be emptied is ended.
// The instances end with the process (test/emulator/azurite-process.ts).

import { BlobServiceClient, newPipeline, StorageSharedKeyCredential, type RequestPolicy, type RequestPolicyFactory, type WebResource } from '@azure/storage-blob';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestCertificate } from './certificate.js';

/** Azurite's well-known development account (public, documented by Microsoft). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  /** https://127.0.0.1:<port> (path-style: the account is the first path segment). */
  url: string;
  stop(): Promise<void>;
}

interface Instance {
  url: string;
  certFile: string;
  child: ChildProcess;
  client: BlobServiceClient;
  agent: Agent;
}

const idle: Instance[] = [];
const all = new Set<Instance>();
process.once('exit', () => {
  for (const i of all) i.child.kill('SIGKILL');
});

export async function startAzurite(cert: TestCertificate): Promise<RunningAzurite> {
  let instance = idle.pop();
  while (instance && (instance.child.exitCode !== null || instance.certFile !== cert.certFile)) {
    await end(instance);
    instance = idle.pop();
  }
  instance ??= await launch(cert);
  const taken = instance;
  let released = false;
  return {
    url: taken.url,
    async stop() {
      if (released) return;
      released = true;
      if (taken.child.exitCode === null && (await emptied(taken))) idle.push(taken);
      else await end(taken);
    },
  };
}

/** Deletes every container, so the next user finds the service as a fresh start leaves it. */
async function emptied(i: Instance): Promise<boolean> {
  try {
    const names: string[] = [];
    for await (const c of i.client.listContainers()) names.push(c.name);
    await Promise.all(names.map((n) => i.client.deleteContainer(n)));
    for await (const left of i.client.listContainers()) if (left) return false;
    return true;
  } catch {
    return false;
  }
}

function end(i: Instance): Promise<void> {
  all.delete(i);
  i.agent.destroy();
  return new Promise<void>((resolve) => {
    if (i.child.exitCode !== null) return resolve();
    i.child.once('exit', () => resolve());
    i.child.kill('SIGTERM');
    setTimeout(() => i.child.kill('SIGKILL'), 3000).unref();
  });
}

async function launch(cert: TestCertificate): Promise<Instance> {
  const require = createRequire(import.meta.url);
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, 'azurite-process.js'), main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--disableTelemetry', '--cert', cert.certFile, '--key', cert.keyFile, '--oauth', 'basic', '--disableProductStyleUrl'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  // Never written: its end tells the child its parent is gone. Not holding the event loop open either.
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 120 s:\n${output}`)), 120000);
    const onData = (c: Buffer) => {
      output += c.toString();
      const m = /listens on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before it was ready:\n${output}`));
    });
  });
  // Later output is not read; unref'd so an idle instance does not keep its process alive.
  for (const s of [child.stdout, child.stderr]) {
    s!.removeAllListeners('data');
    s!.resume();
    (s as unknown as { unref?: () => void }).unref?.();
  }
  child.unref();
  const agent = new Agent({ ca: cert.certPem, keepAlive: false });
  const instance: Instance = { url, certFile: cert.certFile, child, client: azuriteClient(url, agent), agent };
  all.add(instance);
  return instance;
}

/** The development account's blob service at `url` with its shared key, each request through `agent` (which trusts the test certificate), no retries. */
export function azuriteClient(url: string, agent: Agent): BlobServiceClient {
  const pipeline = newPipeline(new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY), { retryOptions: { maxTries: 1 } });
  // Storage's pipeline takes request-policy factories: one that hands each request the trusting agent.
  const withAgent: RequestPolicyFactory = { create: (next: RequestPolicy) => ({ sendRequest: (r: WebResource) => next.sendRequest(Object.assign(r, { agent })) }) };
  pipeline.factories.unshift(withAgent);
  return new BlobServiceClient(`${url}/${AZURITE_ACCOUNT}`, pipeline);
}
