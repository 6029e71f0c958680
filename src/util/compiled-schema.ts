// Loads a validator that scripts/compile-schemas.ts generated at build time from schemas/<name>.schema.json.

import { pathToFileURL } from 'node:url';
import { packagePath } from '../paths.js';

export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const cache = new Map<string, Promise<CompiledValidator>>();
const ready = new Map<string, CompiledValidator>();

export function loadValidator(name: string): Promise<CompiledValidator> {
  let v = cache.get(name);
  if (!v) {
    const url = pathToFileURL(packagePath('build', 'schemas', `${name}.validate.js`)).href;
    v = import(url).then((m: { default: CompiledValidator }) => {
      ready.set(name, m.default);
      return m.default;
    });
    cache.set(name, v);
  }
  return v;
}

/** Loads validators so synchronous code (validation rules) can use them. */
export async function preloadValidators(names: readonly string[]): Promise<void> {
  await Promise.all(names.map(loadValidator));
}

/** A validator loaded earlier with preloadValidators. */
export function loadedValidator(name: string): CompiledValidator {
  const v = ready.get(name);
  if (!v) throw new Error(`schema validator ${name} was not loaded (call preloadValidators first)`);
  return v;
}
