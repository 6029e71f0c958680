// A small, valid MGDC offer as YAML text; tests derive bad inputs from it by replacing one piece, so
// every case differs from a known-good offer in exactly one way.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './cli.js';

export const BASE_OFFER = `id: fixture-offer
publisher:
  name: Fixture Publisher
displayName: Fixture Offer
summary: A small offer used by offerkit's tests.
description: { file: description.md }
terms: { file: terms.md }
privacyUrl: https://example.com/privacy
support:
  name: Support
  email: support@example.com
template:
  set: mgdc-adf
requiredData:
  - dataset: BasicDataSet_v0.Message_v1
    columns: [id, sender, receivedDateTime]
    dateFilter:
      column: receivedDateTime
      rollingDays: 7
    purpose: To count messages per sender.
schedule:
  frequency: Day
  interval: 1
sink:
  kind: adlsGen2
  format: parquet
policies:
  - secure-transfer
plans:
  - id: basic
    displayName: Basic
    description: The basic plan.
    version: 1.0.0
    price: { model: flat, amount: 10, currency: USD, billingTerm: month }
  - id: plus
    displayName: Plus
    description: The plus plan.
    version: 2.1.0
    price: { model: perUser, amount: 1.5, currency: EUR, billingTerm: month }
`;

/** An offer without Microsoft 365 data, for the minimal template set (or a set at `template`, e.g. `{ path: tpl }`). */
export function minimalOffer(id = 'minimal-offer', template = '{ set: minimal }'): string {
  return [
    `id: ${id}`,
    'publisher: { name: Fixture Publisher }',
    'displayName: Minimal Offer',
    'summary: An offer that deploys one storage account.',
    'description: { file: description.md }',
    'terms: { file: terms.md }',
    'privacyUrl: https://example.com/privacy',
    'support: { name: Support, email: support@example.com }',
    `template: ${template}`,
    'plans:',
    '  - id: basic',
    '    displayName: Basic',
    '    description: The basic plan.',
    '    version: 1.0.0',
    '    price: { model: flat, amount: 10, currency: USD, billingTerm: month }',
    '',
  ].join('\n');
}

export async function writeOffer(yamlText: string, files: Record<string, string> = {}, dir?: string): Promise<string> {
  const root = dir ?? join(await tempDir(), 'fixture-offer');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'offer.yaml'), yamlText);
  const all = { 'description.md': '# Fixture\n\nDescription.\n', 'terms.md': '# Terms\n\nTerms.\n', ...files };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

/** Replace exactly one occurrence (fails loudly when the base text changed). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.includes(from, i + 1)) throw new Error(`fixture: "${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`fixture: "${needle}" not found`);
}
