// Everything a publish test needs, started on loopback and stopped after: a test certificate, the ARM
// emulator (with its Entra token endpoint), Azurite behind a fault proxy, a custom-cloud file pointing the
// CLI at them, and the environment a service principal sign-in uses. offerkit runs unmodified: it sees a
// custom cloud and an environment service principal, exactly as it would for a sovereign or private cloud.

import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { ArmEmulator, type ProviderRecord } from './arm-emulator.js';
import { azuriteClient, startAzurite, type RunningAzurite } from './azurite.js';
import { makeTestCertificate, type TestCertificate } from './certificate.js';
import type { ServicePrincipal } from './entra.js';
import { FaultProxy } from './fault-proxy.js';
import { PartnerCenterEmulator } from './partner-center.js';

export interface PublishEnv {
  dir: string;
  cert: TestCertificate;
  arm: ArmEmulator;
  /** Azurite, with the storage account offerkit publishes to (this environment's alone): `azurite.account`. */
  azurite: RunningAzurite;
  storage: FaultProxy;
  /** Partner Center's submission API (when asked for with `marketplace: true`). */
  partnerCenter?: PartnerCenterEmulator;
  tenant: string;
  subscription: string;
  principal: ServicePrincipal;
  cloudConfigFile: string;
  /** Environment for offerkit child processes: trust the test CA, sign in as the service principal. */
  env: Record<string, string>;
  /** Flags naming the emulated cloud, subscription and retry speed (fast, for tests). */
  azureArgs: string[];
  /** An HTTP client for in-process SDK use that trusts the test certificate (tests only). */
  httpClient: HttpClient;
  /** Blobs in the package container, straight from Azurite (no faults). */
  blobs(): Promise<{ name: string; size: number; sha256?: string }[]>;
  stop(): Promise<void>;
}

export async function startPublishEnv(options: { providers?: ProviderRecord[]; pageSize?: number; marketplace?: boolean } = {}): Promise<PublishEnv> {
  const dir = await tempDir('offerkit-publish-');
  const cert = await makeTestCertificate(dir);
  const tenant = randomUUID();
  const subscription = randomUUID();
  const principal: ServicePrincipal = { clientId: randomUUID(), clientSecret: `s3cr3t~${randomUUID()}`, objectId: randomUUID() };
  const arm = new ArmEmulator({ cert, tenant, subscriptions: [subscription], principals: [principal], packageFetchTimeoutMs: 5000, ...(options.providers ? { providers: options.providers } : {}), ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
  const armUrl = await arm.start();
  const azurite = await startAzurite(cert);
  const storage = new FaultProxy(azurite.url, cert);
  const storageUrl = await storage.start();
  const agent = new Agent({ ca: cert.certPem, keepAlive: false });
  const direct = azuriteClient(azurite.url, agent, azurite.account);

  let partnerCenter: PartnerCenterEmulator | undefined;
  let partnerCenterUrl: string | undefined;
  if (options.marketplace) {
    partnerCenter = new PartnerCenterEmulator({ cert, entra: arm.entra, storage: { client: direct, account: azurite.account.name, key: azurite.account.key, publicUrl: storageUrl }, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
    partnerCenterUrl = await partnerCenter.start();
  }
  const cloudConfigFile = join(dir, 'cloud.json');
  await writeFile(cloudConfigFile, JSON.stringify({ name: 'offerkit-test', resourceManager: armUrl, authorityHost: armUrl, blobEndpointTemplate: `${storageUrl}/{account}`, portal: 'https://portal.test.example', ...(partnerCenterUrl ? { partnerCenter: { endpoint: partnerCenterUrl } } : {}) }, null, 2));

  const base = createDefaultHttpClient();
  const httpClient: HttpClient = { sendRequest: (r: PipelineRequest) => base.sendRequest(Object.assign(r, { agent })) };
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AZURE_') && !k.startsWith('IDENTITY_') && !k.startsWith('MSI_'))) as Record<string, string>;
  return {
    dir,
    cert,
    arm,
    azurite,
    storage,
    ...(partnerCenter ? { partnerCenter } : {}),
    tenant,
    subscription,
    principal,
    cloudConfigFile,
    env: { ...cleanEnv, NODE_EXTRA_CA_CERTS: cert.certFile, AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: principal.clientId, AZURE_CLIENT_SECRET: principal.clientSecret, HOME: dir, NO_COLOR: '1' },
    azureArgs: ['--cloud-config', cloudConfigFile, '--subscription', subscription, '--retry-delay', '50', '--timeout', '5'],
    httpClient,
    async blobs() {
      const container = direct.getContainerClient('offerkit-packages');
      if (!(await container.exists())) return [];
      const out: { name: string; size: number; sha256?: string }[] = [];
      for await (const b of container.listBlobsFlat({ includeMetadata: true })) out.push({ name: b.name, size: b.properties.contentLength ?? 0, ...(b.metadata?.sha256 ? { sha256: b.metadata.sha256 } : {}) });
      return out;
    },
    async stop() {
      await Promise.allSettled([arm.stop(), storage.stop(), azurite.stop(), partnerCenter?.stop()]);
      agent.destroy();
    },
  };
}

