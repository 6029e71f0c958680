// The official Microsoft.Solutions 2021-07-01 schema (from ../shared/conformance, test time only), compiled
// once: the ARM emulator checks every applicationDefinitions request body against it, as ARM does.

import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConformanceDir } from '../../scripts/conformance-runner.js';
import { ROOT } from '../helpers/cli.js';

export type BodyValidator = (resource: unknown) => string[];

/** Draft-04 (`id`, `$schema`) to what ajv 8 reads; the documents are otherwise unchanged. */
function draft4(doc: Record<string, unknown>): Record<string, unknown> {
  const { id, $schema: _drop, ...rest } = doc;
  return { $id: id, ...rest };
}

let compiled: BodyValidator | null | undefined;

/** The validator, or null when the conformance corpus is not beside the project. */
export function solutionsValidator(): BodyValidator | null {
  if (compiled !== undefined) return compiled;
  const dir = findConformanceDir(ROOT);
  const solutionsFile = dir && join(dir, 'schemas', '2021-07-01', 'Microsoft.Solutions.json');
  if (!dir || !solutionsFile || !existsSync(solutionsFile)) return (compiled = null);
  const ajv = new Ajv.default({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(draft4(JSON.parse(readFileSync(join(dir, 'schemas', 'common', 'definitions.json'), 'utf8')) as Record<string, unknown>));
  const solutions = draft4(JSON.parse(readFileSync(solutionsFile, 'utf8')) as Record<string, unknown>);
  ajv.addSchema(solutions);
  const validate = ajv.getSchema(`${String(solutions.$id).replace(/#$/, '')}#/resourceDefinitions/applicationDefinitions`);
  if (!validate) throw new Error('Microsoft.Solutions schema has no applicationDefinitions resource definition');
  compiled = (resource) => (validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`));
  return compiled;
}
