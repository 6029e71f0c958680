// Marketplace Azure Applications must deploy a pid-<GUID> deployment (customer usage attribution).

import { collectResources, isDeployment, prop, propPath } from '../../arm/template.js';
import { isObject } from './helpers.js';
import { defineRule } from '../rule.js';
import { textOf } from '../../util/text-of.js';

const PID = /^pid-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-partnercenter)?$/i;

export default defineRule({
  id: 'customer-usage-attribution',
  description: 'The main template should contain a Microsoft.Resources/deployments named pid-<GUID> with an empty template (customer usage attribution); marketplace plans must.',
  defaultSeverity: 'warning',
  target: 'package',
  check(ctx) {
    const main = ctx.package.mainTemplate;
    if (!main || !ctx.package.isMainTemplate || !isObject(main.json.value)) return;
    const deployments = collectResources(main.json.value).filter((r) => r.deploymentDepth === 0 && isDeployment(r.resource));
    const pid = deployments.find((r) => typeof prop(r.resource, 'name') === 'string' && PID.test(textOf(prop(r.resource, 'name'))));
    const severity = ctx.target === 'marketplace' ? 'error' : undefined;
    if (!pid) {
      const named = deployments.find((r) => /^pid-/i.test(textOf(prop(r.resource, 'name'))));
      // Told by what it holds, not only by its name: a `pid-` deployment that deploys resources is not one.
      const holds = named ? propPath(named.resource, 'properties.template.resources') : undefined;
      const deploys = (Array.isArray(holds) && holds.length > 0) || (isObject(holds) && Object.keys(holds).length > 0);
      ctx.report({
        file: main,
        pointer: named?.pointer ?? '/resources',
        message: named ? `The attribution deployment ${JSON.stringify(prop(named.resource, 'name'))} is not named pid-<GUID>.${deploys ? ' It also deploys resources, so it is not an attribution deployment: that one has an empty template.' : ''}` : 'The main template has no customer usage attribution deployment (pid-<GUID>); Partner Center requires one for Azure Application offers.',
        hint: 'Add a Microsoft.Resources/deployments resource named "pid-<your tracking GUID>" with an empty template.',
        ...(severity ? { severity } : {}),
      });
      return;
    }
    const resources = propPath(pid.resource, 'properties.template.resources');
    if ((Array.isArray(resources) && resources.length) || (isObject(resources) && Object.keys(resources).length)) ctx.report({ file: main, pointer: pid.pointer, message: `The attribution deployment ${textOf(prop(pid.resource, 'name'))} deploys resources; it must be empty.`, ...(severity ? { severity } : {}) });
  },
});
