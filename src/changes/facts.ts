// What one version of a plan means for the customer, read from its package (mainTemplate, createUiDefinition)
// and, where the source has them, the definition properties and the offer: the data it requests, the policies
// and publisher access, the price, the regions, what gets deployed and the install form. Any package works —
// a vendor's app.zip as well as one offerkit renders — and what a source cannot tell stays undefined, so a
// comparison says "not compared" instead of inventing a change.

import { createHash } from 'node:crypto';
import { collectResources, isObject, prop, propPath } from '../arm/template.js';
import type { Offer, Plan } from '../offer/model.js';
import type { ApplicationDefinitionProperties } from '../render/definition.js';
import { priceText } from '../package-model/schedule-text.js';
import { stableJson } from '../util/stable-json.js';
import { consentStep, copyRequests } from '../package-model/consent-model.js';
import { deployedResources, typeCounts } from '../package-model/deployed-resources.js';
import { pipelineArtifacts } from '../package-model/pipeline-artifacts.js';
import { findControls, uiSteps } from '../package-model/ui-model.js';
import { textOf } from '../util/text-of.js';

export interface DataRequest {
  dataset: string;
  /** Undefined: every column (the copy names none). */
  columns?: string[];
  /** Null: no date window; undefined: not readable. */
  window?: { column: string; rollingDays?: number; start?: string; end?: string } | null;
  /** Lower-case group ids; empty: all users; undefined: not readable. */
  groups?: string[];
  purpose?: string;
}

export interface FormField {
  label: string;
  type: string;
  /** true, false, or the expression that decides it. */
  required: boolean | string;
  /** The default as JSON text, or undefined when there is none. */
  defaultValue?: string;
}

export interface Jit {
  enabled: boolean;
  approval?: string;
  maxDuration?: string;
}

export interface AccessFacts {
  /** `principalId role roleDefinitionId`, lower case. */
  authorizations?: string[];
  managementMode?: string;
  lockLevel?: string;
  allowedActions?: string[];
  notificationEndpoints?: string[];
  jit?: Jit;
}

export interface PolicyFact {
  definitionId: string;
  name?: string;
  /** Canonical JSON of the parameters ('{}' when none). */
  parameters: string;
}

export interface PlanFacts {
  plan: string;
  version?: string;
  /** Deployable package content, name → sha256 (README.md left out, offerkit's generator stamp ignored). */
  content?: Map<string, string>;
  /** SHA-256 of the app.zip, when the source knows it (offerkit's builds are byte-for-byte reproducible). */
  packageSha256?: string;
  data?: { requests: DataRequest[]; schedules: string[]; destinations: string[] };
  policies?: PolicyFact[];
  access: AccessFacts;
  price?: string;
  /** Allowed regions, sorted; 'any' when the package does not restrict them. */
  regions?: string[] | 'any';
  /** Resource type → count (top-level resources). */
  resources?: Map<string, number>;
  /** Field path → field. */
  form?: Map<string, FormField>;
}

/** The package's files as a source gives them: name → bytes. */
export type PackageFiles = ReadonlyMap<string, Buffer | Uint8Array>;

function json(files: PackageFiles, name: string): unknown {
  const bytes = [...files].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  if (!bytes) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/** One-line JSON with object keys sorted: equal values read the same whatever their key order. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const sorted = (a: string[]) => [...a].sort((x, y) => x.localeCompare(y));

/** Every file but the README, JSON compared by value (offerkit's generator stamp is not a change). */
function contentOf(files: PackageFiles): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (name.toLowerCase() === 'readme.md') continue;
    if (name.toLowerCase().endsWith('.json')) {
      const value = json(files, name);
      if (value !== undefined) {
        if (name.toLowerCase() === 'maintemplate.json' && isObject(value) && isObject(value.metadata)) {
          const { generator: _generator, ...metadata } = value.metadata;
          out.set(name, sha256(stableJson({ ...value, metadata })));
        } else out.set(name, sha256(stableJson(value)));
        continue;
      }
    }
    out.set(name, sha256(bytes));
  }
  return out;
}

function dataFacts(main: unknown, ui: unknown): PlanFacts['data'] {
  const copies = copyRequests(main);
  if (!copies.length) return { requests: [], schedules: [], destinations: [] };
  const purposes = new Map((consentStep(ui)?.requests ?? []).filter((r) => r.dataset).map((r) => [r.dataset!, r.purpose]));
  const requests: DataRequest[] = copies.map((c) => ({
    dataset: c.dataset ?? '(unreadable dataset)',
    ...(c.columns ? { columns: sorted(c.columns) } : {}),
    ...(c.window !== undefined && !c.unreadable.some((u) => u.startsWith('date window')) ? { window: c.window } : {}),
    ...(c.groups ? { groups: c.groups } : {}),
    ...(c.dataset && purposes.get(c.dataset) ? { purpose: purposes.get(c.dataset)! } : {}),
  }));
  const parts = pipelineArtifacts(main);
  const schedules = parts.triggers.map((t) => {
    const rec = propPath(t.node, 'properties.typeProperties.recurrence');
    const f = prop(rec, 'frequency');
    const i = prop(rec, 'interval');
    return typeof f === 'string' ? `every ${textOf(i, '1')} ${f.toLowerCase()}${i === 1 || i === undefined ? '' : 's'}` : textOf(prop(propPath(t.node, 'properties'), 'type'), 'trigger');
  });
  const destinations = parts.datasets
    .map((d) => propPath(d.node, 'properties'))
    .filter((p) => !/office365/i.test(textOf(prop(p, 'type'))))
    .map((p) => {
      const loc = propPath(p, 'typeProperties.location');
      const where = prop(loc, 'fileSystem') ?? prop(loc, 'container') ?? prop(loc, 'folderPath');
      return `${textOf(prop(p, 'type'), 'dataset')} files in ${typeof where === 'string' ? `container ${where}` : 'a storage location'}`;
    });
  return { requests: requests.sort((a, b) => a.dataset.localeCompare(b.dataset)), schedules: sorted(schedules), destinations: sorted([...new Set(destinations)]) };
}

function templatePolicies(main: unknown): PolicyFact[] {
  return collectResources(main)
    .filter((r) => r.fullType.toLowerCase() === 'microsoft.authorization/policyassignments')
    .map((r) => {
      const id = propPath(r.resource, 'properties.policyDefinitionId');
      const params = propPath(r.resource, 'properties.parameters');
      return { definitionId: textOf(id ?? '(unknown)'), ...(typeof prop(r.resource, 'name') === 'string' ? { name: textOf(prop(r.resource, 'name')) } : {}), parameters: compactJson(params ?? {}) };
    });
}

function jitOf(ui: unknown): Jit | undefined {
  const jit = findControls(ui, 'Microsoft.Solutions.JitConfigurator')[0];
  if (!jit) return { enabled: false };
  // The portal reads the choice from defaultValue; older packages put it under options.
  const o = isObject(prop(jit.node, 'defaultValue')) ? prop(jit.node, 'defaultValue') : prop(jit.node, 'options');
  const approval = prop(o, 'jitApprovalMode');
  const max = prop(o, 'maxAccessDuration');
  return { enabled: prop(o, 'jitEnabled') !== false, ...(typeof approval === 'string' ? { approval } : {}), ...(typeof max === 'string' ? { maxDuration: max } : {}) };
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

function formFacts(ui: unknown): Map<string, FormField> {
  const form = new Map<string, FormField>();
  const visit = (elements: unknown, path: string) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isObject(el)) continue;
      const name = textOf(prop(el, 'name'), '?');
      const type = textOf(prop(el, 'type'), '?');
      const here = `${path}.${name}`;
      const required = prop(prop(el, 'constraints'), 'required');
      const dv = prop(el, 'defaultValue');
      if (!/^microsoft\.common\.(section|infobox|textblock)$/i.test(type)) {
        form.set(here, {
          label: text(prop(el, 'label')) || name,
          type,
          required: typeof required === 'boolean' ? required : typeof required === 'string' ? required : false,
          ...(dv !== undefined ? { defaultValue: compactJson(dv) } : {}),
        });
      }
      visit(prop(el, 'elements'), here);
    }
  };
  visit(propPath(ui, 'parameters.basics'), 'basics');
  uiSteps(ui).forEach((step, i) => visit(step.elements, step.name ?? `step${i + 1}`));
  return form;
}

function regionsOf(ui: unknown): string[] | 'any' | undefined {
  const loc = propPath(ui, 'parameters.config.basics.location');
  const allowed = prop(loc, 'allowedValues');
  if (Array.isArray(allowed)) return sorted(allowed.map((a) => String(a).toLowerCase()));
  return ui === undefined ? undefined : 'any';
}

/** What the package deploys, by type: nested and linked deployments included, as the README lists it. */
function resourcesOf(main: unknown, files: PackageFiles): Map<string, number> {
  const linked = new Map<string, unknown>();
  for (const [name] of files) if (/\.json$/i.test(name) && name !== 'mainTemplate.json') linked.set(name, json(files, name));
  return typeCounts(deployedResources(main, linked));
}

/** Definition properties as the service catalog (or offerkit's definition.json) holds them. */
export interface DefinitionFacts {
  lockLevel?: string;
  authorizations?: { principalId: string; roleDefinitionId: string }[];
  lockingPolicy?: { allowedActions?: string[]; allowedDataActions?: string[] };
  notificationPolicy?: { notificationEndpoints: { uri: string }[] };
  policies?: { name?: string; policyDefinitionId?: string; parameters?: string }[];
  managementPolicy?: { mode?: string };
}

export function accessFromDefinition(def: DefinitionFacts): AccessFacts {
  return {
    authorizations: sorted((def.authorizations ?? []).map((a) => `${a.principalId} ${a.roleDefinitionId}`.toLowerCase())),
    ...(def.managementPolicy?.mode ? { managementMode: def.managementPolicy.mode } : {}),
    ...(def.lockLevel ? { lockLevel: def.lockLevel } : {}),
    allowedActions: sorted([...(def.lockingPolicy?.allowedActions ?? []), ...(def.lockingPolicy?.allowedDataActions ?? [])]),
    notificationEndpoints: sorted((def.notificationPolicy?.notificationEndpoints ?? []).map((e) => e.uri)),
  };
}

export function policiesFromDefinition(def: DefinitionFacts): PolicyFact[] {
  return (def.policies ?? []).map((p) => {
    let parameters = '{}';
    try {
      parameters = compactJson(p.parameters ? (JSON.parse(p.parameters) as unknown) : {});
    } catch {
      parameters = p.parameters ?? '{}';
    }
    return { definitionId: String(p.policyDefinitionId ?? '(unknown)'), ...(p.name ? { name: p.name } : {}), parameters };
  });
}

/** README facts for packages with no definition beside them: version and price from offerkit's README line. */
export function readmeFacts(files: PackageFiles): { version?: string; price?: string; policyIds?: string[] } {
  const bytes = [...files].find(([n]) => n.toLowerCase() === 'readme.md')?.[1];
  if (!bytes) return {};
  const readme = Buffer.from(bytes).toString('utf8');
  const head = /^Publisher: .*? · Plan version (\S+) · (.+)$/m.exec(readme);
  const section = /^## Policies\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  const policyIds = section ? [...section.matchAll(/`(\/providers\/Microsoft\.Authorization\/policyDefinitions\/[^`]+)`/gi)].map((m) => m[1]) : undefined;
  return { ...(head ? { version: head[1], price: head[2] } : {}), ...(policyIds ? { policyIds } : {}) };
}

/** Facts from a package and whatever the source knows beside it. */
export function factsFromPackage(plan: string, files: PackageFiles, extra: { definition?: DefinitionFacts; version?: string; price?: string; regions?: string[] } = {}): PlanFacts {
  const main = json(files, 'mainTemplate.json');
  const ui = json(files, 'createUiDefinition.json');
  const readme = readmeFacts(files);
  const stamped = propPath(main, 'metadata.planVersion');
  const version = extra.version ?? (typeof stamped === 'string' ? stamped : readme.version);
  const access: AccessFacts = extra.definition ? accessFromDefinition(extra.definition) : {};
  const jit = ui !== undefined ? jitOf(ui) : undefined;
  if (jit) access.jit = jit;
  let policies: PolicyFact[] | undefined;
  if (extra.definition) policies = [...policiesFromDefinition(extra.definition), ...templatePolicies(main)];
  else if (readme.policyIds) policies = [...readme.policyIds.map((definitionId) => ({ definitionId, parameters: '(not known from the README)' })), ...templatePolicies(main)];
  const price = extra.price ?? readme.price;
  const regions = extra.regions ? sorted(extra.regions.map((r) => r.toLowerCase())) : regionsOf(ui);
  return {
    plan,
    ...(version ? { version } : {}),
    content: contentOf(files),
    ...(main !== undefined ? { data: dataFacts(main, ui), resources: resourcesOf(main, files) } : {}),
    ...(policies ? { policies } : {}),
    access,
    ...(price ? { price } : {}),
    ...(regions ? { regions } : {}),
    ...(ui !== undefined ? { form: formFacts(ui) } : {}),
  };
}

/** Facts of a plan offerkit rendered from an offer: everything is known. */
export function factsFromOffer(offer: Offer, plan: Plan, files: PackageFiles, definition: ApplicationDefinitionProperties | undefined): PlanFacts {
  return factsFromPackage(plan.id, files, {
    ...(definition ? { definition } : {}),
    version: plan.version,
    price: priceText(plan.price),
    ...(offer.regions.allowed.length ? { regions: offer.regions.allowed } : {}),
  });
}
