// Marketplace offers must not deploy preview VM images.

import { simpleReference } from '../../arm/expressions.js';
import { collectResources, isObject, keyOf, prop, propPath } from '../../arm/template.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'virtual-machines-should-not-be-preview',
  armTtk: 'Virtual-Machines-Should-Not-Be-Preview',
  description: 'Virtual machine and scale set images (imageReference offer, sku, version) must not be previews.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const vars = prop(ctx.template, 'variables');
    const resolveVar = (v: unknown): unknown => {
      const name = typeof v === 'string' ? simpleReference(v.trim(), 'variables') : undefined;
      if (name === undefined) return v;
      const k = keyOf(vars, name);
      return k ? (vars as Record<string, unknown>)[k] : v;
    };
    for (const r of collectResources(ctx.template, { basePointer: ctx.base })) {
      const t = r.fullType.toLowerCase();
      if (t !== 'microsoft.compute/virtualmachines' && t !== 'microsoft.compute/virtualmachinescalesets') continue;
      const profile = t.endsWith('scalesets') ? propPath(r.resource, 'properties.virtualMachineProfile.storageProfile') : propPath(r.resource, 'properties.storageProfile');
      const image = resolveVar(prop(resolveVar(profile), 'imageReference'));
      if (typeof image === 'string') {
        if (/preview$/i.test(image)) ctx.report({ message: `The VM image reference ${JSON.stringify(image)} is a preview.`, pointer: r.pointer });
        continue;
      }
      if (!isObject(image)) continue;
      for (const part of ['offer', 'sku', 'version']) {
        const v = resolveVar(prop(image, part));
        if (typeof v === 'string' && /preview$/i.test(v)) ctx.report({ message: `The VM image ${part} ${JSON.stringify(v)} is a preview.`, pointer: r.pointer });
      }
    }
  },
});
