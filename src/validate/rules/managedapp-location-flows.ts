// The region the customer picks in Basics must reach every resource: location() → the location
// parameter → resources.

import { simpleReference } from '../../arm/expressions.js';
import { collectResources, findParameter, keyOf, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { isObject } from './helpers.js';

export default defineRule({
  id: 'managedapp-location-flows',
  description: "The region chosen in the portal must reach every resource: createUiDefinition outputs location: [location()], the main template declares a location parameter, and resources use [parameters('location')] (or global).",
  defaultSeverity: 'warning',
  target: 'package',
  check(ctx) {
    const main = ctx.package.mainTemplate;
    if (!main || !ctx.package.isMainTemplate || !isObject(main.json.value) || !ctx.package.createUiDefinition) return;
    const template = main.json.value;
    const located = collectResources(template).filter((r) => r.deploymentDepth === 0 && keyOf(r.resource, 'location'));
    if (!located.length) return;
    const param = findParameter(template, 'location');
    if (!param) {
      ctx.report({ file: main, pointer: '/parameters', message: 'Resources have locations but the main template has no location parameter, so the region chosen in the portal is ignored.', hint: 'Declare "location": { "type": "string", "defaultValue": "[resourceGroup().location]" } and use it.' });
      return;
    }
    for (const r of located) {
      const k = keyOf(r.resource, 'location')!;
      const v = r.resource[k];
      if (typeof v === 'string' && v.toLowerCase() === 'global') continue;
      const ref = simpleReference(v, 'parameters');
      if (ref?.toLowerCase() === 'location') continue;
      ctx.report({ file: main, pointer: appendPointer(r.pointer, k), message: `${r.fullType} ${JSON.stringify(prop(r.resource, 'name') ?? '')} does not take its location from the location parameter (${JSON.stringify(v)}), so it may land outside the region the customer chose.` });
    }
  },
});
