// arm-ttk tests nested templates evaluated in inner scope (and templates under policyRule) on their own:
// they are cut out of the outer template (replaced by `{}`) and checked separately as inner templates.

import { isObject, keyOf, propPath, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export interface InnerTemplate {
  template: JsonObject;
  /** Pointer of the inner template object within the file. */
  pointer: string;
  /** Pointer of the object holding `template` (the deployment's properties). */
  holderPointer: string;
}

/**
 * Returns the template with every inner template replaced by `{}` (a copy, only when something was cut)
 * and the inner templates found, with their pointers.
 */
export function splitInnerTemplates(template: JsonObject, base: string): { outer: JsonObject; inners: InnerTemplate[] } {
  const inners: InnerTemplate[] = [];
  /** `underPolicyRule`: some property above is `policyRule` (array indexes do not count). */
  const visit = (node: unknown, pointer: string, underPolicyRule: boolean, depth: number): unknown => {
    if (depth > 200) return node;
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        // Only objects and arrays can hold a template: scalars are not visited (nor their pointers built).
        if (item === null || typeof item !== 'object') continue;
        const r = visit(item, appendPointer(pointer, i), underPolicyRule, depth + 1);
        if (r !== item) (copy ??= [...(node as unknown[])])[i] = r;
      }
      return copy ?? node;
    }
    if (!isObject(node)) return node;
    const tKey = keyOf(node, 'template');
    if (tKey && isObject(node[tKey]) && (underPolicyRule || textOf(propPath(node, 'expressionEvaluationOptions.scope')).toLowerCase() === 'inner')) {
      inners.push({ template: node[tKey], pointer: appendPointer(pointer, tKey), holderPointer: pointer });
      return { ...node, [tKey]: {} };
    }
    let copy: JsonObject | undefined;
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (v === null || typeof v !== 'object') continue;
      const r = visit(v, appendPointer(pointer, k), underPolicyRule || k.toLowerCase() === 'policyrule', depth + 1);
      if (r !== v) {
        copy ??= { ...node };
        copy[k] = r;
      }
    }
    return copy ?? node;
  };
  const resKey = keyOf(template, 'resources');
  if (!resKey) return { outer: template, inners };
  const res = visit(template[resKey], appendPointer(base, resKey), resKey.toLowerCase() === 'policyrule', 0);
  return { outer: res === template[resKey] ? template : { ...template, [resKey]: res }, inners };
}
