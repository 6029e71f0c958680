// Locations come from the location parameter; resourceGroup().location belongs only in its default.

import { isExpression } from '../../arm/expressions.js';
import { collectResources, findParameter, isDeployment, keyOf, prop, resourceEntries } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { pointerAt, textHits } from './template-text.js';
import { textOf } from '../../util/text-of.js';

const LOCATION_FN = /(?:resourceGroup|deployment)\(\)\.location/gi;

export default defineRule({
  id: 'location-should-not-be-hardcoded',
  armTtk: 'Location-Should-Not-Be-Hardcoded',
  description: 'The location parameter must be a string defaulting to [resourceGroup().location] (main template) or nothing (nested templates); resources must use an expression or "global", and resourceGroup().location must not appear outside parameters.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const loc = findParameter(ctx.template, 'location');
    if (loc) {
      const at = ctx.base + loc.pointer;
      if (loc.type !== 'string') ctx.report({ message: `The location parameter must be of type string, not ${JSON.stringify(prop(loc.decl, 'type'))}.`, pointer: at });
      const dk = keyOf(loc.decl, 'defaultValue');
      const def = dk ? loc.decl[dk] : undefined;
      if (ctx.isMainTemplate) {
        const text = def === undefined || def === null ? '' : textOf(def).trim();
        if (text && !['[resourcegroup().location]', 'global', '[deployment().location]'].includes(text.toLowerCase())) {
          ctx.report({ message: `The location parameter defaults to ${JSON.stringify(def)}; in the main template the default must be [resourceGroup().location], [deployment().location] or global.`, pointer: appendPointer(at, dk!) });
        }
      } else if (def !== undefined && def !== null && !/(?:resourceGroup|deployment)\(\)\.location/i.test(textOf(def))) {
        ctx.report({ message: `The location parameter of a nested template must not default to ${JSON.stringify(def)}; the caller passes the location.`, pointer: appendPointer(at, dk!) });
      }
    }
    // resourceGroup().location outside parameters and outside nested deployments.
    const pk = keyOf(ctx.template, 'parameters');
    const ignored: [number, number][] = [];
    const ps = pk ? ctx.file.json.span(appendPointer(ctx.base, pk)) : undefined;
    if (ps) ignored.push(ps);
    for (const r of collectResources(ctx.template, { basePointer: ctx.base })) {
      if (isDeployment(r.resource)) {
        const s = ctx.file.json.span(r.pointer);
        if (s) ignored.push(s);
      }
    }
    for (const hit of textHits(ctx, LOCATION_FN)) {
      if (ignored.some(([a, b]) => hit.index >= a && hit.index < b)) continue;
      ctx.report({ message: `${hit.text} is used outside the parameters section; use the location parameter so the location can be chosen.`, pointer: pointerAt(ctx, hit.index), hint: "Use [parameters('location')]." });
    }
    // Every top-level resource location must be an expression or global.
    for (const [rel, resource] of resourceEntries(ctx.template)) {
      const lk = keyOf(resource, 'location');
      if (!lk) continue;
      const v = resource[lk];
      if (typeof v === 'string' && (v.toLowerCase() === 'global' || isExpression(v))) continue;
      ctx.report({ message: `Resource ${JSON.stringify(prop(resource, 'name') ?? '')} has the location ${JSON.stringify(v)}; use an expression (the location parameter) or "global".`, pointer: appendPointer(`${ctx.base}/${rel}`, lk) });
    }
  },
});
