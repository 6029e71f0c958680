// What a deployment request would create, as ARM expands it: every resource of the template (children declared
// inside their parents included), names and locations evaluated as ARM evaluates them (parameters, variables,
// uniqueString(resourceGroup().id), format(), copyIndex() …), `condition` and `copy` honoured, extension
// resources (a `scope`, role assignments, diagnostic settings) placed at the resource they extend. A value only
// Azure knows at run time (reference(), list*()) cannot be foreseen: such a resource is marked `unforeseen`.
// The evaluation itself is src/arm/evaluate.ts, written from Microsoft's template-function reference.

import { evaluate, UNKNOWN, type EvaluationScope } from '../../src/arm/evaluate.js';
import { armError, type ArmResponse } from './application-definitions.js';
import { refuseByResourceTypes } from './resource-types-preflight.js';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PlannedResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  properties: JsonObject;
  /** tracked: listed by a resource group's `resources`; child: readable by id only; extension: at `scope`. */
  kind: 'tracked' | 'child' | 'extension' | 'deployment';
  /** For an extension resource: the id of the resource (or group) it extends. */
  scope?: string;
  /** Its name or scope needs a value only known at run time. */
  unforeseen?: boolean;
  /** A nested deployment's request (template and evaluated parameters) and the resource group it targets. */
  nested?: { body: JsonObject; resourceGroup?: string };
}

export interface Plan {
  resources: PlannedResource[];
  outputs: Record<string, { type: string; value: unknown }>;
}

export interface PlanScope {
  subscription: string;
  tenant?: string;
  resourceGroup: string;
  location: string;
  deploymentName: string;
}

/** A value with what can be evaluated evaluated; what cannot stays as the template has it. */
function evaluateKnown(v: unknown, scope: EvaluationScope, depth = 0): unknown {
  if (depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => evaluateKnown(x, scope, depth + 1));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evaluateKnown(x, scope, depth + 1)]));
  const e = evaluate(v, scope);
  return e === UNKNOWN ? v : e;
}

const EXTENSION_TYPES = /^(microsoft\.authorization\/|microsoft\.insights\/diagnosticsettings$)/i;

/** ARM's InvalidTemplate for a parameter without a value or with a value the template does not allow. */
function checkParameters(template: JsonObject, given: JsonObject): { values: JsonObject } | ArmResponse {
  const declared = isObject(template.parameters) ? template.parameters : {};
  const values: JsonObject = Object.create(null) as JsonObject;
  for (const [name, decl] of Object.entries(declared)) {
    const entry = Object.entries(given).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (isObject(entry) && 'value' in entry) values[name] = entry.value;
    else if (!isObject(decl) || !('defaultValue' in decl)) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The value for the template parameter '${name}' at line '1' and column '1' is not provided. Please see https://aka.ms/arm-create-parameter-file for usage details.'.`);
    const allowed = isObject(decl) && Array.isArray(decl.allowedValues) ? decl.allowedValues : undefined;
    if (allowed && name in values && !allowed.some((x) => JSON.stringify(x) === JSON.stringify(values[name]))) {
      return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The provided value '${JSON.stringify(values[name])}' for the template parameter '${name}' is not valid. The parameter value is not part of the allowed value(s): '${allowed.join(',')}'.'.`);
    }
  }
  for (const name of Object.keys(given)) {
    if (!Object.keys(declared).some((k) => k.toLowerCase() === name.toLowerCase())) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The template parameters '${name}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time.'.`);
  }
  return { values };
}

/** The resources and outputs of a deployment body in a resource group (or its InvalidTemplate refusal). */
export function planDeployment(body: JsonObject, at: PlanScope): Plan | ArmResponse {
  const props = body.properties;
  if (!isObject(props) || !isObject(props.template)) return armError(400, 'InvalidRequestContent', "The request content was invalid: 'properties.template' is required.");
  const template = props.template;
  const checked = checkParameters(template, isObject(props.parameters) ? props.parameters : {});
  if ('status' in checked) return checked;
  const rgId = `/subscriptions/${at.subscription}/resourceGroups/${at.resourceGroup}`;
  const base: EvaluationScope = {
    template,
    parameters: checked.values,
    resourceGroup: { id: rgId, name: at.resourceGroup, location: at.location },
    subscription: { id: `/subscriptions/${at.subscription}`, subscriptionId: at.subscription, ...(at.tenant ? { tenantId: at.tenant } : {}) },
    ...(at.tenant ? { tenantId: at.tenant } : {}),
    deploymentName: at.deploymentName,
  };
  // ARM's preflight as far as Azure's own resource types decide it (resource-types-preflight.ts), each failing
  // resource named as ARM names it: by its evaluated name.
  const nameOf = (r: JsonObject) => {
    const v = evaluate(r.name, base);
    return typeof v === 'string' ? v : undefined;
  };
  const refused = refuseByResourceTypes(template, Object.fromEntries(Object.entries(checked.values).map(([k, v]) => [k.toLowerCase(), v])), nameOf);
  if (refused) return refused;
  const resources: PlannedResource[] = [];
  const visit = (r: unknown, i: number, parent?: { type: string; name: string }) => {
    if (!isObject(r) || typeof r.type !== 'string') return;
    const loop = isObject(r.copy) ? r.copy : undefined;
    const counted = loop ? evaluate(loop.count, base) : 1;
    const count = typeof counted === 'number' && Number.isInteger(counted) && counted >= 0 && counted <= 800 ? counted : 1;
    for (let k = 0; k < count; k++) {
      const scope: EvaluationScope = loop ? { ...base, copyIndex: { '': k, ...(typeof loop.name === 'string' ? { [loop.name.toLowerCase()]: k } : {}) } } : base;
      if ('condition' in r && evaluate(r.condition, scope) === false) continue;
      const type = parent && !r.type.split('/')[0].includes('.') ? `${parent.type}/${r.type}` : r.type;
      const evaluated = evaluate(r.name, scope);
      const unforeseen = typeof evaluated !== 'string' || !evaluated;
      const own = unforeseen ? `${type.split('/').pop()!.toLowerCase()}-${i}${loop ? `-${k}` : ''}` : (evaluated);
      const name = parent && !own.includes('/') ? `${parent.name}/${own}` : own;
      const segments = type.split('/');
      const names = name.split('/');
      const path = `${segments[0]}/${segments.slice(1).map((t, j) => `${t}/${names[j] ?? ''}`).join('/')}`;
      const loc = r.location === undefined ? undefined : evaluate(r.location, scope);
      const location = r.location === undefined ? undefined : typeof loc === 'string' ? loc.replace(/\s+/g, '').toLowerCase() : at.location;
      const properties = isObject(r.properties) ? (evaluateKnown(r.properties, scope) as JsonObject) : {};
      const isDeployment = type.toLowerCase() === 'microsoft.resources/deployments';
      let planned: PlannedResource;
      if (isDeployment) {
        const inner = isObject(r.properties) && isObject(r.properties.expressionEvaluationOptions) && String(r.properties.expressionEvaluationOptions.scope).toLowerCase() === 'inner';
        const rawTemplate = isObject(r.properties) && isObject(r.properties.template) ? r.properties.template : undefined;
        const rg = r.resourceGroup === undefined ? undefined : evaluate(r.resourceGroup, scope);
        // Outer scope: the nested template sees the parent's parameters and variables (ARM's default).
        const nestedTemplate = rawTemplate && !inner ? { ...rawTemplate, parameters: template.parameters, variables: template.variables } : rawTemplate;
        const nestedParameters = inner ? (isObject(properties.parameters) ? properties.parameters : {}) : Object.fromEntries(Object.entries(checked.values).map(([n, v]) => [n, { value: v }]));
        planned = { id: `${rgId}/providers/Microsoft.Resources/deployments/${name}`, name, type, properties, kind: 'deployment', ...(unforeseen ? { unforeseen } : {}), ...(nestedTemplate ? { nested: { body: { properties: { mode: 'Incremental', template: nestedTemplate, parameters: nestedParameters } }, ...(typeof rg === 'string' ? { resourceGroup: rg } : {}) } } : {}) };
      } else if (r.scope !== undefined || EXTENSION_TYPES.test(type)) {
        const s = r.scope === undefined ? rgId : evaluate(r.scope, scope);
        const scopeId = typeof s !== 'string' ? undefined : s.startsWith('/') ? s.replace(/\/+$/, '') : `${rgId}/providers/${s}`;
        planned = { id: `${scopeId ?? rgId}/providers/${path}`, name, type, properties, kind: 'extension', scope: scopeId ?? rgId, ...(unforeseen || !scopeId ? { unforeseen: true } : {}) };
      } else {
        planned = { id: `${rgId}/providers/${path}`, name, type, ...(location ? { location } : {}), properties, kind: segments.length === 2 ? 'tracked' : 'child', ...(unforeseen ? { unforeseen } : {}) };
      }
      resources.push(planned);
      if (Array.isArray(r.resources)) r.resources.forEach((c, j) => visit(c, j, { type, name }));
    }
  };
  const list = Array.isArray(template.resources) ? template.resources : isObject(template.resources) ? Object.values(template.resources) : [];
  list.forEach((r, i) => visit(r, i));
  const outputs: Plan['outputs'] = {};
  if (isObject(template.outputs)) {
    for (const [name, o] of Object.entries(template.outputs)) {
      if (!isObject(o)) continue;
      const v = evaluate(o.value, base);
      outputs[name] = { type: typeof o.type === 'string' ? o.type : 'string', value: v === UNKNOWN ? `${name}-value` : v };
    }
  }
  return { resources, outputs };
}

/**
 * A subscription-scope request: the resource groups it creates and the deployments it makes into them (as a
 * wrapper around a template deploys it into a group that does not exist yet). Other resource types at this
 * scope are not emulated.
 */
export function planSubscriptionDeployment(body: JsonObject, at: { subscription: string; tenant?: string; location: string; deploymentName: string }): { groups: { name: string; location: string }[]; deployments: { name: string; resourceGroup: string; body: JsonObject }[] } | ArmResponse {
  const props = body.properties;
  if (!isObject(props) || !isObject(props.template)) return armError(400, 'InvalidRequestContent', "The request content was invalid: 'properties.template' is required.");
  const template = props.template;
  const checked = checkParameters(template, isObject(props.parameters) ? props.parameters : {});
  if ('status' in checked) return checked;
  const scope: EvaluationScope = { template, parameters: checked.values, subscription: { id: `/subscriptions/${at.subscription}`, subscriptionId: at.subscription, ...(at.tenant ? { tenantId: at.tenant } : {}) }, deploymentName: at.deploymentName };
  const groups: { name: string; location: string }[] = [];
  const deployments: { name: string; resourceGroup: string; body: JsonObject }[] = [];
  const list = Array.isArray(template.resources) ? template.resources : [];
  for (const r of list) {
    if (!isObject(r) || typeof r.type !== 'string') continue;
    const name = evaluate(r.name, scope);
    if (typeof name !== 'string') return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The template resource name of type '${r.type}' could not be evaluated.'.`);
    if (r.type.toLowerCase() === 'microsoft.resources/resourcegroups') {
      const location = evaluate(r.location, scope);
      if (typeof location !== 'string') return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The resource group '${name}' has no location.'.`);
      groups.push({ name, location: location.replace(/\s+/g, '').toLowerCase() });
    } else if (r.type.toLowerCase() === 'microsoft.resources/deployments' && isObject(r.properties) && isObject(r.properties.template)) {
      const rg = evaluate(r.resourceGroup, scope);
      if (typeof rg !== 'string') return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The deployment '${name}' at subscription scope needs a resourceGroup.'.`);
      const inner = isObject(r.properties.expressionEvaluationOptions) && String(r.properties.expressionEvaluationOptions.scope).toLowerCase() === 'inner';
      if (!inner) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The nested deployment '${name}' must use expressionEvaluationOptions scope 'inner' (not emulated otherwise).'.`);
      const parameters = evaluate(isObject(r.properties.parameters) ? r.properties.parameters : {}, scope);
      if (!isObject(parameters)) return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The parameters of the deployment '${name}' could not be evaluated.'.`);
      deployments.push({ name, resourceGroup: rg, body: { properties: { mode: 'Incremental', template: r.properties.template, parameters } } });
    } else return armError(400, 'InvalidTemplate', `Deployment template validation failed: 'The resource type '${r.type}' is not emulated at subscription scope.'.`);
  }
  return { groups, deployments };
}
