// providers().apiVersions picks whatever is newest at deployment time: not reproducible.

import { defineRule } from '../rule.js';
import { inSpans } from './blanks.js';
import { pointerAt, templateRegion } from './template-text.js';

const START = /providers\s*\(/gi;
const AFTER_CLOSE = /\s*\.\s*apiVersions/iy;

/**
 * Where arm-ttk's expression, /providers\s*\([^)]*\)\s*\.\s*apiVersions/gi, matches in text[from…] (matches starting
 * before `to`), read in one pass: `[^)]*` reaches only the first ")" after a start, so every start before that ")"
 * gets the same answer, and the search goes on after it. Run as the expression, 60,000 "providers(" before one ")"
 * took 40 s.
 */
export function providersApiVersionsAt(text: string, from: number, to: number): number[] {
  const hits: number[] = [];
  const starts = new RegExp(START.source, START.flags);
  const after = new RegExp(AFTER_CLOSE.source, AFTER_CLOSE.flags);
  starts.lastIndex = from;
  for (let m = starts.exec(text); m && m.index < to; m = starts.exec(text)) {
    const close = text.indexOf(')', m.index + m[0].length);
    if (close < 0) break;
    after.lastIndex = close + 1;
    if (after.test(text)) {
      hits.push(m.index);
      starts.lastIndex = after.lastIndex;
    } else {
      starts.lastIndex = close + 1;
    }
  }
  return hits;
}

export default defineRule({
  id: 'providers-apiversions-is-not-permitted',
  armTtk: 'providers_apiVersions-Is-Not-Permitted',
  description: 'The template must not use providers(…).apiVersions; pin API versions.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const { start, end, holes } = templateRegion(ctx);
    for (const at of providersApiVersionsAt(ctx.file.text, start, end)) {
      if (inSpans(holes, at)) continue;
      ctx.report({ message: 'providers(…).apiVersions makes the deployment change whenever Azure adds an API version.', pointer: pointerAt(ctx, at), hint: 'Write the API version literally.' });
    }
  },
});
