// Build step: every template of offerkit's own sets (templates/**/*.hbs), compiled once to handlebars' template
// spec, into build/templates/precompiled.json keyed by the SHA-256 of the template's text. A command rendering
// one of these sets then parses and guards each template as usual but skips compiling it (about 70 ms a run);
// src/template-set/handlebars-env.ts falls back to compiling any text not found here.

import Handlebars from 'handlebars';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILE_OPTIONS, precompiledKey } from '../src/template-set/handlebars-env.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hb = Handlebars.create();
const specs: Record<string, string> = {};
for (const rel of readdirSync(join(root, 'templates'), { recursive: true }).map(String).filter((f) => f.endsWith('.hbs')).sort()) {
  const body = readFileSync(join(root, 'templates', rel), 'utf8');
  specs[precompiledKey(body)] = hb.precompile(body, COMPILE_OPTIONS) as string;
}
const out = join(root, 'build', 'templates', 'precompiled.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify(specs)}\n`);
renameSync(`${out}.tmp`, out);
