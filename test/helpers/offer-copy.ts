// A private copy of the example offer under another id, and one-edit-at-a-time changes to its offer.yaml.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExampleOffer, tempDir } from './cli.js';

export async function offerCopy(id: string): Promise<string> {
  const dir = await copyExampleOffer(join(await tempDir(), id));
  await editOfferYaml(dir, 'id: contoso-mail-insights', `id: ${id}`);
  return dir;
}

/** Replaces the first `from` in the offer's offer.yaml (which must contain it). */
export async function editOfferYaml(dir: string, from: string, to: string): Promise<void> {
  const file = join(dir, 'offer.yaml');
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes(from), `offer.yaml contains ${from}`);
  await writeFile(file, text.replace(from, to));
}
