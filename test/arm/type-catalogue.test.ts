// The catalogue of Azure's resource types: what the derivation keeps and shares, that the committed files are
// what it derives from Microsoft's generated types (when ../shared/reference is at hand), and that a namespace
// is read only when a template names it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { deriveNamespace } from '../../scripts/arm-types-derivation.js';
import { DEFAULT_ARM_TYPES_SOURCE, namespaceFileName, namespaceFiles, sourceOf } from '../../scripts/derive-arm-types.js';
import { armTypeCatalogue, parseNamespaceFile, TypeCatalogue, type CatalogueType } from '../../src/arm/type-catalogue.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'schemas', 'arm-types');
const ref = (i: number) => ({ $ref: `#/${i}` });

describe('the catalogue of Azure resource types (schemas/arm-types)', () => {
  describe('derivation', () => {
    const v1 = [
      { $type: 'StringType', minLength: 3, maxLength: 24, pattern: '^[a-z0-9]+$' },
      { $type: 'StringLiteralType', value: 'Contoso.Widgets/things' },
      { $type: 'ObjectType', name: 'Thing', properties: { name: { type: ref(0), flags: 9 }, type: { type: ref(1), flags: 10 }, properties: { type: ref(3), flags: 0 } } },
      // A recursive type: a folder holds folders.
      { $type: 'ObjectType', name: 'Folder', properties: { label: { type: ref(4), flags: 1 }, children: { type: ref(5), flags: 0 } } },
      { $type: 'StringType' },
      { $type: 'ArrayType', itemType: ref(3) },
      { $type: 'ResourceType', name: 'Contoso.Widgets/things@2024-01-01', body: ref(2), readableScopes: 8, writableScopes: 8 },
      { $type: 'ResourceFunctionType', name: 'listKeys', resourceType: 'Contoso.Widgets/things', apiVersion: '2024-01-01', output: ref(4) },
    ];
    // The next version: the same structure in another order, and an enum.
    const v2 = [
      { $type: 'StringType' },
      { $type: 'ObjectType', name: 'Folder2', properties: { label: { type: ref(0), flags: 1 }, children: { type: ref(2), flags: 0 } } },
      { $type: 'ArrayType', itemType: ref(1) },
      { $type: 'StringType', minLength: 3, maxLength: 24, pattern: '^[a-z0-9]+$' },
      { $type: 'StringLiteralType', value: 'Contoso.Widgets/things' },
      { $type: 'ObjectType', name: 'Thing', properties: { name: { type: ref(3), flags: 9 }, type: { type: ref(4), flags: 10 }, properties: { type: ref(1), flags: 0 }, tier: { type: ref(8), flags: 0 } } },
      { $type: 'StringLiteralType', value: 'Basic' },
      { $type: 'StringLiteralType', value: 'Premium' },
      { $type: 'UnionType', elements: [ref(6), ref(7)] },
      { $type: 'ResourceType', name: 'Contoso.Widgets/things@2025-01-01', body: ref(5), readableScopes: 8, writableScopes: 8 },
      { $type: 'ResourceType', name: 'Contoso.Widgets/things@2024-01-01', body: ref(0), readableScopes: 8, writableScopes: 0 },
    ];
    const derived = deriveNamespace('contoso.widgets', [v1, v2]);
    const entry = derived.resources['contoso.widgets/things'];
    const at = (i: number) => derived.types[i];
    const props = (i: number) => (at(i) as Extract<CatalogueType, ['o', ...unknown[]]>)[1];

    it('keeps every type@api-version with its scopes, the first definition of a pair winning', () => {
      assert.equal(derived.namespace, 'Contoso.Widgets');
      assert.equal(entry.name, 'Contoso.Widgets/things');
      assert.deepEqual(Object.keys(entry.versions), ['2024-01-01', '2025-01-01']);
      assert.equal(entry.versions['2024-01-01'][2], 8, 'the first file defined 2024-01-01 (writable)');
    });

    it('shares a structure across versions, recursion included, and leaves out list* functions', () => {
      const folder1 = props(entry.versions['2024-01-01'][0]).properties[0];
      const folder2 = props(entry.versions['2025-01-01'][0]).properties[0];
      assert.equal(folder1, folder2, 'the recursive Folder type is one type');
      const children = at(props(folder1).children[0]) as ['r', number];
      assert.deepEqual(children, ['r', folder1], 'a folder holds folders: the cycle is kept');
      assert.ok(!JSON.stringify(derived).includes('listKeys'));
      assert.ok(!JSON.stringify(derived).includes('Folder2'), 'names and documentation are left out');
    });

    it('keeps lengths, patterns, flags and enums', () => {
      const body = props(entry.versions['2025-01-01'][0]);
      assert.deepEqual(at(body.name[0]), ['s', 3, 24, '^[a-z0-9]+$']);
      assert.equal(body.name[1], 9);
      assert.deepEqual(at(body.tier[0]), ['e', ['Basic', 'Premium'], 0]);
    });

    it('refuses a reference outside its file', () => {
      assert.throws(() => deriveNamespace('x', [[{ $type: 'ArrayType', itemType: ref(9) }]]), /outside its file/);
    });
  });

  describe('the committed catalogue', () => {
    const catalogue = armTypeCatalogue();
    const index = catalogue.describe()!;

    it('records its source: Azure/bicep-types-az, the commit and date', () => {
      assert.equal(index.source.repository, 'Azure/bicep-types-az');
      assert.match(index.source.commit, /^[0-9a-f]{40}$/);
      assert.match(index.source.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(Object.keys(index.namespaces).length > 250, 'every provider namespace');
    });

    it("holds Microsoft's facts: a storage account's name, a deployment script's kinds, Data Factory's Office 365 linked service", () => {
      const storage = catalogue.provider('Microsoft.Storage')!;
      const account = storage.resources.get('microsoft.storage/storageaccounts')!.versions.get('2023-05-01')!;
      const body = storage.type(account.body) as Extract<CatalogueType, ['o', ...unknown[]]>;
      assert.deepEqual(storage.type(body[1].name[0]), ['s', 3, 24, '^[a-z0-9]+$']);
      assert.equal(body[1].kind[1] & 1, 1, 'kind is required');
      const resources = catalogue.provider('microsoft.resources')!;
      const script = resources.type(resources.resources.get('microsoft.resources/deploymentscripts')!.versions.get('2023-08-01')!.body) as Extract<CatalogueType, ['d', ...unknown[]]>;
      assert.equal(script[1], 'kind');
      assert.deepEqual(Object.keys(script[3]).sort(), ['AzureCLI', 'AzurePowerShell']);
      const adf = catalogue.provider('Microsoft.DataFactory')!;
      const ls = adf.type(adf.resources.get('microsoft.datafactory/factories/linkedservices')!.versions.get('2018-06-01')!.body) as Extract<CatalogueType, ['o', ...unknown[]]>;
      const kinds = adf.type(ls[1].properties[0]) as Extract<CatalogueType, ['d', ...unknown[]]>;
      assert.ok('Office365' in kinds[3] && 'AzureBlobFS' in kinds[3]);
    });

    it('reads a namespace only when asked for it', () => {
      const fresh = new TypeCatalogue(DIR);
      assert.deepEqual(fresh.loadedNamespaces(), []);
      assert.ok(fresh.provider('Microsoft.ManagedIdentity'));
      assert.equal(fresh.provider('Contoso.Nothing'), undefined);
      assert.deepEqual(fresh.loadedNamespaces(), ['microsoft.managedidentity']);
    });

    const source = process.env.OFFERKIT_ARM_TYPES_SOURCE ?? DEFAULT_ARM_TYPES_SOURCE;
    it('is what scripts/derive-arm-types.ts derives from the reference (npm run derive:arm-types)', function () {
      if (!existsSync(join(source, 'SOURCES.md'))) {
        console.log('      (skipped: the reference folder ../shared/reference/arm-resource-types is not present)');
        this.skip();
      }
      assert.deepEqual(index.source, sourceOf(readFileSync(join(source, 'SOURCES.md'), 'utf8')));
      const files = namespaceFiles(source);
      assert.deepEqual(Object.keys(index.namespaces).sort(), [...files.keys()].sort());
      // Three namespaces re-derived in full (deriving all takes a minute): small, discriminated, Data Factory's.
      for (const ns of ['microsoft.managedidentity', 'microsoft.resources', 'microsoft.datafactory']) {
        const derived = deriveNamespace(ns, files.get(ns)!.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown[]));
        const committed = parseNamespaceFile(gunzipSync(readFileSync(join(DIR, namespaceFileName(ns)))).toString('utf8'));
        assert.deepEqual(committed, derived, `${ns} is as derived`);
      }
    });
  });
});
