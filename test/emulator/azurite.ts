// Azurite, Microsoft's Storage emulator, as the tests run it: the blob service only, in memory, over HTTPS
// with the test certificate and basic OAuth (so Entra tokens and user-delegation SAS work), on a free
// loopback port, without telemetry.
// A mocha run starts one Azurite for all its workers (test/helpers/hooks.ts, before the workers start), serving
// a set of storage accounts (AZURITE_ACCOUNTS, `name:key;…`, keys in base64; Azurite's README, "Customized
// Storage Accounts & Keys", which also says the development account is then disabled, so every environment names
// the account it holds). Each test environment takes an account of its own for
// as long as it runs (a folder made in the run's folder claims it, so no two environments, in one worker or
// in two, share one) and gives it back emptied. Three workers had each started their own Azurite: ~50 MB each.
// Outside a mocha run (the benchmarks) a process starts its own Azurite with the development account, and
// stopping one gives it back, emptied, to a pool of this process, as before.
// Either way each start sees an empty account: every container is deleted before an account or instance is
// reused, and an instance that cannot be emptied is ended. The instances end with the process that started
// them (test/emulator/azurite-process.ts).

import { BlobServiceClient, newPipeline, StorageSharedKeyCredential, type RequestPolicy, type RequestPolicyFactory, type WebResource } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { Agent } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestCertificate } from './certificate.js';

/** Azurite's well-known development account (public, documented by Microsoft). */
const DEVELOPMENT_ACCOUNT: StorageAccount = { name: 'devstoreaccount1', key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' };

export interface StorageAccount {
  name: string;
  /** Base64, as Azure and Azurite give account keys. */
  key: string;
}

export interface RunningAzurite {
  /** https://127.0.0.1:<port> (path-style: the account is the first path segment). */
  url: string;
  /** The account this environment has to itself. */
  account: StorageAccount;
  stop(): Promise<void>;
}

/** The run's shared Azurite, as the global set-up hands it to the workers (an environment variable). */
interface SharedAzurite {
  url: string;
  accounts: StorageAccount[];
  /** The folder in which an account in use has a folder of its name. */
  claims: string;
}

const SHARED_ENV = 'OFFERKIT_TEST_AZURITE';

/** How many accounts the shared Azurite serves: more than the environments of every worker at once. */
const SHARED_ACCOUNTS = 16;

/**
 * Starts the run's one Azurite (called by the global set-up, in mocha's main process) and tells the processes
 * started after it where it is. Returns how to end it.
 */
export async function startSharedAzurite(cert: TestCertificate, runDir: string): Promise<() => void> {
  const accounts = Array.from({ length: SHARED_ACCOUNTS }, (_, i) => ({ name: `offerkittest${i + 1}`, key: randomBytes(64).toString('base64') }));
  const instance = await launch(cert, accounts);
  const claims = join(runDir, 'azurite-accounts');
  mkdirSync(claims, { recursive: true });
  const shared: SharedAzurite = { url: instance.url, accounts, claims };
  process.env[SHARED_ENV] = JSON.stringify(shared);
  // Ended at once, not waited for: it holds nothing but the run's test data in memory, and mocha's main process
  // may exit while a teardown still waits on a child (it did, before the run's folder was removed). Were the
  // signal lost, the end of its stdin ends it with this process (test/emulator/azurite-process.ts).
  return () => {
    all.delete(instance);
    instance.agent.destroy();
    instance.child.kill('SIGKILL');
  };
}

function sharedAzurite(): SharedAzurite | undefined {
  const text = process.env[SHARED_ENV];
  return text ? (JSON.parse(text) as SharedAzurite) : undefined;
}

/** An account of the shared Azurite no one else holds: its claim is a folder, made or refused atomically. */
function claimAccount(shared: SharedAzurite): { account: StorageAccount; release: () => void } {
  for (const account of shared.accounts) {
    const claim = join(shared.claims, account.name);
    try {
      mkdirSync(claim);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    return { account, release: () => rmdirSync(claim) };
  }
  throw new Error(`All ${shared.accounts.length} accounts of the run's Azurite are in use: a test environment was not stopped, or more run at once than there are accounts (test/emulator/azurite.ts).`);
}

async function fromShared(shared: SharedAzurite, cert: TestCertificate): Promise<RunningAzurite> {
  const { account, release } = claimAccount(shared);
  const agent = new Agent({ ca: cert.certPem, keepAlive: false });
  const client = azuriteClient(shared.url, agent, account);
  let released = false;
  // Left as a crashed test may have left it: emptied before use as well as after.
  if (!(await emptiedAccount(client))) {
    agent.destroy();
    throw new Error(`Azurite's account ${account.name} could not be emptied before use.`);
  }
  return {
    url: shared.url,
    account,
    async stop() {
      if (released) return;
      released = true;
      const empty = await emptiedAccount(client);
      agent.destroy();
      // An account that could not be emptied stays claimed: no later environment finds another's blobs.
      if (empty) release();
    },
  };
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
  const shared = sharedAzurite();
  if (shared) return fromShared(shared, cert);
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
    account: DEVELOPMENT_ACCOUNT,
    async stop() {
      if (released) return;
      released = true;
      if (taken.child.exitCode === null && (await emptied(taken))) idle.push(taken);
      else await end(taken);
    },
  };
}

/** Deletes every container of the account, so the next user finds it as a fresh start leaves it. */
async function emptiedAccount(client: BlobServiceClient): Promise<boolean> {
  try {
    const names: string[] = [];
    for await (const c of client.listContainers()) names.push(c.name);
    await Promise.all(names.map((n) => client.deleteContainer(n)));
    for await (const left of client.listContainers()) if (left) return false;
    return true;
  } catch {
    return false;
  }
}

function emptied(i: Instance): Promise<boolean> {
  return emptiedAccount(i.client);
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

/** Azurite serving `accounts` (its AZURITE_ACCOUNTS), or the development account alone. */
async function launch(cert: TestCertificate, accounts?: StorageAccount[]): Promise<Instance> {
  const require = createRequire(import.meta.url);
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, 'azurite-process.js'), main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--disableTelemetry', '--cert', cert.certFile, '--key', cert.keyFile, '--oauth', 'basic', '--disableProductStyleUrl'],
    { stdio: ['pipe', 'pipe', 'pipe'], env: accounts ? { ...process.env, AZURITE_ACCOUNTS: accounts.map((a) => `${a.name}:${a.key}`).join(';') } : process.env },
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
  const instance: Instance = { url, certFile: cert.certFile, child, client: azuriteClient(url, agent, accounts?.[0] ?? DEVELOPMENT_ACCOUNT), agent };
  all.add(instance);
  return instance;
}

/** An account's blob service at `url` with its shared key, each request through `agent` (which trusts the test certificate), no retries. */
export function azuriteClient(url: string, agent: Agent, account: StorageAccount): BlobServiceClient {
  const pipeline = newPipeline(new StorageSharedKeyCredential(account.name, account.key), { retryOptions: { maxTries: 1 } });
  // Storage's pipeline takes request-policy factories: one that hands each request the trusting agent.
  const withAgent: RequestPolicyFactory = { create: (next: RequestPolicy) => ({ sendRequest: (r: WebResource) => next.sendRequest(Object.assign(r, { agent })) }) };
  pipeline.factories.unshift(withAgent);
  return new BlobServiceClient(`${url}/${account.name}`, pipeline);
}
