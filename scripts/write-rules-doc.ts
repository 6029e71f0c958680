// npm run docs: regenerate docs/rules.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/validate/rules/index.js';
import { rulesDoc } from './rules-doc.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'rules.md'), rulesDoc(RULES));
console.log(`docs/rules.md: ${RULES.length} rules`);
