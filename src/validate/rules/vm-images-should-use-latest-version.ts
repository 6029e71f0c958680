// Pinned image versions stop receiving security fixes. arm-ttk ships this rule disabled, so it is
// informational here.

import { collectResources, isObject, prop, propPath } from '../../arm/template.js';
import { isExpression } from '../../arm/expressions.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'vm-images-should-use-latest-version',
  armTtk: 'VM-Images-Should-Use-Latest-Version',
  description: 'Virtual machine image references should use version "latest" (or a parameter).',
  defaultSeverity: 'info',
  target: 'template',
  check(ctx) {
    for (const r of collectResources(ctx.template, { basePointer: ctx.base })) {
      const t = r.fullType.toLowerCase();
      if (t !== 'microsoft.compute/virtualmachines' && t !== 'microsoft.compute/virtualmachinescalesets') continue;
      const image = t.endsWith('scalesets') ? propPath(r.resource, 'properties.virtualMachineProfile.storageProfile.imageReference') : propPath(r.resource, 'properties.storageProfile.imageReference');
      const version = isObject(image) ? prop(image, 'version') : undefined;
      if (typeof version === 'string' && version.toLowerCase() !== 'latest' && !isExpression(version)) {
        ctx.report({ message: `The VM image version is pinned to ${JSON.stringify(version)}.`, pointer: r.pointer, severity: 'info', hint: 'Use "latest" so new deployments get current security fixes.' });
      }
    }
  },
});
