// The Partner Center emulator answers as Microsoft's published contract says, not as offerkit happens to ask:
// a feature availability's markets, prices and trial travel only when $expand names them (the swagger's
// sentence), and submissions show the states Microsoft's clients have seen the service show.

import assert from 'node:assert/strict';
import type { PartnerCenterClient, PcResource } from '../../src/azure/partner-center.js';
import { startMarketplaceEnv } from '../publish/marketplace-helpers.js';
import { partnerCenterClientFor } from '../publish/in-process.js';
import type { PublishEnv } from './publish-env.js';

describe('Partner Center emulator: the contract as published', function () {
  this.timeout(60000);
  let env: PublishEnv;
  let client: PartnerCenterClient;

  before(async () => {
    env = await startMarketplaceEnv();
    env.partnerCenter!.branchDelayMs = 0;
    client = await partnerCenterClientFor(env);
  });
  after(() => env?.stop());

  /** A product with one plan; the plan's feature availability instance and its id. */
  async function planAvailability(offerId: string): Promise<{ product: string; instance: string; id: string }> {
    const product = await client.create<PcResource>('products', { resourceType: 'AzureApplication', name: offerId, externalIDs: [{ type: 'AzureOfferID', value: offerId }], isModularPublishing: true });
    const variant = await client.create<PcResource>(`products/${product.id}/variants`, { resourceType: 'AzureSkuVariant', friendlyName: 'Starter', externalID: 'starter', subType: 'managed-application' });
    const branches = await client.list<{ variantID?: string; currentDraftInstanceID: string }>(`products/${product.id}/branches/getByModule(module=Availability)`);
    const instance = branches.find((b) => b.variantID === variant.id)!.currentDraftInstanceID;
    const [fa] = await client.list(`products/${product.id}/featureAvailabilities/getByInstanceID(instanceID=${instance})?$expand=MarketStates,PriceSchedules,Trial`);
    return { product: product.id!, instance, id: fa.id! };
  }

  const usEnabled = (fa: PcResource) => (fa.marketStates as { marketCode: string; state: string }[]).find((m) => m.marketCode === 'US')!.state;
  const price = { isBaseSchedule: false, marketCodes: ['US'], friendlyName: 'free_priceOverrideSchedule_US', schedules: [{ retailPrice: { openPrice: 0, currencyCode: 'USD' }, priceCadence: { type: 'Month', value: 1 }, pricingModel: 'Recurring' }] };

  const reads: [string, string, string[]][] = [
    ['no $expand', '', []],
    ['$expand=MarketStates', '?$expand=MarketStates', ['marketStates']],
    ['all three, as the parameter names them', '?$expand=MarketStates,PriceSchedules,Trial', ['marketStates', 'priceSchedules']],
    ['the sample request\'s "PriceSchedule" (not the parameter\'s name)', '?$expand=MarketStates,PriceSchedule,Trial', ['marketStates']],
  ];
  for (const [name, query, shown] of reads) {
    it(`a read with ${name} returns ${shown.join(' and ') || 'neither markets nor prices'}`, async () => {
      const fa = await planAvailability(`pce-read-${reads.findIndex((r) => r[0] === name)}`);
      const [byInstance] = await client.list(`products/${fa.product}/featureAvailabilities/getByInstanceID(instanceID=${fa.instance})${query}`);
      const byId = await client.get(`products/${fa.product}/featureavailabilities/${fa.id}${query}`);
      for (const r of [byInstance, byId]) assert.deepEqual(['marketStates', 'priceSchedules'].filter((k) => k in r), shown);
    });
  }

  it('a write without $expand keeps neither markets nor prices; with it, both are kept and returned', async () => {
    const fa = await planAvailability('pce-write');
    const path = `products/${fa.product}/featureavailabilities/${fa.id}`;
    const expand = '?$expand=MarketStates,PriceSchedules,Trial';
    const [current] = await client.list(`products/${fa.product}/featureAvailabilities/getByInstanceID(instanceID=${fa.instance})${expand}`);
    const body = { ...current, isHidden: true, marketStates: [{ marketCode: 'US', state: 'Enabled' }], priceSchedules: [price] };
    const plain = await client.put(path, body);
    assert.equal(plain.isHidden, true, 'the rest of the resource is written');
    assert.ok(!('marketStates' in plain) && !('priceSchedules' in plain), 'not returned');
    const after = await client.get(`${path}${expand}`);
    assert.equal(usEnabled(after), 'Disabled', 'the markets were not kept');
    assert.deepEqual(after.priceSchedules, [], 'the prices were not kept');
    const expanded = await client.put(`${path}${expand}`, { ...after, marketStates: [{ marketCode: 'US', state: 'Enabled' }], priceSchedules: [price] });
    assert.equal(usEnabled(expanded), 'Enabled', 'kept and returned');
    assert.deepEqual((expanded.priceSchedules as unknown[]).length, 1);
    assert.equal(usEnabled(await client.get(`${path}${expand}`)), 'Enabled');
  });
});
