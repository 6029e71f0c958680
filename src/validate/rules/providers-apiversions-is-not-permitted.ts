// providers().apiVersions picks whatever is newest at deployment time: not reproducible.

import { defineRule } from '../rule.js';
import { pointerAt, textHits } from './template-text.js';

export default defineRule({
  id: 'providers-apiversions-is-not-permitted',
  armTtk: 'providers_apiVersions-Is-Not-Permitted',
  description: 'The template must not use providers(…).apiVersions; pin API versions.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    for (const hit of textHits(ctx, /providers\s*\([^)]*\)\s*\.\s*apiVersions/gi)) {
      ctx.report({ message: 'providers(…).apiVersions makes the deployment change whenever Azure adds an API version.', pointer: pointerAt(ctx, hit.index), hint: 'Write the API version literally.' });
    }
  },
});
