// Loads an offer folder: reads offer.yaml with positions, validates it against schemas/offer.schema.json,
// resolves the template set, datasets, policies, plans and referenced files, and returns the Offer model
// or every diagnostic found (file, line, column, and what to do).

import { basename, dirname, join, resolve } from 'node:path';
import { hasErrors, UserError, type Diagnostic } from '../diagnostics.js';
import { displayPath, FileRoot } from '../fs/read-inside.js';
import { findUnsafeChar } from '../fs/text.js';
import { loadPolicyLibrary } from '../policies/library.js';
import { listTemplateSets, loadTemplateSet, MANIFEST_NAME, shippedTemplateSet, type TemplateSet } from '../template-set/template-set.js';
import { loadValidator } from '../util/compiled-schema.js';
import { didYouMean } from '../util/nearest.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource, type YamlSource } from '../util/yaml-source.js';
import type { Management, MarketplacePlan, Offer } from './model.js';
import { MAX_LOGO_FILE, pngSize, readOfferBytes, readOfferText } from './offer-files.js';
import { error, locator, warning, type Locator, type RawOffer } from './raw.js';
import { resolveCategories } from './resolve-categories.js';
import { checkDataConnect } from './check-data-connect.js';
import { resolveRequiredData } from './resolve-data.js';
import { resolvePlans } from './resolve-plans.js';
import { resolvePolicies } from './resolve-policies.js';

export const OFFER_FILE = 'offer.yaml';
const MAX_OFFER_FILE = 1024 * 1024;
/** Built-in Owner: can delete the resource group, which ARM refuses for managed-application authorizations. */
const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export interface LoadedOffer {
  offer?: Offer;
  templateSet?: TemplateSet;
  diagnostics: Diagnostic[];
}

export { displayPath };

export async function loadOffer(dirOrFile: string): Promise<LoadedOffer> {
  let dir = resolve(dirOrFile);
  if (basename(dir) === OFFER_FILE || /\.ya?ml$/.test(dir)) dir = dirname(dir);
  const path = join(dir, OFFER_FILE);
  const file = displayPath(path);
  const missing = { diagnostics: [{ code: 'offer-missing', severity: 'error' as const, message: `No ${OFFER_FILE} in ${displayPath(dir)}.`, file, hint: 'Create one with `offerkit init <dir>`.' }] };
  let root: FileRoot;
  try {
    root = await FileRoot.open(dir, `the offer folder ${displayPath(dir)}`, { sourceTree: true });
  } catch (e) {
    if (e instanceof UserError) return missing;
    throw e;
  }
  const read = await root.readText(OFFER_FILE, { maxBytes: MAX_OFFER_FILE, what: OFFER_FILE, code: 'offer' });
  if (read.text === undefined) return read.missing ? missing : { diagnostics: read.diagnostics };
  const source = parseYamlSource(read.text);
  const diagnostics: Diagnostic[] = source.diagnostics.map((d) => ({ ...d, file }));
  if (source.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  diagnostics.push(...unsafeCharacters(source, file));
  if (hasErrors(diagnostics)) return { diagnostics };
  const validate = await loadValidator('offer');
  if (!validate(source.value)) {
    diagnostics.push(...schemaErrorsToDiagnostics(validate.errors ?? [], source, file, { codePrefix: 'offer' }));
    return { diagnostics };
  }
  const raw = source.value as RawOffer;
  const at = locator(source, file);

  // Template set.
  const set = await resolveTemplateSet(raw, root, at, diagnostics);

  // Datasets, policies, files: independent, all reported together.
  const data = resolveRequiredData(raw.requiredData ?? [], at);
  diagnostics.push(...data.diagnostics);
  const library = await loadPolicyLibrary();
  diagnostics.push(...library.diagnostics);
  const pol = resolvePolicies(raw, library, at);
  diagnostics.push(...pol.diagnostics);
  const description = await readTextOrFile(raw.description, root, at('/description'), diagnostics);
  const terms = await readTextOrFile(raw.terms, root, at('/terms'), diagnostics);
  const logo = raw.logo ? await readLogo(raw.logo, root, at('/logo'), diagnostics) : undefined;
  const management = resolveManagement(raw, at, diagnostics);
  const categories = resolveCategories(raw.categories, at);
  diagnostics.push(...categories.diagnostics);

  let plans: Offer['plans'] = [];
  if (set) {
    const p = resolvePlans(raw, set, at);
    diagnostics.push(...p.diagnostics);
    plans = p.plans;
    for (const need of set.requires) {
      const missing = need === 'requiredData' ? !raw.requiredData?.length : raw[need] === undefined;
      if (missing) diagnostics.push(error(at('', { key: false }), 'offer-missing-section', `Template set "${set.name}" needs "${need}" in the offer.`, need === 'requiredData' ? 'List the datasets and columns the app copies under requiredData.' : undefined));
    }
  }
  for (const id of Object.keys(raw.marketplace?.plans ?? {})) {
    if (!raw.plans.some((p) => p.id === id)) diagnostics.push(error(at(`/marketplace/plans/${id}`, { key: true }), 'offer-unknown-plan', `marketplace.plans names "${id}", which is not a plan of this offer.${didYouMean(id, raw.plans.map((p) => p.id))}`));
  }
  const mk = raw.marketplace;
  if (mk?.resellers === 'PartialOptIn' && !mk.resellerTenants?.length) {
    diagnostics.push(error(at('/marketplace/resellers'), 'offer-reseller-tenants', 'resellers: PartialOptIn lets only chosen CSP partners resell the offer, but marketplace.resellerTenants names none.', 'List their Microsoft Entra tenant ids under marketplace.resellerTenants, or use resellers: Enabled or Disabled.'));
  } else if (mk?.resellerTenants?.length && mk.resellers !== 'PartialOptIn') {
    diagnostics.push(warning(at('/marketplace/resellerTenants', { key: true }), 'offer-reseller-tenants', 'marketplace.resellerTenants has effect only with resellers: PartialOptIn.'));
  }
  diagnostics.push(...checkDataConnect(raw, set, management, at));
  if (pol.policies.some((p) => p.policy.id === 'allowed-locations') && !raw.regions?.allowed) {
    diagnostics.push(warning(at('/policies'), 'offer-regions-missing', 'The allowed-locations policy is attached but regions.allowed is not set; the template cannot restrict the region choice.', 'Add regions: { allowed: [...] }.'));
  }

  if (hasErrors(diagnostics) || !set || description === undefined || terms === undefined) return { diagnostics };
  const offer: Offer = {
    dir,
    root,
    file,
    source,
    id: raw.id,
    publisher: raw.publisher,
    displayName: raw.displayName,
    summary: raw.summary,
    description,
    terms,
    privacyUrl: raw.privacyUrl,
    support: raw.support,
    categories: categories.categories,
    keywords: raw.keywords ?? [],
    ...(logo ? { logo } : {}),
    template: { ...(raw.template.set ? { set: raw.template.set } : {}), ...(raw.template.path ? { path: raw.template.path } : {}), dir: set.dir, inputs: raw.template.inputs ?? {} },
    requiredData: data.requiredData,
    ...(raw.schedule ? { schedule: raw.schedule } : {}),
    sink: { kind: raw.sink?.kind ?? 'adlsGen2', format: raw.sink?.format ?? 'parquet', container: raw.sink?.container ?? 'm365data' },
    regions: { allowed: raw.regions?.allowed ?? [] },
    policies: pol.policies,
    management,
    plans,
    marketplace: resolveMarketplace(raw, plans),
    publish: { serviceCatalog: (raw.publish?.serviceCatalog ?? {}), marketplace: raw.publish?.marketplace ?? {} },
  };
  return { offer, templateSet: set, diagnostics };
}

/**
 * Every text value of offer.yaml reaches a customer somewhere (listing, README, preview, portal): control
 * characters and bidirectional overrides are refused where they stand.
 */
function unsafeCharacters(source: YamlSource, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (v: unknown, pointer: string, depth: number) => {
    if (depth > 100 || out.length >= 20) return;
    if (typeof v === 'string') {
      const bad = findUnsafeChar(v);
      if (bad) {
        const pos = source.locate(pointer);
        out.push({ code: 'offer-unsafe-character', severity: 'error', message: `The text at ${pointer || '/'} contains ${bad.label} at character ${bad.index + 1}; such characters can hide or reorder what a customer reads.`, file, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}), hint: 'Delete the character (in YAML it often comes from an escape such as "\\u202E" or "\\0").' });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${pointer}/${i}`, depth + 1));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const kp = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const badKey = findUnsafeChar(k);
        if (badKey) {
          const pos = source.locate(kp, { key: true });
          out.push({ code: 'offer-unsafe-character', severity: 'error', message: `A key contains ${badKey.label}.`, file, pointer: kp, ...(pos ? { line: pos.line, column: pos.column } : {}) });
        }
        visit(x, kp, depth + 1);
      }
    }
  };
  visit(source.value, '', 0);
  return out;
}

async function resolveTemplateSet(raw: RawOffer, root: FileRoot, at: Locator, diagnostics: Diagnostic[]): Promise<TemplateSet | undefined> {
  let setRoot: FileRoot | undefined;
  // Where the set's partials may come from: the sets beside it (offerkit's templates/, or the offer folder).
  let shared: FileRoot = root;
  if (raw.template.set) {
    const known = await listTemplateSets();
    if (!known.includes(raw.template.set)) {
      diagnostics.push(error(at('/template/set'), 'offer-unknown-template-set', `Template set "${raw.template.set}" does not exist.${didYouMean(raw.template.set, known)}`, `Available template sets: ${known.join(', ')}.`));
      return undefined;
    }
    const shipped = await shippedTemplateSet(raw.template.set);
    setRoot = shipped.root;
    shared = shipped.shared;
  } else if (raw.template.path) {
    const where = at('/template/path');
    const sub = await root.sub(raw.template.path, { maxBytes: 0, what: 'Template set folder', code: 'offer', at: where, label: `the template set folder ${raw.template.path}` });
    if (!(sub instanceof FileRoot)) {
      const escapes = sub.diagnostics.some((d) => /path-escape|link-escape/.test(d.code));
      diagnostics.push(...sub.diagnostics.map((d) => (escapes ? { ...d, hint: 'Put a custom template set inside the offer folder, or use a shared one with template.set.' } : sub.missing ? { ...d, hint: `A template set folder holds ${MANIFEST_NAME} and its templates.` } : d)));
      return undefined;
    }
    setRoot = sub;
  }
  if (!setRoot) return undefined;
  const loaded = await loadTemplateSet(setRoot, shared);
  diagnostics.push(...loaded.diagnostics);
  return loaded.set;
}

async function readTextOrFile(value: string | { file: string }, root: FileRoot, where: ReturnType<Locator>, diagnostics: Diagnostic[]): Promise<string | undefined> {
  if (typeof value === 'string') return value;
  const r = await readOfferText(root, value.file, { ...where, pointer: `${where.pointer}/file` });
  diagnostics.push(...r.diagnostics);
  return r.text;
}

async function readLogo(rel: string, root: FileRoot, where: ReturnType<Locator>, diagnostics: Diagnostic[]): Promise<Offer['logo']> {
  const r = await readOfferBytes(root, rel, where, MAX_LOGO_FILE);
  diagnostics.push(...r.diagnostics);
  if (!r.bytes || !r.path) return undefined;
  const size = pngSize(r.bytes);
  if (!size) {
    diagnostics.push(error(where, 'offer-logo-invalid', `Logo ${rel} is not a PNG image.`));
    return undefined;
  }
  if (size.width !== 216 || size.height !== 216) {
    diagnostics.push(warning(where, 'offer-logo-size', `Logo ${rel} is ${size.width}×${size.height}; Partner Center expects 216×216 pixels.`));
  }
  return { path: r.path, bytes: r.bytes, width: size.width, height: size.height };
}

/** The first sentence of a text when it fits `max` characters, else the text itself when it fits. */
function shortForm(text: string, max: number): string | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const first = /^(.+?[.!?])(\s|$)/.exec(t)?.[1];
  return first && first.length <= max ? first : undefined;
}

function resolveMarketplace(raw: RawOffer, plans: Offer['plans']): Offer['marketplace'] {
  const m = raw.marketplace ?? {};
  const markets = m.markets ?? ['US'];
  const perPlan = new Map<string, MarketplacePlan>();
  for (const p of plans) {
    const given = Object.hasOwn(m.plans ?? {}, p.id) ? m.plans![p.id] : {};
    const summary = given.summary ?? shortForm(p.description, 100);
    perPlan.set(p.id, { hidden: given.hidden ?? false, ...(summary ? { summary } : {}), markets: given.markets ?? markets, meterId: given.meterId ?? 'users' });
  }
  return {
    alias: m.alias ?? raw.displayName,
    shortDescription: m.shortDescription ?? raw.summary,
    markets,
    previewAudience: (m.previewAudience ?? []).map((a) => (typeof a === 'string' ? { id: a.toLowerCase(), description: 'Preview audience' } : { id: a.subscription.toLowerCase(), description: a.description ?? 'Preview audience' })),
    ...(m.tenantId ? { tenantId: m.tenantId.toLowerCase() } : {}),
    engineeringContact: m.engineeringContact ?? { name: raw.support.name, email: raw.support.email, ...(raw.support.phone ? { phone: raw.support.phone } : {}) },
    usefulLinks: m.usefulLinks ?? [],
    ...(m.leads ? { leads: m.leads } : {}),
    resellers: { channel: m.resellers ?? 'Enabled', tenants: (m.resellerTenants ?? []).map((t) => t.toLowerCase()) },
    plans: perPlan,
  };
}

function resolveManagement(raw: RawOffer, at: Locator, diagnostics: Diagnostic[]): Management {
  const m = raw.management ?? {};
  (m.authorizations ?? []).forEach((a, i) => {
    if (a.roleDefinitionId.toLowerCase() === OWNER_ROLE) {
      diagnostics.push(error(at(`/management/authorizations/${i}/roleDefinitionId`), 'offer-owner-authorization', 'The Owner role cannot be granted on a managed resource group: ARM refuses authorization roles that may delete the resource group.', 'Use Contributor (b24988ac-6180-42a0-ab88-20f7382dd24c) or a narrower role.'));
    }
  });
  const lockLevel = m.lockLevel ?? 'ReadOnly';
  if (m.lockingPolicy && lockLevel === 'None') {
    diagnostics.push(warning(at('/management/lockingPolicy', { key: true }), 'offer-locking-policy-unused', 'lockingPolicy has no effect when lockLevel is None (there is no deny assignment to exempt actions from).'));
  }
  if (m.jitAccess?.enabled && (m.authorizations ?? []).length === 0) {
    diagnostics.push(warning(at('/management/jitAccess'), 'offer-jit-without-authorizations', 'Just-in-time access is enabled but no authorizations are declared: there is nobody to grant access to.'));
  }
  return {
    lockLevel,
    authorizations: (m.authorizations ?? []).map((a) => ({ principalId: a.principalId.toLowerCase(), roleDefinitionId: a.roleDefinitionId.toLowerCase(), ...(a.description ? { description: a.description } : {}) })),
    deploymentPolicy: m.deploymentPolicy ?? 'Incremental',
    managementPolicy: m.managementPolicy ?? 'Managed',
    ...(m.lockingPolicy ? { lockingPolicy: { allowedActions: m.lockingPolicy.allowedActions ?? [], allowedDataActions: m.lockingPolicy.allowedDataActions ?? [] } } : {}),
    notificationEndpoints: m.notificationEndpoints ?? [],
    jitAccess: { enabled: m.jitAccess?.enabled ?? false, approval: m.jitAccess?.approval ?? 'manual', maximumDuration: m.jitAccess?.maximumDuration ?? 'PT8H' },
    isEnabled: m.isEnabled ?? true,
  };
}
