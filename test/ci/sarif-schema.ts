// The OASIS SARIF 2.1.0 JSON schema (from the schemastore devDependency, the catalogue editors and code
// scanning use), compiled with ajv and the three formats it names.

import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Validate = ((v: unknown) => boolean) & { errors?: unknown };
let validate: Validate | undefined;

export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('schemastore/schemas/json/sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
    const isUri = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s);
    ajv.addFormat('uri', isUri);
    ajv.addFormat('uri-reference', (s: string) => isUri(s) || URL.canParse(s, 'file:///base/'));
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
    validate = ajv.compile(schema) as Validate;
  }
  const check: Validate = validate;
  if (check(log)) return [];
  return ((check.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
