// Nested deployments must not log request and response contents.

import { collectResources, isDeployment, keyOf, propPath } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { textOf } from '../../util/text-of.js';

export default defineRule({
  id: 'deployment-resources-must-not-be-debug',
  armTtk: 'Deployment-Resources-Must-Not-Be-Debug',
  description: 'Microsoft.Resources/deployments must not set properties.debugSetting.detailLevel to anything but None (it logs parameters and responses, secrets included).',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    for (const r of collectResources(ctx.template, { basePointer: ctx.base })) {
      if (!isDeployment(r.resource)) continue;
      const level = propPath(r.resource, 'properties.debugSetting.detailLevel');
      if (level !== undefined && textOf(level).toLowerCase() !== 'none') {
        const pk = keyOf(r.resource, 'properties')!;
        ctx.report({ message: `Deployment has debugSetting.detailLevel ${JSON.stringify(level)}; request and response contents (secrets included) would be logged.`, pointer: `${r.pointer}/${pk}`, hint: 'Remove debugSetting or set detailLevel to None.' });
      }
    }
  },
});
