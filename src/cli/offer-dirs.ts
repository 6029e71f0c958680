// The offer folders under offers/ (what `build` and `validate` use when given no path).

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from '../diagnostics.js';

export async function findOfferDirs(root = 'offers'): Promise<string[]> {
  if (!existsSync(root)) throw usageError(`No offer folders given and no ${root}/ folder here.`, 'Run `offerkit build <offer-dir>`, or create one with `offerkit init offers/<id>`.');
  const entries = await readdir(root, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'offer.yaml'))).map((e) => join(root, e.name)).sort();
}
