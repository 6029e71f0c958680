// Validates every real package of the conformance corpus in one process and reports the total and the
// time per package (reading and parsing included), as JSON on stderr. `without-resource-types` as the third
// argument leaves out the rules that read Azure's resource types (the run they are measured against).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validatePackage } from '../src/validate/engine.js';
import { packageFromFolder } from '../src/validate/package-input.js';
import { RULES } from '../src/validate/rules/index.js';
import { preloadValidators } from '../src/util/compiled-schema.js';
import { SCHEMA_NAMES } from '../src/validate/rules/schema-rules.js';

const dir = process.argv[2];
/** The corpus validated this many times over in the same process (1: each package once). */
const rounds = Number(process.argv[3] ?? 1);
const rules = process.argv[4] === 'without-resource-types' ? RULES.filter((r) => !/^resource-(type|property|name)-/.test(r.id)) : RULES;
const t0 = performance.now();
await preloadValidators(SCHEMA_NAMES);
const tLoaded = performance.now();
const per: { name: string; ms: number; findings: number }[] = [];
for (let round = 0; round < rounds; round++) {
  for (const name of readdirSync(join(dir, 'samples')).sort()) {
    const s = performance.now();
    const input = await packageFromFolder(join(dir, 'samples', name));
    const d = validatePackage(input, { rules });
    per.push({ name, ms: performance.now() - s, findings: d.length });
  }
}
const total = performance.now() - t0;
process.stderr.write(`\n${JSON.stringify({ totalMs: total, schemaLoadMs: tLoaded - t0, per, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
