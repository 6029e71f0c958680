// Build step: compile offerkit's JSON Schemas into standalone ajv validator modules (build/schemas/*.cjs),
// so no command pays for schema compilation at run time (the ajv model: compile once, reuse).

import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outDir = join(root, 'build', 'schemas');
mkdirSync(outDir, { recursive: true });

const schemaDir = join(root, 'schemas');
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object;
  const ajv = new Ajv.default({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    code: { source: true, esm: false, lines: false },
  });
  ajv.addKeyword({ keyword: 'markdownDescription' });
  const validate = ajv.compile(schema);
  // CommonJS: loaded with require(), which works the same from the ES modules and from the bundled handlers
  // (node:vm refuses import() on Node 20). ajv's small runtime helpers are required from the ajv package.
  const code = standaloneCode.default(ajv, validate);
  const name = basename(file, '.schema.json');
  writeFileSync(join(outDir, `${name}.validate.cjs`), `// Generated from schemas/${file} by scripts/compile-schemas.ts. Do not edit.\n${code}\n`);
}
