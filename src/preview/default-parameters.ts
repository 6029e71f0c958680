// `offerkit preview --parameters-out <file>`: the ARM deployment parameters file the install form gives when the
// customer accepts every default — the same evaluation and the same mapping as the review in the browser
// (client/expressions.ts, client/parameters-file.ts), run in Node over each element's defaultValue. Fields
// without a default (names, passwords) stay empty, so the parameters they feed are reported as missing.

import { isObject, prop } from '../arm/template.js';
import { evaluateDeep, evaluateValue, NotEvaluated, type ExpressionScope } from './client/expressions.js';
import { deploymentParameters, FALLBACK_REGIONS, SAMPLE_SUBSCRIPTION, sampleResourceGroup, type ParametersFile } from './client/parameters-file.js';
import { dict } from '../util/dict.js';

type Def = Record<string, unknown>;

export function defaultParameters(createUiDefinition: unknown, templateParameters: Record<string, { type: string; hasDefault: boolean }>, regions: string[] = [], options: { secure?: 'mask' | 'omit' } = {}): ParametersFile {
  const params = prop(createUiDefinition, 'parameters');
  const allowed = prop(prop(prop(prop(params, 'config'), 'basics'), 'location'), 'allowedValues');
  const region = Array.isArray(allowed) && typeof allowed[0] === 'string' ? allowed[0] : regions[0] ?? FALLBACK_REGIONS[0];
  const steps = new Map<string, Record<string, unknown>>();
  const scope: ExpressionScope = {
    basics: (name) => steps.get('basics')?.[name],
    steps: (name) => steps.get(name),
    location: () => region,
    resourceGroup: () => sampleResourceGroup('rg-preview', region),
    subscription: () => SAMPLE_SUBSCRIPTION,
  };
  const valueOf = (el: Def): unknown => {
    if (Array.isArray(el.elements)) return collect(el.elements);
    // The size selector's default in the portal is its first recommended size.
    if (el.defaultValue === undefined && String(el.type).toLowerCase() === 'microsoft.compute.sizeselector' && Array.isArray(el.recommendedSizes)) return el.recommendedSizes[0];
    if (el.defaultValue === undefined) return undefined;
    try {
      return evaluateDeep(el.defaultValue, scope);
    } catch {
      return undefined;
    }
  };
  const collect = (elements: unknown[]): Record<string, unknown> => {
    const out = dict<unknown>();
    for (const e of elements) {
      if (!isObject(e) || typeof e.name !== 'string') continue;
      const v = valueOf(e);
      if (v !== undefined) out[e.name] = v;
    }
    return out;
  };
  // Steps in order, so a default may use the values of the steps before it (and its own, filled as it goes).
  // Element and output names are the package's: prototype-free maps, so `__proto__` is a name like any other.
  const basics = dict<unknown>();
  steps.set('basics', basics);
  for (const e of Array.isArray(prop(params, 'basics')) ? (prop(params, 'basics') as unknown[]) : []) if (isObject(e) && typeof e.name === 'string') basics[e.name] = valueOf(e);
  for (const s of Array.isArray(prop(params, 'steps')) ? (prop(params, 'steps') as unknown[]) : []) {
    if (!isObject(s) || typeof s.name !== 'string') continue;
    const values = dict<unknown>();
    steps.set(s.name, values);
    for (const e of Array.isArray(s.elements) ? s.elements : []) if (isObject(e) && typeof e.name === 'string') values[e.name] = valueOf(e);
  }
  const outputs = dict<unknown>();
  for (const [k, expr] of Object.entries(isObject(prop(params, 'outputs')) ? (prop(params, 'outputs') as Def) : {})) {
    try {
      outputs[k] = typeof expr === 'string' ? evaluateValue(expr, scope) : evaluateDeep(expr, scope);
    } catch (e) {
      outputs[k] = new NotEvaluated(typeof expr === 'string' ? expr : JSON.stringify(expr), (e as Error).message);
    }
  }
  return deploymentParameters(outputs, templateParameters, options);
}
