// Where offerkit's own files live (templates, policies, schemas, the dataset catalog), wherever it runs from:
// the nearest folder above this module holding offerkit's package.json. Found by walking up rather than by a
// fixed depth, so the same code works from build/src/ and from the bundled command entries.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'offerkit') return dir;
      } catch {
        // Not ours; keep walking.
      }
    }
    if (dirname(dir) === dir) throw new Error(`offerkit's package.json was not found above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
