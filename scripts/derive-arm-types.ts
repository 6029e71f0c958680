// npm run derive:arm-types [-- <folder>]: writes schemas/arm-types/ (index.json and one <namespace>.jsonl.gz per
// provider) from Microsoft's generated resource types (bicep-types-az `generated/<provider>/<namespace>/
// <api-version>/types.json`; default ../shared/reference/arm-resource-types, or the folder given, or
// OFFERKIT_ARM_TYPES_SOURCE). The folder's SOURCES.md names the commit and date, recorded in index.json.
// Run it when a newer bicep-types-az is at hand; a test checks the committed files agree with it.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CATALOGUE_FORMAT, namespaceFileText, type CatalogueIndex } from '../src/arm/type-catalogue.js';
import { deriveNamespace } from './arm-types-derivation.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const DEFAULT_ARM_TYPES_SOURCE = join(root, '..', 'shared', 'reference', 'arm-resource-types');

/** What SOURCES.md says of the source: repository, commit and date. */
export function sourceOf(sourcesMd: string): CatalogueIndex['source'] {
  const m = /([\w.-]+\/[\w.-]+) at commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)/.exec(sourcesMd);
  if (!m) throw new Error('SOURCES.md does not say "<owner>/<repo> at commit <sha> (<date>)"');
  return { repository: m[1], commit: m[2], date: m[3], folder: 'generated/', licence: 'MIT, Copyright (c) Microsoft Corporation' };
}

/** The types.json files of each namespace (lower-case), sorted so the same folder derives the same bytes. */
export function namespaceFiles(source: string): Map<string, string[]> {
  const generated = join(source, 'generated');
  const byNamespace = new Map<string, string[]>();
  for (const provider of readdirSync(generated).sort()) {
    // generated/extensions/ lists the namespaces for Bicep's extension loader; it is not a provider.
    if (provider === 'extensions') continue;
    for (const ns of readdirSync(join(generated, provider)).sort()) {
      for (const version of readdirSync(join(generated, provider, ns)).sort()) {
        const list = byNamespace.get(ns.toLowerCase()) ?? [];
        list.push(join(generated, provider, ns, version, 'types.json'));
        byNamespace.set(ns.toLowerCase(), list);
      }
    }
  }
  return byNamespace;
}

/** A namespace's file name in schemas/arm-types/. */
export const namespaceFileName = (ns: string) => `${ns.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}.jsonl.gz`;

/** The gzip bytes of one namespace's catalogue. */
export function namespaceBytes(ns: string, files: string[]): { bytes: Buffer; name: string; types: number; versions: number } {
  const derived = deriveNamespace(ns, files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown[]));
  return { bytes: gzipSync(namespaceFileText(derived), { level: 9 }), name: derived.namespace, types: Object.keys(derived.resources).length, versions: Object.values(derived.resources).reduce((n, r) => n + Object.keys(r.versions).length, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? process.env.OFFERKIT_ARM_TYPES_SOURCE ?? DEFAULT_ARM_TYPES_SOURCE;
  const out = join(root, 'schemas', 'arm-types');
  mkdirSync(out, { recursive: true });
  const index: CatalogueIndex = { format: CATALOGUE_FORMAT, source: sourceOf(readFileSync(join(source, 'SOURCES.md'), 'utf8')), namespaces: {} };
  const written = new Set<string>();
  let bytes = 0;
  for (const [ns, files] of [...namespaceFiles(source)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const d = namespaceBytes(ns, files);
    const file = namespaceFileName(ns);
    writeFileSync(join(out, file), d.bytes);
    written.add(file);
    bytes += d.bytes.length;
    index.namespaces[ns] = { name: d.name, file, types: d.types, versions: d.versions };
  }
  // Namespaces a newer source no longer has.
  for (const f of readdirSync(out)) if ((f.endsWith('.json.gz') || f.endsWith('.jsonl.gz')) && !written.has(f)) rmSync(join(out, f));
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  const count = Object.values(index.namespaces);
  console.log(`schemas/arm-types/ written from ${source} (${index.source.repository}@${index.source.commit.slice(0, 12)}, ${index.source.date}): ${count.length} namespaces, ${count.reduce((n, x) => n + x.types, 0)} resource types, ${count.reduce((n, x) => n + x.versions, 0)} type@api-version pairs, ${(bytes / 1e6).toFixed(2)} MB`);
}
