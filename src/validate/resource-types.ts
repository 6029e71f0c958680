// Every resource of a template against Azure's own types (src/arm/type-catalogue.ts): the type and api-version
// exist and can be deployed, the name fits, the body is what the provider accepts (src/validate/type-walk.ts).
// Computed once per template per validation and shared by the rules that report each kind of breach
// (resource-type-defined, resource-property-*, resource-name-format).

import { isExpression } from '../arm/expressions.js';
import { staticText, UNKNOWN_TEXT } from '../arm/static-eval.js';
import { collectResources, keyOf, prop, type JsonObject, type ResourceRef } from '../arm/template.js';
import { armTypeCatalogue, FLAG, type CatalogueType, type ProviderTypes, type TypeCatalogue } from '../arm/type-catalogue.js';
import { compileLinear, type LinearRegex } from '../util/linear-regex.js';
import { appendPointer } from '../util/json-pointer.js';
import { nearest } from '../util/nearest.js';
import { knownVersions, type ProviderCache } from './provider-cache.js';
import { checkDiscriminated, checkObject, type BreachSink, type TypeBreach, type TypeRuleId, type WalkContext } from './type-walk.js';
import type { Severity } from '../diagnostics.js';
import { LISTED_PER_RULE } from './engine.js';

export type { TypeBreach, TypeRuleId } from './type-walk.js';

/**
 * A template past the engine's LISTED_PER_RULE breaches of one rule gets the rest counted here, not listed: every
 * resource is still judged, and the breaches kept stay bounded as the engine's listed findings are.
 */
export { LISTED_PER_RULE };

/** The breaches of a template: listed up to LISTED_PER_RULE per rule, then counted. */
export class TypeBreaches implements BreachSink {
  readonly listed: TypeBreach[] = [];
  /** Per rule, the breaches past the listed ones: how many, and their default levels (undefined: the rule's). */
  readonly unlisted = new Map<TypeRuleId, { count: number; severities: Set<Severity | undefined>; first?: { pointer: string; key: boolean } }>();
  private readonly perRule = new Map<TypeRuleId, number>();

  push(b: TypeBreach): void {
    if (this.full(b.rule)) return this.count(b.rule, b.note ? 'info' : b.severity, b.pointer, b.key);
    this.perRule.set(b.rule, (this.perRule.get(b.rule) ?? 0) + 1);
    this.listed.push(b);
  }

  full(rule: TypeRuleId): boolean {
    return (this.perRule.get(rule) ?? 0) >= LISTED_PER_RULE;
  }

  count(rule: TypeRuleId, severity?: Severity, pointer?: string, key = false): void {
    const u = this.unlisted.get(rule) ?? { count: 0, severities: new Set(), ...(pointer !== undefined ? { first: { pointer, key } } : {}) };
    u.count++;
    u.severities.add(severity);
    this.unlisted.set(rule, u);
  }
}

/**
 * Resource properties that belong to the template language, not to the resource's body: ARM reads them and
 * sends the rest to the provider (Microsoft's "Resources" section of the template syntax,
 * learn.microsoft.com/azure/azure-resource-manager/templates/syntax#resources).
 */
const TEMPLATE_KEYWORDS: ReadonlySet<string> = new Set(['type', 'apiversion', 'name', 'condition', 'dependson', 'copy', 'comments', 'resources', 'scope', 'existing', 'metadata', 'apiprofile']);
/**
 * A nested deployment also takes the subscription and resource group it deploys to ("Deploy Azure resources to
 * more than one subscription or resource group", learn.microsoft.com/azure/azure-resource-manager/templates/
 * deploy-to-resource-group#cross-resource-groups).
 */
const DEPLOYMENT_KEYWORDS: ReadonlySet<string> = new Set([...TEMPLATE_KEYWORDS, 'resourcegroup', 'subscriptionid']);
const DEPLOYMENTS = 'microsoft.resources/deployments';
/**
 * Types a custom resource provider declares (`Microsoft.CustomProviders/resourceProviders/<its type>`) are the
 * publisher's own ("Custom resource provider resources", learn.microsoft.com/azure/azure-resource-manager/
 * custom-providers/custom-providers-resources-endpoint-how-to): no specification describes them.
 */
const CUSTOM_PROVIDER_CHILD = /^microsoft\.customproviders\/resourceproviders\/./i;

/** Unknown names get a "did you mean" only this many times per template (each costs a scan of the candidates). */
const SUGGESTIONS = 100;

interface Options {
  providerCache?: ProviderCache;
  catalogue?: TypeCatalogue;
}

const computed = new WeakMap<object, Map<string, TypeBreaches>>();

/** The breaches of every resource of `template` (at `base` in its file), in document order. */
export function typeBreaches(template: JsonObject, base: string, options: Options = {}): TypeBreaches {
  let byBase = computed.get(template);
  if (!byBase) computed.set(template, (byBase = new Map<string, TypeBreaches>()));
  const key = `${base}\u0000${options.providerCache?.source ?? ''}`;
  let out = byBase.get(key);
  if (!out) byBase.set(key, (out = breachesOf(template, base, options)));
  return out;
}

function breachesOf(template: JsonObject, base: string, options: Options): TypeBreaches {
  const catalogue = options.catalogue ?? armTypeCatalogue();
  const out = new TypeBreaches();
  let suggestions = SUGGESTIONS;
  const suggest = (name: string, candidates: () => Iterable<string>) => (suggestions-- > 0 ? nearest(name, candidates()) : undefined);
  const suggestAmong = (name: string, candidates: Iterable<string>) => suggest(name, () => candidates);
  for (const r of collectResources(template, { basePointer: base })) {
    if (r.innerScope) continue;
    // The catalogue's index is read for the first resource (a template without any reads nothing).
    if (!catalogue.describe()) break;
    const first = out.listed.length;
    checkResource(r);
    for (const b of out.listed.slice(first)) b.resource = r.pointer;
  }
  return out;

  function checkResource(r: ResourceRef): void {
    const resource = r.resource;
    // Extensibility resources (Bicep's `import`/`extension`) are not Azure resource types.
    if (keyOf(resource, 'import') || keyOf(resource, 'extension')) return;
    const type = deployedType(r, template);
    const tk = keyOf(resource, 'type');
    const vk = keyOf(resource, 'apiVersion');
    const version = literalText(vk ? resource[vk] : undefined);
    if (!type || !version || !tk) return;
    const ns = type.slice(0, type.indexOf('/'));
    const typeAt = appendPointer(r.pointer, tk);
    const versionAt = appendPointer(r.pointer, vk!);
    const cached = options.providerCache ? knownVersions(options.providerCache, [type]) : undefined;
    const knownToArm = cached?.some((v) => v.toLowerCase() === version.toLowerCase());
    const unknown = (message: string, pointer: string, hint?: string, severity?: 'warning' | 'error') => {
      if (knownToArm) out.push({ rule: 'resource-type-defined', pointer, note: true, message: `${type}@${version} is not in Azure's published specifications, though the provider cache (${options.providerCache!.source}) lists it; its properties were not checked.` });
      else out.push({ rule: 'resource-type-defined', pointer, message, ...(hint ? { hint } : {}), ...(severity ? { severity } : {}) });
    };
    if (CUSTOM_PROVIDER_CHILD.test(type)) return;
    const provider = catalogue.provider(ns);
    if (!provider) {
      const guess = suggest(ns, () => catalogue.namespaceNames());
      unknown(`Azure's specifications define no resource provider ${JSON.stringify(ns)} (type ${type}).${guess ? ` Did you mean ${JSON.stringify(guess)}?` : ''}`, typeAt);
      return;
    }
    const entry = provider.resources.get(type.toLowerCase());
    if (!entry) {
      const guess = suggest(type, () => [...provider.resources.values()].map((e) => e.name));
      unknown(`Azure's specifications define no resource type ${type} in ${provider.namespace}.${guess ? ` Did you mean ${JSON.stringify(guess)}?` : ''}`, typeAt);
      return;
    }
    const found = entry.versions.get(version.toLowerCase());
    const newestFirst = () => [...entry.versions.keys()].sort().reverse();
    const stableOf = (vs: string[]) => vs.filter((v) => !/-[a-z]/i.test(v));
    if (!found) {
      const versions = newestFirst();
      const stable = stableOf(versions);
      // Azure serves some versions its published specifications leave out (arm-ttk's cache of ARM's own list has
      // roleAssignments 2017-09-01, absent from the specifications): a version is certainly wrong only when the
      // provider cache, ARM's own list, does not have it either.
      const newest = `Its newest: ${(stable.length ? stable : versions).slice(0, 4).join(', ')}${versions.length > 4 ? ` (${versions.length} versions in all)` : ''}.`;
      const certain = cached !== undefined;
      unknown(`${entry.name} has no api-version ${JSON.stringify(version)} in Azure's specifications${certain ? ' nor in the provider cache' : ''}.`, versionAt, newest, certain ? 'error' : 'warning');
      return;
    }
    const label = `${entry.name}@${version}`;
    if (prop(resource, 'existing') === true) return;
    if (found.writableScopes === 0) {
      out.push({ rule: 'resource-type-defined', pointer: typeAt, message: `${label} can only be read: Azure's specifications give it no way to be created or updated, so a template can only refer to it as existing.` });
      return;
    }
    const w: WalkContext = { type: (i) => provider.type(i), described: describedOf(provider), suggest: suggestAmong, label, template, base, out };
    checkName(w, r, found.body, template);
    // A deployment is read by ARM's deployment engine, not a provider, and its specifications lag behind it
    // (2019-10-01 and 2020-08-01 leave out expressionEvaluationOptions, which the engine honours): its body is
    // checked against the newest stable version's.
    const isDeployment = type.toLowerCase() === DEPLOYMENTS;
    const newestStable = isDeployment ? stableOf(newestFirst())[0] : undefined;
    const bodyAt = newestStable ? entry.versions.get(newestStable)!.body : found.body;
    const keywords = isDeployment ? DEPLOYMENT_KEYWORDS : TEMPLATE_KEYWORDS;
    const child = type.split('/').length > 2;
    const before = out.listed.length;
    const body = provider.type(bodyAt);
    if (Array.isArray(body) && body[0] === 'o') checkObject(w, resource, body[1], body[2], r.pointer, '', 0, undefined, keywords);
    else if (Array.isArray(body) && body[0] === 'd') checkDiscriminated(w, resource, body, r.pointer, '', 0, undefined, keywords, ownName(r, template));
    // Older specifications mark `location` required on child (proxy) resources that take none (Microsoft.Web/
    // sites/config@2015-08-01): for a child, a missing location is a warning that doubts the specification.
    if (child) {
      for (const b of out.listed.slice(before)) {
        if (b.missing?.name.toLowerCase() !== 'location' || b.missing.path !== '') continue;
        b.severity = 'warning';
        b.doubtful = true;
        b.message = `${b.message} A child resource seldom takes a location: the specification may be wrong here.`;
      }
    }
  }
}

/** A string that is not an expression. */
const literalText = (v: unknown): string | undefined => (typeof v === 'string' && !isExpression(v) ? v : undefined);

const described = new WeakMap<ProviderTypes, WalkContext['described']>();
const describedOf = (p: ProviderTypes) => described.get(p) ?? described.set(p, new Map()).get(p)!;

/**
 * The type ARM deploys. An extension resource written `<parent type>/providers/<type>` with the name
 * `<parent name>/<Namespace>/<name>` (the form before `scope`) is of type `<Namespace>/<type>`.
 */
function deployedType(r: ResourceRef, template: unknown): string | undefined {
  const type = r.fullType;
  if (!type || type.includes('[') || !type.includes('/')) return undefined;
  const at = type.toLowerCase().indexOf('/providers/');
  if (at < 0) return type;
  const rest = type.slice(at + '/providers/'.length);
  const name = staticText(prop(r.resource, 'name'), template) ?? '';
  const ns = name.split('/').find((s) => /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/.test(s));
  return ns ? `${ns}/${rest}` : undefined;
}

/** The resource's own name (its last segment), where it is known before deployment. */
function ownName(r: ResourceRef, template: unknown): string | undefined {
  const text = staticText(prop(r.resource, 'name'), template);
  const own = text?.split('/').pop();
  return own === undefined || own.includes(UNKNOWN_TEXT) ? undefined : own;
}

/**
 * One character class, repeated, anchored (`^[a-z0-9]+$`, most name patterns): JavaScript's own engine runs it
 * in linear time, since it cannot backtrack.
 */
const ONE_CLASS = /^\^\[(?:[^\\\]]|\\.)+\](?:[+*]|\{\d+(?:,\d*)?\})\$$/;

const patterns = new Map<string, LinearRegex | undefined>();
/** A specification's pattern, run in linear time: any other shape goes to RE2 (some nest quantifiers). */
function pattern(p: string): LinearRegex | undefined {
  if (!patterns.has(p)) {
    let compiled: LinearRegex | undefined;
    if (ONE_CLASS.test(p)) {
      try {
        compiled = new RegExp(p);
      } catch {
        compiled = undefined;
      }
    }
    if (!compiled) {
      const c = compileLinear(p);
      compiled = 'regex' in c ? c.regex : undefined;
    }
    patterns.set(p, compiled);
  }
  return patterns.get(p);
}

/**
 * The resource's name: as many segments as its type below the namespace (for a child declared inside its
 * parent, as many as its own type), and its own segment of the length, pattern or value Azure allows.
 */
function checkName(w: WalkContext, r: ResourceRef, bodyType: number, template: unknown): void {
  const nk = keyOf(r.resource, 'name');
  if (!nk || r.fullType.toLowerCase().includes('/providers/')) return;
  const text = staticText(r.resource[nk], template);
  if (text === undefined) return;
  const pointer = appendPointer(r.pointer, nk);
  const declared = String(prop(r.resource, 'type'));
  const nestedFullType = r.parent && declared.split('/')[0].includes('.');
  const expected = r.parent ? (nestedFullType ? undefined : declared.split('/').length) : declared.split('/').length - 1;
  const segments = text.split('/');
  if (expected !== undefined && !text.includes(UNKNOWN_TEXT) && segments.length !== expected) {
    w.out.push({ rule: 'resource-name-format', pointer, message: `The name ${JSON.stringify(text)} has ${segments.length} segment${segments.length > 1 ? 's' : ''}; ${r.parent ? `a child declared as ${JSON.stringify(declared)} inside its parent` : `type ${declared}`} needs ${expected} (one per type below the namespace).` });
    return;
  }
  const own = segments[segments.length - 1];
  if (own.includes(UNKNOWN_TEXT)) return;
  const body = w.type(bodyType);
  const props = Array.isArray(body) && body[0] === 'o' ? body[1] : Array.isArray(body) && body[0] === 'd' ? body[2] : undefined;
  const nameType = props?.name && props.name[1] & FLAG.required ? w.type(props.name[0]) : undefined;
  if (nameType === undefined) return;
  const literals = literalsOf(w, nameType);
  if (literals && !literals.some((l) => l.toLowerCase() === own.toLowerCase())) {
    w.out.push({ rule: 'resource-name-format', pointer, message: `${w.label} must be named ${literals.map((l) => JSON.stringify(l)).join(' or ')}${segments.length > 1 ? ' (its last segment)' : ''}, not ${JSON.stringify(own)}.` });
    return;
  }
  if (!Array.isArray(nameType) || nameType[0] !== 's') return;
  const [, min, max, re] = nameType;
  if ((min != null && own.length < min) || (max != null && own.length > max)) {
    w.out.push({ rule: 'resource-name-format', pointer, message: `The name ${JSON.stringify(own)} of ${w.label} has ${own.length} characters; Azure allows ${min != null && max != null ? `${min} to ${max}` : min != null ? `${min} or more` : `at most ${max}`}.` });
  } else if (re && pattern(re) && !pattern(re)!.test(own)) {
    w.out.push({ rule: 'resource-name-format', pointer, severity: 'warning', message: `The name ${JSON.stringify(own)} of ${w.label} does not match the pattern Azure's specification gives for it: ${re}.` });
  }
}

/** The literals a name may be, when it may only be those. */
function literalsOf(w: WalkContext, t: CatalogueType): string[] | undefined {
  if (typeof t === 'string') return [t];
  if (t[0] === 'e') return t[2] ? undefined : t[1];
  if (t[0] !== 'u') return undefined;
  const els = t[1].map((e) => w.type(e));
  const literals = els.filter((e): e is string => typeof e === 'string');
  return literals.length === els.length ? literals : undefined;
}

