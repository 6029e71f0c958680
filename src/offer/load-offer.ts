// Loads an offer folder: reads offer.yaml with positions, validates it against schemas/offer.schema.json,
// resolves the template set, datasets, policies, plans and referenced files, and returns the Offer model
// or every diagnostic found (file, line, column, and what to do).

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { loadPolicyLibrary } from '../policies/library.js';
import { listTemplateSets, loadTemplateSet, inside, TEMPLATES_DIR, type TemplateSet } from '../render/template-set.js';
import { loadValidator } from '../util/compiled-schema.js';
import { didYouMean } from '../util/nearest.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource } from '../util/yaml-source.js';
import type { Management, Offer } from './model.js';
import { decodeText, MAX_LOGO_FILE, MAX_TEXT_FILE, pngSize, readOfferFile } from './offer-files.js';
import { error, locator, warning, type Locator, type RawOffer } from './raw.js';
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

export const displayPath = (p: string): string => relative(process.cwd(), p) || '.';

export async function loadOffer(dirOrFile: string): Promise<LoadedOffer> {
  let dir = resolve(dirOrFile);
  if (basename(dir) === OFFER_FILE || /\.ya?ml$/.test(dir)) dir = dirname(dir);
  const path = join(dir, OFFER_FILE);
  const file = displayPath(path);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) {
    return { diagnostics: [{ code: 'offer-missing', severity: 'error', message: `No ${OFFER_FILE} in ${displayPath(dir)}.`, file, hint: 'Create one with `offerkit init <dir>`.' }] };
  }
  if (st.size > MAX_OFFER_FILE) {
    return { diagnostics: [{ code: 'offer-file-too-large', severity: 'error', message: `${OFFER_FILE} is ${st.size} bytes; the limit is ${MAX_OFFER_FILE}.`, file }] };
  }
  const source = parseYamlSource(decodeText(await readFile(path)));
  const diagnostics: Diagnostic[] = source.diagnostics.map((d) => ({ ...d, file }));
  if (source.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const validate = await loadValidator('offer');
  if (!validate(source.value)) {
    diagnostics.push(...schemaErrorsToDiagnostics(validate.errors ?? [], source, file, { codePrefix: 'offer' }));
    return { diagnostics };
  }
  const raw = source.value as RawOffer;
  const at = locator(source, file);

  // Template set.
  const set = await resolveTemplateSet(raw, dir, at, diagnostics);

  // Datasets, policies, files: independent, all reported together.
  const data = resolveRequiredData(raw.requiredData ?? [], at);
  diagnostics.push(...data.diagnostics);
  const library = await loadPolicyLibrary();
  diagnostics.push(...library.diagnostics);
  const pol = resolvePolicies(raw, library, at);
  diagnostics.push(...pol.diagnostics);
  const description = await readTextOrFile(raw.description, dir, at('/description'), diagnostics);
  const terms = await readTextOrFile(raw.terms, dir, at('/terms'), diagnostics);
  const logo = raw.logo ? await readLogo(raw.logo, dir, at('/logo'), diagnostics) : undefined;
  const management = resolveManagement(raw, at, diagnostics);

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
  if (pol.policies.some((p) => p.policy.id === 'allowed-locations') && !raw.regions?.allowed) {
    diagnostics.push(warning(at('/policies'), 'offer-regions-missing', 'The allowed-locations policy is attached but regions.allowed is not set; the template cannot restrict the region choice.', 'Add regions: { allowed: [...] }.'));
  }

  if (hasErrors(diagnostics) || !set || description === undefined || terms === undefined) return { diagnostics };
  const offer: Offer = {
    dir,
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
    categories: raw.categories ?? [],
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
    publish: { serviceCatalog: (raw.publish?.serviceCatalog ?? {}) as Offer['publish']['serviceCatalog'], marketplace: raw.publish?.marketplace ?? {} },
  };
  return { offer, templateSet: set, diagnostics };
}

async function resolveTemplateSet(raw: RawOffer, dir: string, at: Locator, diagnostics: Diagnostic[]): Promise<TemplateSet | undefined> {
  let setDir: string | undefined;
  if (raw.template.set) {
    setDir = join(TEMPLATES_DIR, raw.template.set);
    if (!existsSync(join(setDir, 'templateset.yaml'))) {
      const known = await listTemplateSets();
      diagnostics.push(error(at('/template/set'), 'offer-unknown-template-set', `Template set "${raw.template.set}" does not exist.${didYouMean(raw.template.set, known)}`, `Available template sets: ${known.join(', ')}.`));
      return undefined;
    }
  } else if (raw.template.path) {
    setDir = inside(dir, raw.template.path);
    if (!setDir) {
      diagnostics.push(error(at('/template/path'), 'offer-path-escape', `Template path ${JSON.stringify(raw.template.path)} points outside the offer folder.`, 'Put a custom template set inside the offer folder, or use a shared one with template.set.'));
      return undefined;
    }
  }
  if (!setDir) return undefined;
  const loaded = await loadTemplateSet(setDir);
  diagnostics.push(...loaded.diagnostics);
  return loaded.set;
}

async function readTextOrFile(value: string | { file: string }, dir: string, where: ReturnType<Locator>, diagnostics: Diagnostic[]): Promise<string | undefined> {
  if (typeof value === 'string') return value;
  const r = await readOfferFile(dir, value.file, { ...where, pointer: `${where.pointer}/file` }, MAX_TEXT_FILE);
  diagnostics.push(...r.diagnostics);
  return r.bytes ? decodeText(r.bytes) : undefined;
}

async function readLogo(rel: string, dir: string, where: ReturnType<Locator>, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const r = await readOfferFile(dir, rel, where, MAX_LOGO_FILE);
  diagnostics.push(...r.diagnostics);
  if (!r.bytes) return undefined;
  const size = pngSize(r.bytes);
  if (!size) {
    diagnostics.push(error(where, 'offer-logo-invalid', `Logo ${rel} is not a PNG image.`));
    return undefined;
  }
  if (size.width !== 216 || size.height !== 216) {
    diagnostics.push(warning(where, 'offer-logo-size', `Logo ${rel} is ${size.width}×${size.height}; Partner Center expects 216×216 pixels.`));
  }
  return r.path;
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
