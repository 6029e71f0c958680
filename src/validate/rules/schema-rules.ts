// Shared by the schema rules: run a build-time compiled JSON Schema and report its findings.

import { loadedValidator } from '../../util/compiled-schema.js';
import { explainSchemaErrors } from '../../util/schema-diagnostics.js';
import type { Finding } from '../rule.js';

export const SCHEMA_NAMES = ['createUiDefinition', 'createUiDefinition-controls', 'deploymentTemplate', 'viewDefinition'] as const;

export function schemaFindings(schema: (typeof SCHEMA_NAMES)[number], value: unknown, base = ''): Finding[] {
  const validate = loadedValidator(schema);
  if (validate(value)) return [];
  return explainSchemaErrors(validate.errors ?? [], { codePrefix: schema }).map((f) => ({ message: f.message, pointer: base + f.pointer, key: f.key, ...(f.hint ? { hint: f.hint } : {}) }));
}
