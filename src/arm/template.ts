// Reading deployment templates the way ARM does: property names compared case-insensitively, resources
// as an array or (languageVersion 2.0) a symbolic-name map, child resources and nested deployments
// flattened with their full resource type and the JSON pointer where they stand.

import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key of `obj` that equals `name` case-insensitively (exact match first). */
export function keyOf(obj: unknown, name: string): string | undefined {
  if (!isObject(obj)) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  // for-in, not Object.keys: this runs for every property read of every rule, and a missing property
  // (the usual case) would otherwise make an array of the object's keys each time.
  const lower = name.toLowerCase();
  for (const k in obj) if (k.toLowerCase() === lower && Object.prototype.hasOwnProperty.call(obj, k)) return k;
  return undefined;
}

/** Case-insensitive property read. */
export function prop(obj: unknown, name: string): unknown {
  const k = keyOf(obj, name);
  return k === undefined ? undefined : (obj as JsonObject)[k];
}

/** Case-insensitive read of a dotted path (`properties.encryption.keySource`). */
export function propPath(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.')) node = prop(node, part);
  return node;
}

export interface ResourceRef {
  resource: JsonObject;
  /** Pointer of the resource object within the file. */
  pointer: string;
  /** Type with parent types joined: `Microsoft.DataFactory/factories/pipelines`. */
  fullType: string;
  parent?: ResourceRef;
  /** Pointer of the template object holding it ('' for the file's top level). */
  templatePointer: string;
  /** The resource sits in a nested template evaluated in inner scope. */
  innerScope: boolean;
  /** Nesting depth of deployments above it (0 = the file's own template). */
  deploymentDepth: number;
}

/** Resources of a template object as [key, resource] pairs, array or symbolic-name form. */
export function resourceEntries(template: unknown): [string, JsonObject][] {
  const key = keyOf(template, 'resources');
  if (!key) return [];
  const r = (template as JsonObject)[key];
  if (Array.isArray(r)) return (r as unknown[]).map((x, i): [string, unknown] => [`${key}/${i}`, x]).filter((e): e is [string, JsonObject] => isObject(e[1]));
  if (isObject(r)) return Object.entries(r).map(([k, x]) => [`${key}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, x]).filter((e): e is [string, JsonObject] => isObject(e[1]));
  return [];
}

export function isDeployment(resource: JsonObject): boolean {
  return textOf(prop(resource, 'type')).toLowerCase() === 'microsoft.resources/deployments';
}

/** The nested template of a deployment resource and whether it is evaluated in inner scope. */
export function nestedTemplate(resource: JsonObject): { template: JsonObject; innerScope: boolean; pointerSuffix: string } | undefined {
  if (!isDeployment(resource)) return undefined;
  const propsKey = keyOf(resource, 'properties');
  const props = propsKey ? resource[propsKey] : undefined;
  const tKey = keyOf(props, 'template');
  if (!propsKey || !tKey || !isObject((props as JsonObject)[tKey])) return undefined;
  const scope = textOf(propPath(props, 'expressionEvaluationOptions.scope')).toLowerCase();
  return { template: (props as JsonObject)[tKey] as JsonObject, innerScope: scope === 'inner', pointerSuffix: `/${propsKey}/${tKey}` };
}

/**
 * Resources found per template object and options. Parsed templates are never changed after parsing (every
 * reader only reads), and many rules ask for the same template's resources: they are listed once.
 */
const collected = new WeakMap<object, Map<string, readonly ResourceRef[]>>();

/** Every resource of a template, children and nested-deployment resources included, in document order. */
export function collectResources(template: unknown, options: { basePointer?: string; nested?: boolean } = {}): ResourceRef[] {
  if (template === null || typeof template !== 'object') return [];
  const key = `${options.nested ?? true}:${options.basePointer ?? ''}`;
  let byOptions = collected.get(template);
  if (!byOptions) collected.set(template, (byOptions = new Map<string, readonly ResourceRef[]>()));
  let refs = byOptions.get(key);
  if (!refs) byOptions.set(key, (refs = listResources(template, options)));
  return refs.slice();
}

function listResources(template: object, options: { basePointer?: string; nested?: boolean }): ResourceRef[] {
  const out: ResourceRef[] = [];
  const nested = options.nested ?? true;
  const visit = (tpl: unknown, tplPointer: string, innerScope: boolean, depth: number, parent?: ResourceRef) => {
    for (const [rel, resource] of resourceEntries(tpl)) {
      const pointer = `${tplPointer}/${rel}`;
      pushResource(resource, pointer, tplPointer, innerScope, depth, parent);
    }
  };
  const pushResource = (resource: JsonObject, pointer: string, tplPointer: string, innerScope: boolean, depth: number, parent?: ResourceRef) => {
    const type = textOf(prop(resource, 'type'));
    // A child declared inside its parent gives its type relative (`pipelines`, `queues/rules`) or in full
    // (`Microsoft.X/parent/child`, recognisable by the namespace's dot).
    const fullType = parent && !type.split('/')[0].includes('.') ? `${parent.fullType}/${type}` : type;
    const ref: ResourceRef = { resource, pointer, fullType, templatePointer: tplPointer, innerScope, deploymentDepth: depth, ...(parent ? { parent } : {}) };
    out.push(ref);
    // Child resources declared inside their parent.
    const childKey = keyOf(resource, 'resources');
    const children = childKey ? resource[childKey] : undefined;
    if (Array.isArray(children)) {
      children.forEach((child, i) => {
        if (isObject(child)) pushResource(child, appendPointer(pointer, childKey!, i), tplPointer, innerScope, depth, ref);
      });
    }
    if (nested) {
      const inner = nestedTemplate(resource);
      if (inner) visit(inner.template, pointer + inner.pointerSuffix, innerScope || inner.innerScope, depth + 1);
    }
  };
  visit(template, options.basePointer ?? '', false, 0);
  return out;
}

export interface ParameterDecl { name: string; decl: JsonObject; pointer: string; type: string }

/** Declarations per template object and base pointer: rules (and each parameter reference) ask for them often. */
const declared = new WeakMap<object, Map<string, readonly ParameterDecl[]>>();

export function parameterDecls(template: unknown, basePointer = ''): ParameterDecl[] {
  if (template === null || typeof template !== 'object') return [];
  let byBase = declared.get(template);
  if (!byBase) declared.set(template, (byBase = new Map<string, readonly ParameterDecl[]>()));
  let decls = byBase.get(basePointer);
  if (!decls) byBase.set(basePointer, (decls = listParameters(template, basePointer)));
  return decls.slice();
}

function listParameters(template: unknown, basePointer: string): ParameterDecl[] {
  const key = keyOf(template, 'parameters');
  const params = key ? (template as JsonObject)[key] : undefined;
  if (!isObject(params)) return [];
  return Object.entries(params)
    .filter((e): e is [string, JsonObject] => isObject(e[1]))
    .map(([name, decl]) => ({ name, decl, pointer: appendPointer(basePointer, key!, name), type: textOf(prop(decl, 'type')).toLowerCase() }));
}

/** A parameter declaration by name, case-insensitively. */
export function findParameter(template: unknown, name: string): ParameterDecl | undefined {
  const lower = name.toLowerCase();
  return parameterDecls(template).find((p) => p.name.toLowerCase() === lower);
}
