// Build step: the preview's browser code (src/preview/client) bundled into one classic script and its stylesheet
// minified, both written to build/preview/. The pages inline them, so a static export opens from disk (file://
// forbids module scripts) and the page makes no request at all.

import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const common = { bundle: true, minify: true, legalComments: 'none' as const, logLevel: 'warning' as const, charset: 'utf8' as const };
await build({ ...common, entryPoints: [join(root, 'src', 'preview', 'client', 'main.ts')], outfile: join(root, 'build', 'preview', 'preview.js'), format: 'iife', target: ['es2020'], platform: 'browser' });
await build({ ...common, entryPoints: [join(root, 'src', 'preview', 'preview.css')], outfile: join(root, 'build', 'preview', 'preview.css') });
