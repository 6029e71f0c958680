// The names the template's resources will have where it is deployed: each resource's `name` evaluated as ARM
// evaluates it (parameters, variables, uniqueString(resourceGroup().id), copy loops, children under their parents,
// nested deployments with their own parameters), so an ARM error that names a resource — "target":
// "sqlserverdrmtcefs35ypg" — is placed on the resource that has that name, in that resource group. A name that
// needs a value only Azure knows at run time stays unknown, and is said to be.

import { evaluate, UNKNOWN, type EvaluationScope } from '../arm/evaluate.js';
import { isObject, keyOf, nestedTemplate, prop, resourceEntries, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export interface ResourceName {
  /** Pointer of the resource object in the template file. */
  pointer: string;
  /** Type with parent types joined: Microsoft.Storage/storageAccounts/blobServices. */
  type: string;
  /** Its full names (parent/child), one per copy; undefined when a name cannot be told before deploying. */
  names?: string[];
}

/** Where the template is deployed. */
export interface DeploymentScope {
  subscription: string;
  tenant?: string;
  resourceGroup: string;
  location: string;
  deploymentName: string;
}

const MAX_COPIES = 800;
const MAX_NESTING = 5;

/** The names of every resource of a template (children and nested deployments' resources included). */
export function resourceNames(template: unknown, parameters: Record<string, unknown>, at: DeploymentScope): ResourceName[] {
  const out: ResourceName[] = [];
  const rgId = `/subscriptions/${at.subscription}/resourceGroups/${at.resourceGroup}`;
  const top: EvaluationScope = {
    template,
    parameters,
    resourceGroup: { id: rgId, name: at.resourceGroup, location: at.location },
    subscription: { id: `/subscriptions/${at.subscription}`, subscriptionId: at.subscription, ...(at.tenant ? { tenantId: at.tenant } : {}) },
    ...(at.tenant ? { tenantId: at.tenant } : {}),
    deploymentName: at.deploymentName,
  };

  const visit = (resource: JsonObject, pointer: string, scope: EvaluationScope, depth: number, parent?: { type: string; names?: string[] }) => {
    const rawType = textOf(prop(resource, 'type'));
    const type = parent && !rawType.split('/')[0].includes('.') ? `${parent.type}/${rawType}` : rawType;
    const loop = prop(resource, 'copy');
    const counted = isObject(loop) ? evaluate(prop(loop, 'count'), scope) : 1;
    const count = typeof counted === 'number' && Number.isInteger(counted) && counted >= 0 && counted <= MAX_COPIES ? counted : undefined;
    const scopes: EvaluationScope[] = count === undefined ? [] : isObject(loop) ? Array.from({ length: count }, (_, k) => ({ ...scope, copyIndex: { ...scope.copyIndex, '': k, ...(typeof prop(loop, 'name') === 'string' ? { [(prop(loop, 'name') as string).toLowerCase()]: k } : {}) } })) : [scope];
    let names: string[] | undefined = count === undefined ? undefined : [];
    for (const s of scopes) {
      const own = evaluate(prop(resource, 'name'), s);
      if (typeof own !== 'string' || !names) {
        names = undefined;
        break;
      }
      if (parent && !own.includes('/')) {
        if (!parent.names) {
          names = undefined;
          break;
        }
        names.push(...parent.names.map((p) => `${p}/${own}`));
      } else names.push(own);
    }
    out.push({ pointer, type, ...(names ? { names } : {}) });
    const childKey = keyOf(resource, 'resources');
    const children = childKey ? resource[childKey] : undefined;
    if (Array.isArray(children)) {
      children.forEach((c, i) => {
        if (isObject(c)) visit(c, appendPointer(pointer, childKey!, i), scope, depth, { type, ...(names ? { names } : {}) });
      });
    }
    const inner = nestedTemplate(resource);
    if (inner && depth < MAX_NESTING) {
      // Inner scope: the nested template has its own parameters, given by the deployment's `parameters`;
      // outer scope: it sees the parent's. A deployment into another resource group is named there.
      const group = evaluate(prop(resource, 'resourceGroup'), scope);
      const resourceGroup = typeof group === 'string' ? { id: `/subscriptions/${at.subscription}/resourceGroups/${group}`, name: group, location: scope.resourceGroup?.location ?? at.location } : scope.resourceGroup;
      const deploymentName = names?.length === 1 ? names[0] : undefined;
      let nestedScope: EvaluationScope;
      if (inner.innerScope) {
        const given = evaluate(prop(prop(resource, 'properties'), 'parameters') ?? {}, scope);
        const values = Object.create(null) as Record<string, unknown>;
        if (isObject(given)) for (const [k, v] of Object.entries(given)) if (isObject(v) && 'value' in v) values[k] = v.value;
        nestedScope = { ...scope, template: inner.template, parameters: given === UNKNOWN ? {} : values, ...(resourceGroup ? { resourceGroup } : {}), ...(deploymentName ? { deploymentName } : {}), copyIndex: {} };
      } else nestedScope = { ...scope, ...(resourceGroup ? { resourceGroup } : {}) };
      for (const [rel, r] of resourceEntries(inner.template)) visit(r, `${pointer}${inner.pointerSuffix}/${rel}`, nestedScope, depth + 1);
    }
  };
  for (const [rel, r] of resourceEntries(template)) visit(r, `/${rel}`, top, 0);
  return out;
}
