// The Partner Center contract: offerkit's schema is Microsoft's swagger with the documented departures; a body
// that breaks it is never sent; the service's own error shape is read with its ids; and offerkit's requests
// match the recorded exchanges of Microsoft's client field for field where both do the same thing.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ContractViolation, checkRequestBody } from '../../src/azure/partner-center-contract.js';
import { PARTNER_CENTER_DEPARTURES, PARTNER_CENTER_INFERENCES } from '../../src/azure/partner-center-departures.js';
import { parseFailure } from '../../src/azure/partner-center.js';
import { derivePartnerCenterSchema, REQUEST_MODELS } from '../../scripts/partner-center-contract.js';
import { copyExampleOffer, tempDir } from '../helpers/cli.js';
import { SWAGGER_PATH } from '../emulator/partner-center-contract.js';
import type { PublishEnv } from '../emulator/publish-env.js';
import { startMarketplaceEnv } from './marketplace-helpers.js';
import { packagePath } from '../../src/paths.js';
import { marketplaceInProcess, partnerCenterClientFor, renderedFor } from './in-process.js';

const RECORDINGS = join(SWAGGER_PATH, '..', '..', 'recordings');
const haveShared = existsSync(SWAGGER_PATH);

describe('Partner Center contract', function () {
  this.timeout(120000);

  it('the committed schema is the swagger with the documented departures, nothing else', function () {
    if (!haveShared) {
      console.log(`      (skipped: ${SWAGGER_PATH} is not here; the committed schema stands)`);
      return this.skip();
    }
    const derived = derivePartnerCenterSchema(JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as Parameters<typeof derivePartnerCenterSchema>[0]);
    const committed = JSON.parse(readFileSync(packagePath('schemas', 'partner-center.schema.json'), 'utf8')) as unknown;
    assert.deepEqual(committed, derived, 'run `npm run derive:partner-center` after changing the departures');
  });

  it('every departure is a property the swagger does not describe that way, with its evidence', function () {
    if (!haveShared) return this.skip();
    const swagger = JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as Parameters<typeof derivePartnerCenterSchema>[0];
    const plain = derivePartnerCenterSchema(swagger, []) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    for (const d of PARTNER_CENTER_DEPARTURES) {
      assert.ok(REQUEST_MODELS[d.resourceType], `${d.resourceType} is a request offerkit sends`);
      assert.ok(d.evidence.length > 40, `${d.resourceType}.${d.property} says why`);
      const inSwagger = plain.definitions[d.resourceType].properties[d.property];
      assert.notDeepEqual(inSwagger, d.schema, `${d.resourceType}.${d.property} departs from the swagger`);
    }
  });

  it('the README lists every departure', async () => {
    const readme = await readFile(packagePath('README.md'), 'utf8');
    for (const d of PARTNER_CENTER_DEPARTURES) assert.ok(readme.includes(`| \`${d.resourceType}\` | \`${d.property}\` |`), `README names ${d.resourceType}.${d.property}`);
  });

  it('the README says, for each thing still inferred, what offerkit assumes and what happens if that is wrong', async () => {
    const readme = await readFile(packagePath('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**Still inferred.**'));
    assert.ok(PARTNER_CENTER_INFERENCES.length > 0);
    for (const i of PARTNER_CENTER_INFERENCES) {
      const esc = (t: string) => t.replace(/\|/g, '\\|');
      assert.ok(section.includes(`| ${esc(i.behaviour)} | ${esc(i.assumed)} | ${esc(i.ifWrong)} |`), `README's "Still inferred" table has the row for ${i.behaviour}, as partner-center-departures.ts words it`);
    }
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a listing contact of type Support', { resourceType: 'AzureListing', listingContacts: [{ type: 'Support', email: 'a@b.c' }] }, /\/listingContacts\/0\/type: "Support" is not one of "CustomerSupport", "Engineering", "ChannelManager"/],
    ['a lead contact email as a list', { resourceType: 'BaseLeadConfiguration', contactEmail: ['a@b.c'] }, /\/contactEmail: must be string, not array/],
    ['a category outside leveledCategories', { resourceType: 'AzureProperty', leveledCategories: { compliance: ['other'] } }, /unknown property "compliance"/],
    ['a pricing unit the swagger does not list', { resourceType: 'FeatureAvailability', priceSchedules: [{ schedules: [{ pricingUnits: [{ name: 'Base' }] }] }] }, /pricingUnits\/0\/name: "Base" is not one of "sharedcore", "transactions"/],
    ['the old preview audience field with a wrong member', { resourceType: 'ProductAvailability', subscriptionAudiences: [{ id: 'x' }] }, /unknown property "id"/],
    ['a resource type offerkit never sends', { resourceType: 'AzureContainer' }, /resourceType/],
  ];
  for (const [name, body, says] of bad) {
    it(`refuses to send ${name}`, async () => {
      await assert.rejects(checkRequestBody('PUT', 'products/p/x', body), (e: unknown) => e instanceof ContractViolation && says.test(e.message) && e.message.includes('This is a bug in offerkit'));
    });
  }

  it('accepts what Microsoft\'s clients send, departures included, and leaves the service\'s own properties alone', async () => {
    await checkRequestBody('POST', 'products/p/variants', { resourceType: 'AzureSkuVariant', friendlyName: 'Starter', externalID: 'starter', subType: 'managed-application' });
    await checkRequestBody('POST', 'products/p/variants', { resourceType: 'AzureSkuVariant', friendlyName: 'Starter', externalID: 'starter', SubType: 'managed-application' });
    await checkRequestBody('PUT', 'products/p/productavailabilities/a', { resourceType: 'ProductAvailability', visibility: 'Public', audiences: [{ type: 'PreviewMarketplaceGroup', values: ['2f6e4c1a-8b3d-4e5f-9a7b-6c5d4e3f2a1b'] }] });
    await checkRequestBody('PUT', 'products/p/packageconfigurations/c', { resourceType: 'AzureManagedApplicationPackageConfiguration', version: '1.0.0', allowedCustomerActions: [], allowedDataActions: ['Microsoft.Storage/x/read'], deploymentMode: 'Incremental' });
    await assert.rejects(checkRequestBody('PUT', 'products/p/listings/l', { resourceType: 'AzureListing', somethingNew: 1 }), ContractViolation);
    await checkRequestBody('PUT', 'products/p/listings/l', { resourceType: 'AzureListing', somethingNew: 1 }, new Set(['somethingNew']));
  });

  it('reads the error shape the live service answers with, with its correlation id and fields', () => {
    const recorded = 'ICH50400 - Unable to complete request. {"faultCode":50400,"reasonPhrase":"Request validation failed.","correlationId":"808f5191-e926-4ba0-b167-d1c0f04ebca8","operationId":"1cdfd6fbf1a6b992666e80aa9e781e13","data":{"FeatureName":["The field FeatureName is invalid."]}}';
    const f = parseFailure(recorded, 400);
    assert.equal(f.code, 'ICH50400');
    assert.equal(f.correlationId, '808f5191-e926-4ba0-b167-d1c0f04ebca8');
    assert.match(f.message, /Unable to complete request\. Request validation failed\. FeatureName: The field FeatureName is invalid\./);
    const odata = parseFailure({ error: { code: 'Conflict', message: 'exists', details: [{ target: 'externalID', message: 'taken' }] } }, 409);
    assert.deepEqual([odata.code, odata.message], ['Conflict', 'exists externalID: taken']);
  });

  describe('against the strict emulator', () => {
    let env: PublishEnv;
    before(async () => {
      env = await startMarketplaceEnv();
    });
    after(() => env?.stop());

    it('a body that breaks the contract is an internal error and never reaches the service', async () => {
      const client = await partnerCenterClientFor(env);
      const before = env.partnerCenter!.requests.length;
      await assert.rejects(client.create('products', { resourceType: 'AzureApplication', name: 'x', externalIds: [{ type: 'AzureOfferID', value: 'x' }], isModularPublishing: 'yes' }), (e: unknown) => e instanceof ContractViolation && e.internal && e.message.includes('isModularPublishing: must be boolean,null'));
      assert.equal(env.partnerCenter!.requests.length, before, 'nothing was sent');
    });

    it('offerkit\'s requests match the recorded exchanges field for field where they do the same thing', async function () {
      if (!existsSync(RECORDINGS)) return this.skip();
      const offer = await copyExampleOffer(join(await tempDir(), 'contract-replay'));
      const r = await marketplaceInProcess(env, await renderedFor(offer, [], 'marketplace'), { submit: true });
      assert.ok(r.ok, r.ok ? '' : r.message);
      const shape = (path: string) => path.replace(/^\/v1\.0\/ingestion\//, '').replace(/\?.*$/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}');
      const ours = new Map<string, Record<string, unknown>[]>();
      for (const q of env.partnerCenter!.requests) {
        if (!q.body || typeof q.body !== 'object' || q.status >= 400) continue;
        const key = `${q.method} ${shape(q.path)}`;
        ours.set(key, [...(ours.get(key) ?? []), q.body as Record<string, unknown>]);
      }
      let compared = 0;
      for (const file of (await readdir(RECORDINGS)).filter((f) => f.endsWith('.yaml'))) {
        const rec = parseYaml(await readFile(join(RECORDINGS, file), 'utf8')) as { interactions: { request: { method: string; uri: string; body: string | null } }[] };
        for (const { request } of rec.interactions) {
          if (!request.body || typeof request.body !== 'string') continue;
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(request.body) as Record<string, unknown>;
          } catch {
            continue;
          }
          // An Azure Application's requests only (the recordings also hold container and VM offers).
          if (body.resourceType === 'AzureContainer' || body.resourceType === 'AzureProductSetup') continue;
          const key = `${request.method} ${shape(new URL(request.uri).pathname)}`;
          // Where one route serves two things (the offer's listing and a plan's), the request doing the same thing.
          const shared = (b: Record<string, unknown>) => Object.keys(body).filter((k) => k in b && b.resourceType === body.resourceType).length;
          const mine = (ours.get(key) ?? []).sort((a, b) => shared(b) - shared(a))[0];
          if (!mine) continue;
          compared++;
          // The service binds property names without regard to case (the recorded plan creation sends SubType and
          // is answered with subType), so names are matched that way; values exactly.
          const byName = new Map(Object.entries(mine).map(([k, v]) => [k.toLowerCase(), v]));
          for (const [k, v] of Object.entries(body)) {
            if (k === 'ID' || k === 'id') continue; // ids: the service's, sent back as it returned them
            const m = byName.get(k.toLowerCase());
            assert.ok(byName.has(k.toLowerCase()), `${key}: offerkit sends ${k} as Microsoft's recorded request does (${file})`);
            assert.equal(Array.isArray(m) ? 'array' : typeof m, Array.isArray(v) ? 'array' : typeof v, `${key}: ${k} has the recorded type`);
            if (['resourcetype', 'type', 'state', 'subtype'].includes(k.toLowerCase())) assert.equal(m, v, `${key}: ${k} is "${String(v)}" as recorded`);
          }
        }
      }
      assert.ok(compared >= 4, `the variant, listing and image requests were compared (${compared})`);
    });
  });
});
