// The VM managed-identity extension is retired; identities are a property of the resource.

import { keyOf } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { pointerAt, textHits } from './template-text.js';

export default defineRule({
  id: 'managedidentityextension-must-not-be-used',
  armTtk: 'ManagedIdentityExtension-must-not-be-used',
  description: 'Resources must not use the ManagedIdentityExtension (retired); use the resource\'s identity property.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const rk = keyOf(ctx.template, 'resources');
    if (!rk) return;
    const span = ctx.file.json.span(`${ctx.base}/${rk}`);
    for (const hit of textHits(ctx, /ManagedIdentityExtension/g)) {
      if (span && (hit.index < span[0] || hit.index >= span[1])) continue;
      ctx.report({ message: 'The ManagedIdentityExtension is retired.', pointer: pointerAt(ctx, hit.index), hint: 'Use "identity": { "type": "SystemAssigned" } on the resource.' });
    }
  },
});
