// offerkit's own template sets, compiled and guarded by the build (scripts/precompile-templates.ts), in
// build/templates/precompiled.json keyed by the SHA-256 of each template's text. A template whose text is one of
// them is not compiled again (about 70 ms of every command that renders), and, when the partials it includes are
// all declared where it is used, not parsed and guarded again either (about 25 ms more on the example's build, by
// the CPU profiler; 4-6% of its CPU time): the build ran the same guard on the same text, and the guard's
// verdict depends on nothing else. Any other text (a user's set, an edited copy) goes through the whole guard and
// compiler. `use`, `hits` and `guardsSkipped` are there for the test that renders the example both ways.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packagePath } from '../paths.js';

export interface PrecompiledTemplate {
  /** handlebars' template spec (the source of a JavaScript object). */
  spec: string;
  /**
   * The partials the template includes, in the order the guard found them, when the build's guard found nothing
   * else wrong with it (every other finding of the guard depends on the text alone). Absent: guard it as any text.
   */
  partials?: readonly string[];
}

export const precompiled = { use: true, hits: 0, guardsSkipped: 0 };
let entries: Map<string, PrecompiledTemplate> | undefined;

export function precompiledKey(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

function load(): Map<string, PrecompiledTemplate> {
  try {
    const file = JSON.parse(readFileSync(packagePath('build', 'templates', 'precompiled.json'), 'utf8')) as Record<string, unknown>;
    const out = new Map<string, PrecompiledTemplate>();
    for (const [key, value] of Object.entries(file)) {
      // A bare string is a spec without the guard's verdict (the file as builds before this one wrote it).
      if (typeof value === 'string') out.set(key, { spec: value });
      else if (value && typeof value === 'object' && typeof (value as PrecompiledTemplate).spec === 'string') {
        const { spec, partials } = value as PrecompiledTemplate;
        out.set(key, Array.isArray(partials) && partials.every((p) => typeof p === 'string') ? { spec, partials } : { spec });
      }
    }
    return out;
  } catch {
    return new Map(); // not built (tsc output only): every template is compiled
  }
}

/** What the build made of this exact text, if it is one of offerkit's own templates. */
export function precompiledEntry(body: string): PrecompiledTemplate | undefined {
  if (!precompiled.use) return undefined;
  entries ??= load();
  return entries.get(precompiledKey(body));
}
