// Loads a validator that scripts/compile-schemas.ts generated at build time from schemas/<name>.schema.json.

import { requireCached } from './code-cache.cjs';
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
    v = new Promise<CompiledValidator>((resolve) => {
      const m = requireCached(packagePath('build', 'schemas', `${name}.validate.cjs`)) as CompiledValidator & { default?: CompiledValidator };
      const validator = m.default ?? m;
      ready.set(name, validator);
      resolve(validator);
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
