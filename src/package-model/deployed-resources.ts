// What a package deploys, as a customer is told it (the README's "What gets deployed", the preview's overview,
// plan table and cost): every resource of mainTemplate.json, of its nested inline deployments at any depth, and
// of the linked templates the package ships, with where each lands — the managed resource group, or somewhere
// else the template names. The customer-usage-attribution deployment is told apart by what it holds (an empty
// template), not by its name: a `pid-…` deployment that holds a script deploys that script.
//
// Linked templates are found as ARM finds them: `templateLink.relativePath`, relative to the template that links
// it ("a location relative to the parent", Microsoft's TemplateLink.relativePath,
// https://learn.microsoft.com/dotnet/api/microsoft.azure.management.resourcemanager.models.templatelink), and
// `templateLink.uri` built from `deployment().properties.templateLink.uri` — the address of the template itself,
// so `uri(that, 'nested/x.json')` is a file beside it (uri() "uses only the base path of baseUri",
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#uri) — directly or
// through variables and parameter defaults (`_artifactsLocation`).

import { isExpression, tryParseExpression, unescapeLiteral, walkExpression, type ExprNode } from '../arm/expressions.js';
import { collectResources, isDeployment, isObject, keyOf, prop, resourceEntries, type JsonObject } from '../arm/template.js';
import { textOf } from '../util/text-of.js';

export interface DeployedResource {
  /** Full type (`Microsoft.Web/sites/config`). */
  type: string;
  resource: JsonObject;
  /** The package file that declares it ('mainTemplate.json', 'nestedtemplates/x.json'). */
  file: string;
  pointer: string;
  /** Names of the deployments it is deployed through, outermost first ([] at mainTemplate's top level). */
  via: string[];
  /** Where it lands when that is not the managed resource group, in words; undefined when it is. */
  outside?: string;
  /** Outside, but deleted with a resource the package creates (an AKS cluster's node resource group). */
  deletedWithApplication?: boolean;
}

export interface UnreadDeployment {
  name: string;
  file: string;
  pointer: string;
  /** The link as written (a URL outside the package, an expression offerkit cannot follow, a missing file). */
  link: string;
  why: string;
}

export interface DeploymentModel {
  resources: DeployedResource[];
  /** Deployments whose template is not read: what they create is not known. */
  unread: UnreadDeployment[];
  /** Names of the customer-usage-attribution deployments (deployments of an empty template). */
  attribution: string[];
}

/** A package's JSON files by path ('/'-separated, as in the zip): parsed values. */
export type PackageJson = ReadonlyMap<string, unknown>;

const MAX_DEPTH = 10;
const MAX_RESOURCES = 5000;

/**
 * The address a template file has when ARM deploys the package (`deployment().properties.templateLink.uri`): a
 * URL of a reserved domain, so relative references resolve the way ARM resolves them (RFC 3986, as uri() does).
 */
const PACKAGE_ORIGIN = 'https://package.invalid/';
const addressOf = (file: string) => PACKAGE_ORIGIN + file.split('/').map(encodeURIComponent).join('/');

/** The package path an address names (query and fragment dropped), or undefined for an address elsewhere. */
function pathOf(address: string): string | undefined {
  if (!address.startsWith(PACKAGE_ORIGIN)) return undefined;
  try {
    const path = new URL(address).pathname.slice(1);
    return path ? path.split('/').map(decodeURIComponent).join('/') : undefined;
  } catch {
    return undefined;
  }
}

/** A reference relative to a package file, as ARM resolves it; undefined when it names something elsewhere. */
export function packagePath(fromFile: string, relative: string): string | undefined {
  try {
    return pathOf(new URL(relative.replace(/\\/g, '/'), addressOf(fromFile)).toString());
  } catch {
    return undefined;
  }
}

/**
 * The value of an expression of a template, as far as it can be known without deploying: literals, concat(),
 * format(), uri(), substring(), indexOf(), lastIndexOf(), replace(), variables() (and their properties), parameter
 * defaults and deployment().properties.templateLink.uri. Undefined for anything else.
 */
function staticValue(value: unknown, template: JsonObject, file: string, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (typeof value !== 'string') return value;
  if (isExpression(value)) {
    const tree = tryParseExpression(value);
    return tree ? evalNode(tree, template, file, depth) : undefined;
  }
  return unescapeLiteral(value);
}

function staticString(value: unknown, template: JsonObject, file: string): string | undefined {
  const v = staticValue(value, template, file);
  return typeof v === 'string' ? v : undefined;
}

function evalNode(node: ExprNode, template: JsonObject, file: string, depth: number): unknown {
  const sub = (n: ExprNode) => evalNode(n, template, file, depth + 1);
  const subString = (n: ExprNode) => {
    const v = sub(n);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  if (node.kind === 'string' || node.kind === 'number') return node.value;
  if (memberPath(node) === 'deployment().properties.templatelink.uri') return addressOf(file);
  if (node.kind === 'member') {
    const holder = sub(node.object);
    return isObject(holder) ? prop(holder, node.property) : undefined;
  }
  if (node.kind === 'index') {
    const holder = sub(node.object);
    const key = sub(node.index);
    if (Array.isArray(holder) && typeof key === 'number') return holder[key] as unknown;
    return isObject(holder) && typeof key === 'string' ? prop(holder, key) : undefined;
  }
  if (node.kind !== 'call') return undefined;
  const name = node.name.toLowerCase();
  const args = node.args;
  if (name === 'concat') {
    const parts = args.map(subString);
    return parts.every((p): p is string => p !== undefined) ? parts.join('') : undefined;
  }
  if (name === 'format' && args.length) {
    const [fmt, ...rest] = args.map(subString);
    if (fmt === undefined || rest.some((r) => r === undefined)) return undefined;
    return fmt.replace(/\{(\d+)\}/g, (all, k: string) => rest[Number(k)] ?? all);
  }
  // The string functions templates build artifact addresses with (`substring(loc, 0, lastIndexOf(loc, '/'))`).
  if (name === 'substring' && args.length >= 2) {
    const [text, start, length] = [subString(args[0]), sub(args[1]), args[2] ? sub(args[2]) : undefined];
    if (text === undefined || typeof start !== 'number' || (length !== undefined && typeof length !== 'number')) return undefined;
    return text.substr(start, length);
  }
  if ((name === 'lastindexof' || name === 'indexof') && args.length === 2) {
    const [text, part] = args.map(subString);
    if (text === undefined || part === undefined) return undefined;
    return name === 'indexof' ? text.toLowerCase().indexOf(part.toLowerCase()) : text.toLowerCase().lastIndexOf(part.toLowerCase());
  }
  if (name === 'replace' && args.length === 3) {
    const [text, from, to] = args.map(subString);
    return text === undefined || from === undefined || to === undefined ? undefined : text.split(from).join(to);
  }
  if (name === 'uri' && args.length === 2) {
    const [base, rel] = args.map(subString);
    if (base === undefined || rel === undefined) return undefined;
    try {
      return new URL(rel, base).toString();
    } catch {
      return undefined;
    }
  }
  if ((name === 'variables' || name === 'parameters') && args[0]?.kind === 'string') {
    const holder = prop(template, name);
    const key = keyOf(holder, args[0].value);
    if (!key) return undefined;
    const entry = (holder as JsonObject)[key];
    if (name === 'variables') return staticDeep(entry, template, file, depth + 1);
    const type = textOf(prop(entry, 'type')).toLowerCase();
    const dv = prop(entry, 'defaultValue');
    // A SAS token parameter only ever adds a query string, which never changes the file a link names.
    if (dv === undefined && type === 'securestring') return '';
    return staticDeep(dv, template, file, depth + 1);
  }
  return undefined;
}

/** A variable's value with the expressions inside an object or array evaluated as far as they can be. */
function staticDeep(value: unknown, template: JsonObject, file: string, depth: number): unknown {
  if (depth > 20) return undefined;
  if (Array.isArray(value)) return value.map((v) => staticDeep(v, template, file, depth + 1));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, staticDeep(v, template, file, depth + 1)]));
  return staticValue(value, template, file, depth);
}

/** `deployment().properties.templateLink.uri` as a lower-case dotted path, for the member chains a tree holds. */
function memberPath(node: ExprNode): string | undefined {
  if (node.kind === 'member') {
    const inner = memberPath(node.object);
    return inner === undefined ? undefined : `${inner}.${node.property.toLowerCase()}`;
  }
  if (node.kind === 'call' && node.args.length === 0) return `${node.name.toLowerCase()}()`;
  return undefined;
}

/** The package file a deployment's templateLink names, or why it cannot be read. */
function linkedFile(link: unknown, template: JsonObject, file: string, json: PackageJson): { file: string } | { why: string; shown: string } {
  const relative = prop(link, 'relativePath');
  if (typeof relative === 'string' && !isExpression(relative)) {
    const path = packagePath(file, relative);
    if (path && json.has(path)) return { file: path };
    return { why: path ? `${path} is not in the package` : 'the path names nothing in the package', shown: relative };
  }
  const spec = prop(link, 'id');
  if (spec !== undefined && prop(link, 'uri') === undefined && relative === undefined) return { why: 'its template is a template spec, outside the package', shown: typeof spec === 'string' ? spec : JSON.stringify(spec) ?? '' };
  const uri = prop(link, 'uri') ?? relative;
  const text = typeof uri === 'string' ? uri : JSON.stringify(uri) ?? '';
  const value = staticString(uri, template, file);
  if (value === undefined) return { why: 'offerkit cannot tell from the template which file it names', shown: text };
  const path = pathOf(value);
  if (path === undefined) return { why: /^https?:/i.test(value) ? 'its template is outside the package' : 'offerkit cannot tell which file it names', shown: value };
  if (json.has(path)) return { file: path };
  // concat(templateLink.uri, '/nested/x.json') — written as if the address were a folder — names a file beside it.
  const beside = path.startsWith(`${file}/`) ? packagePath(file, path.slice(file.length + 1)) : undefined;
  if (beside && json.has(beside)) return { file: beside };
  return { why: `${beside ?? path} is not in the package`, shown: text };
}

/** How a place the template names reads for a customer: chosen when installing, or as written. */
function placeWords(value: unknown, what: string): string {
  if (typeof value === 'string' && isExpression(value)) {
    const tree = tryParseExpression(value);
    if (tree && [...walkExpression(tree)].some((n) => n.kind === 'call' && n.name.toLowerCase() === 'parameters')) return `${what} you choose when installing`;
    if (tree && memberPath(tree) === 'subscription().id') return 'your subscription';
    return `another ${what.replace(/^an? /, '')}, named by ${value}`;
  }
  return `${what} ${textOf(value)}`;
}

/** Where a deployment puts its resources when that is not the deployment's own resource group, in words. */
function deploymentTarget(resource: JsonObject): string | undefined {
  const rg = prop(resource, 'resourceGroup');
  const sub = prop(resource, 'subscriptionId');
  const scope = prop(resource, 'scope');
  const sameGroup = (v: unknown) => v === undefined || (typeof v === 'string' && /^\[\s*resourceGroup\(\)\.name\s*\]$/i.test(v));
  const sameSubscription = (v: unknown) => v === undefined || (typeof v === 'string' && /^\[\s*subscription\(\)\.subscriptionId\s*\]$/i.test(v));
  if (scope !== undefined) return `at ${placeWords(scope, 'a scope')}`;
  if (!sameSubscription(sub)) return `in ${placeWords(sub, 'a subscription')}`;
  if (!sameGroup(rg)) return `in ${placeWords(rg, 'a resource group')}`;
  return undefined;
}

/**
 * Where an extension resource (one with `scope`) lands. Its scope is in the same resource group when it names a
 * resource relative to it (`Microsoft.X/type/name`, literal or built with format()/concat(), or resourceId() of a
 * type) or the resource group itself; `type` is then the scope's resource type, so the caller can tell whether the
 * package creates that resource or it already exists. Anything else (a resource ID the customer picks, the
 * subscription…) is outside, in words.
 */
function extensionTarget(scope: unknown): { outside?: string; type?: string; parameters?: boolean } {
  if (scope === undefined) return {};
  if (typeof scope !== 'string') return { outside: 'at a scope offerkit cannot read' };
  const text: string = scope;
  const expression: boolean = isExpression(text);
  if (!expression) return text.startsWith('/') ? { outside: `on ${text}` } : relativeType(text) ? { type: relativeType(text)! } : {};
  const tree = tryParseExpression(text);
  const inGroup = tree ? scopeInGroup(tree) : undefined;
  if (inGroup === undefined) return { outside: `on ${placeWords(text, 'an existing resource')}` };
  const parameters = Boolean(tree && [...walkExpression(tree)].some((n) => n.kind === 'call' && n.name.toLowerCase() === 'parameters'));
  return { ...(inGroup ? { type: inGroup } : {}), parameters };
}

const relativeType = (id: string): string | undefined => {
  if (id.startsWith('/') || !/^[\w.]+\.[\w]+\/[^/]+/.test(id)) return undefined;
  // Microsoft.X/types/name[/subtypes/name…]: the types, without the names.
  const segments = id.split('/').filter(Boolean);
  return [segments[0], ...segments.slice(1).filter((_x, k) => k % 2 === 0)].join('/');
};

/** The scope's resource type when it is in the deployment's resource group ('' for the group itself), else undefined. */
function scopeInGroup(node: ExprNode): string | undefined {
  if (node.kind === 'string') return node.value.startsWith('/') ? undefined : relativeType(node.value);
  if (memberPath(node) === 'resourcegroup().id') return '';
  if (node.kind !== 'call' || !node.args[0]) return undefined;
  const name = node.name.toLowerCase();
  if (name === 'format' || name === 'concat') return scopeInGroup(node.args[0]);
  // resourceId('Microsoft.X/type', name…): the first argument is a type, so no subscription or group is named.
  if (name === 'resourceid') return node.args[0].kind === 'string' && node.args[0].value.includes('/') ? node.args[0].value : undefined;
  if (name === 'extensionresourceid') return scopeInGroup(node.args[0]);
  return undefined;
}

/** What a package deploys (its mainTemplate.json, and the linked templates among `json`). */
export function deployedResources(main: unknown, json: PackageJson = new Map()): DeploymentModel {
  const model: DeploymentModel = { resources: [], unread: [], attribution: [] };
  if (!isObject(main)) return model;
  const scoped: { entry: DeployedResource; type: string; parameters: boolean }[] = [];
  /** Resources deployed into another resource group, with the expression that names it. */
  const grouped: { entry: DeployedResource; group: string }[] = [];
  const visit = (template: JsonObject, file: string, base: string, via: string[], outside: string | undefined, seen: readonly string[], group?: string) => {
    for (const r of collectResources(template, { nested: false, basePointer: base })) {
      if (model.resources.length >= MAX_RESOURCES) return;
      const name = textOf(prop(r.resource, 'name'));
      if (!isDeployment(r.resource)) {
        const own = r.parent ? {} : extensionTarget(prop(r.resource, 'scope'));
        const target = outside ?? own.outside ?? (r.fullType.toLowerCase() === 'microsoft.resources/resourcegroups' ? 'as a new resource group of your subscription' : undefined);
        const entry: DeployedResource = { type: r.fullType, resource: r.resource, file, pointer: r.pointer, via, ...(target ? { outside: target } : {}) };
        model.resources.push(entry);
        if (!target && own.type) scoped.push({ entry, type: own.type, parameters: own.parameters ?? false });
        if (group !== undefined && outside !== undefined) grouped.push({ entry, group });
        continue;
      }
      const own = outside ? undefined : deploymentTarget(r.resource);
      const where = outside ?? own;
      const inGroup = own !== undefined && typeof prop(r.resource, 'resourceGroup') === 'string' ? normalized(prop(r.resource, 'resourceGroup') as string) : group;
      const props = prop(r.resource, 'properties');
      const inline = prop(props, 'template');
      if (isObject(inline)) {
        if (!resourceEntries(inline).length) {
          if (/^pid-/i.test(name) || !name) model.attribution.push(name);
          continue;
        }
        if (via.length >= MAX_DEPTH) continue;
        visit(inline, file, `${r.pointer}/${keyOf(r.resource, 'properties')}/${keyOf(props, 'template')}`, [...via, name], where, seen, inGroup);
        continue;
      }
      const link = prop(props, 'templateLink');
      if (link === undefined) continue;
      const found = linkedFile(link, template, file, json);
      if ('why' in found || seen.includes(found.file) || via.length >= MAX_DEPTH) {
        model.unread.push({ name, file, pointer: r.pointer, link: 'why' in found ? found.shown : found.file, why: 'why' in found ? found.why : `${found.file} links back to itself` });
        continue;
      }
      const linked = json.get(found.file);
      if (!isObject(linked)) {
        model.unread.push({ name, file, pointer: r.pointer, link: found.file, why: `${found.file} is not a template offerkit can read` });
        continue;
      }
      visit(linked, found.file, '', [...via, name], where, [...seen, found.file], inGroup);
    }
  };
  visit(main, 'mainTemplate.json', '', [], undefined, ['mainTemplate.json']);
  // An AKS cluster's node resource group is created with the cluster and deleted with it ("AKS automatically deletes
  // the node resource group whenever the cluster is deleted": https://learn.microsoft.com/azure/aks/faq).
  const nodeGroups = new Set(model.resources.filter((r) => r.type.toLowerCase() === 'microsoft.containerservice/managedclusters').map((r) => prop(prop(r.resource, 'properties'), 'nodeResourceGroup')).filter((g): g is string => typeof g === 'string').map(normalized));
  for (const { entry, group } of grouped) {
    if (!nodeGroups.has(group)) continue;
    entry.outside = 'in the node resource group of the Kubernetes cluster the package creates';
    entry.deletedWithApplication = true;
  }
  // An extension on a resource the package does not create lands on one that exists already: the customer's.
  const created = new Set(model.resources.map((r) => r.type.toLowerCase()));
  // A child (blobServices/default of a storage account) exists with the parent the package creates.
  const createdHere = (type: string) => type.split('/').some((_x, k, parts) => k >= 1 && created.has(parts.slice(0, k + 1).join('/').toLowerCase()));
  for (const { entry, type, parameters } of scoped) {
    if (!type || createdHere(type)) continue;
    entry.outside = `on an existing ${type} ${parameters ? 'you choose when installing' : 'the package does not create'}`;
  }
  return model;
}

const normalized = (expression: string) => expression.replace(/\s+/g, '').toLowerCase();

/** The deployed resource types with their counts. */
export function typeCounts(model: DeploymentModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of model.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return counts;
}
