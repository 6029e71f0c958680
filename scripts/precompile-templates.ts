// Build step: every template of offerkit's own sets (templates/**/*.hbs), compiled once to handlebars' template
// spec and guarded once, into build/templates/precompiled.json keyed by the SHA-256 of the template's text: the
// spec, and the partials it includes when the guard found nothing else wrong with it. A command rendering one of
// these sets then neither compiles nor guards those templates again (src/template-set/precompiled-templates.ts);
// any text not found here is guarded and compiled as usual.

import Handlebars from 'handlebars';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILE_OPTIONS, partialsOfGuardedTemplate } from '../src/template-set/handlebars-env.js';
import { precompiledKey, type PrecompiledTemplate } from '../src/template-set/precompiled-templates.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hb = Handlebars.create();
const entries: Record<string, PrecompiledTemplate> = {};
for (const rel of readdirSync(join(root, 'templates'), { recursive: true }).map(String).filter((f) => f.endsWith('.hbs')).sort()) {
  const body = readFileSync(join(root, 'templates', rel), 'utf8');
  const partials = partialsOfGuardedTemplate(body);
  entries[precompiledKey(body)] = { spec: hb.precompile(body, COMPILE_OPTIONS) as string, ...(partials ? { partials } : {}) };
}
const out = join(root, 'build', 'templates', 'precompiled.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify(entries)}\n`);
renameSync(`${out}.tmp`, out);
