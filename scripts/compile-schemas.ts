// Build step: compile offerkit's JSON Schemas into standalone ajv validator modules (build/schemas/*.js),
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
    code: { source: true, esm: true, lines: false },
  });
  ajv.addKeyword({ keyword: 'markdownDescription' });
  const validate = ajv.compile(schema);
  // ajv's ESM output still require()s its small runtime helpers; turn those into imports.
  const imports: string[] = [];
  const code = standaloneCode
    .default(ajv, validate)
    .replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_m, mod: string) => {
      const id = `runtime_${imports.length}`;
      imports.push(`import ${id} from "${mod}.js";`);
      return `${id}.default`;
    });
  if (/\brequire\(/.test(code)) throw new Error(`${file}: standalone code still uses require()`);
  const name = basename(file, '.schema.json');
  writeFileSync(join(outDir, `${name}.validate.js`), `// Generated from schemas/${file} by scripts/compile-schemas.ts. Do not edit.\n${imports.join('\n')}\n${code}\n`);
}
