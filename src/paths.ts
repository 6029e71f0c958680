// Where offerkit's own files live (templates, policies, schemas, the dataset catalog), wherever it runs from.

import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// This file compiles to build/src/paths.js; the package root is two levels up.
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
