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

export function loadValidator(name: string): Promise<CompiledValidator> {
  let v = cache.get(name);
  if (!v) {
    const url = pathToFileURL(packagePath('build', 'schemas', `${name}.validate.js`)).href;
    v = import(url).then((m: { default: CompiledValidator }) => m.default);
    cache.set(name, v);
  }
  return v;
}
