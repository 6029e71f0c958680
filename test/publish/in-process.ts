// offerkit's publish code called in the test process (the fault matrices run dozens of publishes: without a
// process start and a fresh render each time they cost a fraction). The code is the same the CLI runs; only
// the credential is made here, a client-secret sign-in to the emulated Entra. The test run's workers trust the
// emulators' certificate from their start (test/helpers/hooks.ts), which in-process HTTPS needs.

import { ClientSecretCredential } from '@azure/identity';
import type { RetrySettings } from '../../src/azure/clients.js';
import { resolveCloud } from '../../src/azure/clouds.js';
import { PartnerCenterClient } from '../../src/azure/partner-center.js';
import { hasErrors } from '../../src/diagnostics.js';
import { publishToMarketplace, type MarketplaceResult } from '../../src/publish/marketplace/publish.js';
import { publishToServiceCatalog, type PublishResult } from '../../src/publish/service-catalog/publish.js';
import { resolveTarget } from '../../src/publish/service-catalog/settings.js';
import { PublishStepError } from '../../src/publish/steps.js';
import type { RenderedOffer } from '../../src/render/render-offer.js';
import { renderAndValidateOffer } from '../../src/pipeline/offer-pipeline.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { LOCATION } from './helpers.js';

export type Outcome<T> = { ok: true; result: T } | { ok: false; message: string; hint?: string };

/** As the CLI sets it with --retry-delay 50 (and --timeout 1 for the slow rows). */
export function retrySettings(timeoutSeconds = 5): RetrySettings {
  return { maxRetries: 4, retryDelayMs: 50, maxRetryDelayMs: 2000, timeoutMs: timeoutSeconds * 1000 };
}

function assertTrusted(): void {
  if (!process.env.OFFERKIT_TEST_CERT_DIR) throw new Error('In-process publish tests need the run\'s test certificate: run them through mocha with .mocharc.cjs (its parallel workers trust it from their start).');
}

function credential(env: PublishEnv) {
  // The token requests retry as the CLI's do (src/azure/credential.ts hands the run's retry settings to identity).
  const { maxRetries, retryDelayMs, maxRetryDelayMs } = retrySettings();
  return new ClientSecretCredential(env.tenant, env.principal.clientId, env.principal.clientSecret, { authorityHost: env.arm.base, disableInstanceDiscovery: true, retryOptions: { maxRetries, retryDelayInMs: retryDelayMs, maxRetryDelayInMs: maxRetryDelayMs } });
}

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (e) {
    if (e instanceof PublishStepError) return { ok: false, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    throw e;
  }
}

export async function renderedFor(offerDir: string, plans: string[], target: 'marketplace' | 'service-catalog'): Promise<RenderedOffer> {
  const r = await renderAndValidateOffer(offerDir, plans, { validation: { target } });
  if (!r.offer || hasErrors(r.diagnostics)) throw new Error(`the test offer does not validate: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return r;
}

export async function marketplaceInProcess(env: PublishEnv, rendered: RenderedOffer, o: { submit: boolean; timeoutSeconds?: number }): Promise<Outcome<MarketplaceResult>> {
  assertTrusted();
  const cloud = await resolveCloud({ cloudConfigFile: env.cloudConfigFile });
  const retry = retrySettings(o.timeoutSeconds);
  return outcome(() =>
    publishToMarketplace({
      rendered,
      client: () => PartnerCenterClient.create({ endpoint: cloud.partnerCenter.endpoint, scope: cloud.partnerCenter.scope, credential: credential(env), retry }),
      dryRun: false,
      submit: o.submit,
      retry,
      pollIntervalMs: 20,
      waitTimeoutMs: 60000,
    }),
  );
}

export async function serviceCatalogInProcess(env: PublishEnv, rendered: RenderedOffer, o: { resourceGroup: string; timeoutSeconds?: number }): Promise<Outcome<PublishResult>> {
  assertTrusted();
  const cloud = await resolveCloud({ cloudConfigFile: env.cloudConfigFile });
  const target = resolveTarget({ subscription: env.subscription, resourceGroup: o.resourceGroup, location: LOCATION, storageAccount: env.azurite.account.name }, {}, {});
  const cred = credential(env);
  return outcome(() => publishToServiceCatalog({ rendered, target, dryRun: false, cloud, credential: () => Promise.resolve(cred), retry: retrySettings(o.timeoutSeconds) }));
}

/** A Partner Center client in this process, signed in as the environment's service principal. */
export async function partnerCenterClientFor(env: PublishEnv): Promise<PartnerCenterClient> {
  assertTrusted();
  const cloud = await resolveCloud({ cloudConfigFile: env.cloudConfigFile });
  return PartnerCenterClient.create({ endpoint: cloud.partnerCenter.endpoint, scope: cloud.partnerCenter.scope, credential: credential(env), retry: retrySettings() });
}
