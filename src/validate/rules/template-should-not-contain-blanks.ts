// Empty values in a declarative template mean something (or nothing); arm-ttk flags them by text scan.

import { isObject, keyOf, collectResources } from '../../arm/template.js';
import { resolvePointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { blanksOf, inSpans, mergeSpans, stringLiteralSpan } from './blanks.js';
import { walk } from './walk.js';
import { templateRegion } from './template-text.js';

const MAY_BE_EMPTY = new Set(
  ['resources', 'outputs', 'variables', 'parameters', 'functions', 'properties', 'template', 'defaultValue', 'accessPolicies', 'value', 'promotionCode', 'inputs', 'notEquals', 'clientId', 'allowedCallerIpAddresses', 'workerPools', 'AzureMonitor', 'requiredDataConnectors', 'UserTokenPrepend'].map((s) => s.toLowerCase()),
);

export default defineRule({
  id: 'template-should-not-contain-blanks',
  armTtk: 'Template-Should-Not-Contain-Blanks',
  description: 'The template should not contain empty objects, arrays, strings or null values (a few properties excepted); remove the property instead.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const { start, end, holes } = templateRegion(ctx);
    const text = ctx.file.text;
    const blanks = blanksOf(ctx.file.json).filter((b) => b.index >= start && b.index < end && !inSpans(holes, b.index));
    if (!blanks.length) return;
    const exemptScopes: [number, number][] = [];
    for (const r of collectResources(ctx.template, { basePointer: ctx.base })) {
      const t = r.fullType.toLowerCase();
      if (t === 'microsoft.web/sites/config' || (t.startsWith('microsoft.web/sites/') && t.endsWith('/config'))) {
        const pk = keyOf(r.resource, 'properties');
        const s = pk ? ctx.file.json.span(`${r.pointer}/${pk}`) : undefined;
        if (s) exemptScopes.push(s);
      }
    }
    // Workbook serializedData is a JSON document inside a string; blanks in it are its business.
    const visits = walk(ctx.template, ctx.base);
    for (let i = 0; i < visits.length; i++) {
      if (typeof visits.value(i) !== 'string' || visits.key(i).toLowerCase() !== 'serializeddata') continue;
      const pos = ctx.file.json.locate(visits.pointer(i));
      if (pos) exemptScopes.push(stringLiteralSpan(text, pos.offset));
    }
    const exempt = mergeSpans(exemptScopes);
    // Per object holding blanks: does it have one of the exempt properties (asked once, not once per blank)?
    const holders = new Map<unknown, boolean>();
    const exemptHolder = (holder: unknown): boolean => {
      let found = holders.get(holder);
      if (found === undefined) holders.set(holder, (found = isObject(holder) && Object.keys(holder).some((k) => MAY_BE_EMPTY.has(k.toLowerCase()) && k.toLowerCase() !== 'properties')));
      return found;
    };
    for (const b of blanks) {
      const name = b.property;
      if (MAY_BE_EMPTY.has(name.toLowerCase())) continue;
      if (/^\s*\[/.test(name) || /^\s*\/subscriptions\//i.test(name)) continue;
      if (inSpans(exempt, b.index)) continue;
      // A blank in an object that also has one of the exempt properties is part of that construct.
      if (b.pointer) {
        if (exemptHolder(resolvePointer(ctx.file.json.value, b.pointer.split('/').slice(0, -1).join('/')))) continue;
      }
      // A blank with no JSON value of its own (a colon inside a string, as arm-ttk's text scan finds it) is reported where it is.
      ctx.report({ message: `Empty value (${b.kind}) for "${name}" on line ${b.line}.`, ...(b.pointer !== undefined ? { pointer: b.pointer } : { position: { line: b.line, column: b.column } }), hint: 'Remove the property, or give it a value.' });
    }
  },
});
