// What the preview shows, computed from the offer folder on every render: the listing, the plans and what
// differs between them, the terms, the data requested column by column (and what is not requested), the
// policies and publisher access in plain words, the cost model, and per plan the createUiDefinition the
// install wizard runs with the diagnostics the validator found. Plain data: the page renders it and the
// browser script receives the parts it needs as JSON.

import { categoryLabel } from '../offer/marketplace-categories.js';
import { renderAndValidateOffer } from '../pipeline/offer-pipeline.js';
import { isObject, prop } from '../arm/template.js';
import { deployedResources, typeCounts } from '../package-model/deployed-resources.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RequiredData } from '../offer/model.js';
import { consentTexts } from '../package-model/consent-text.js';
import { copyRequests } from '../package-model/consent-model.js';
import { pipelineArtifacts } from '../package-model/pipeline-artifacts.js';
import { nextSteps, type NextSteps } from '../package-model/next-steps.js';
import type { AfterInstallDeclaration } from '../template-set/template-set.js';
import { lockLevelText, publisherAccessText, deployedResourceWords, outsideWords } from '../render/plain-words.js';
import type { PipelinePlan } from '../pipeline/offer-pipeline.js';
import type { PlanChanges } from '../changes/compare.js';
import { meteringText, priceText, scheduleText } from '../package-model/schedule-text.js';
import type { CostDataset, CostInputs, CostPlan, Pricing } from './client/cost.js';
import { markdownToHtml } from '../render/markdown.js';
import { loadPricing } from './pricing.js';
import { textOf } from '../util/text-of.js';
import { displayPath } from '../fs/read-inside.js';

export interface PlanView {
  id: string;
  displayName: string;
  description: string;
  version: string;
  priceText: string;
  /** How a per-user price is counted (the Marketplace Metering Service), when it is one. */
  meteringText?: string;
  inputs: Record<string, unknown>;
  /** Plain-words resource → count (top-level resources of mainTemplate). */
  resources: Record<string, number>;
  retentionText: string;
  diagnostics: Diagnostic[];
  createUiDefinition?: unknown;
  /** mainTemplate parameters: name → type and whether it has a default. */
  templateParameters?: Record<string, { type: string; hasDefault: boolean }>;
  cost: CostPlan;
  /** What this version changes since the configured baseline (offerkit.config baseline). */
  changes?: PlanChanges;
  /** What the customer does after installing, until the first copy, and how to stop. */
  nextSteps: NextSteps;
}

export interface DatasetView {
  name: string;
  title: string;
  description: string;
  columns: { name: string; type: string; description: string }[];
  absentColumns: string[];
  dateWindow: string;
  users: string;
  groups: string[];
  purpose: string;
}

export interface PreviewModel {
  /** Diagnostics that stop the preview (the offer does not load). */
  fatal: Diagnostic[];
  /** Offer-level findings (not tied to one plan's package). */
  diagnostics: Diagnostic[];
  /** The template set's folder (the static export may not be written into it). */
  templateSetDir?: string;
  offer?: {
    id: string;
    displayName: string;
    summary: string;
    descriptionHtml: string;
    termsHtml: string;
    publisher: { name: string; website?: string };
    categories: string[];
    keywords: string[];
    support: { name: string; email: string; phone?: string; url?: string };
    privacyUrl: string;
    logoDataUri?: string;
  };
  plans: PlanView[];
  defaultPlan?: string;
  data?: { datasets: DatasetView[]; schedule: string; destination: string; approval: string };
  policies: { displayName: string; guarantee: string; builtIn: string; definitionId: string }[];
  access: string[];
  regions: string[];
  pricing?: { prices: Pricing; source: string };
  costDatasets: CostDataset[];
  costDefaults?: CostInputs;
  /** Template-set input → the label the set gives it (else the input's name). */
  inputLabels: Record<string, string>;
}

const FREQUENCIES = ['Hour', 'Day', 'Week', 'Month'] as const;

export async function buildPreviewModel(offerDir: string, options: { plan?: string } = {}): Promise<PreviewModel> {
  const r = await renderAndValidateOffer(offerDir, []);
  const model: PreviewModel = { fatal: [], diagnostics: [], plans: [], policies: [], access: [], regions: [], costDatasets: [], inputLabels: Object.create(null) as Record<string, string> };
  const offer = r.offer;
  if (!offer) {
    model.fatal = r.diagnostics.filter((d) => d.severity !== 'info');
    return model;
  }
  if (r.templateSet) {
    model.templateSetDir = r.templateSet.dir;
    for (const [name, spec] of r.templateSet.inputs) model.inputLabels[name] = spec.label ?? name;
  }
  const byPlan = new Map(r.rendered.map((p) => [p.label, p.plan.id]));
  // A finding in a plan's package belongs to that plan; one moved to the template set's own files (an adopted
  // package's templates, its static files) concerns every plan the set renders.
  const setDir = r.templateSet ? displayPath(r.templateSet.dir) : undefined;
  const inSet = (d: Diagnostic) => Boolean(setDir && d.file && (d.file === setDir || d.file.startsWith(`${setDir}/`)));
  const plansOf = (d: Diagnostic): string[] => {
    const own = [...byPlan].find(([label]) => d.file?.startsWith(label))?.[1];
    return own ? [own] : inSet(d) ? [...byPlan.values()] : [];
  };
  model.diagnostics = r.diagnostics.filter((d) => d.severity !== 'info' && !plansOf(d).length);
  const pricing = await loadPricing(offer.root);
  model.diagnostics.push(...pricing.diagnostics);
  model.pricing = { prices: pricing.pricing, source: pricing.source };

  const logo = offer.logo ? `data:image/png;base64,${offer.logo.bytes.toString('base64')}` : undefined;
  model.offer = {
    id: offer.id,
    displayName: offer.displayName,
    summary: offer.summary,
    descriptionHtml: markdownToHtml(offer.description, { topLevel: 2 }),
    termsHtml: markdownToHtml(offer.terms),
    publisher: { name: offer.publisher.name, ...(offer.publisher.website ? { website: offer.publisher.website } : {}) },
    categories: offer.categories.map(categoryLabel),
    keywords: offer.keywords,
    support: offer.support,
    privacyUrl: offer.privacyUrl,
    ...(logo ? { logoDataUri: logo } : {}),
  };
  model.plans = r.rendered.map((p) => planView(p, r.diagnostics.filter((d) => plansOf(d).includes(p.plan.id) && d.severity !== 'info'), r.templateSet?.afterInstall));
  model.defaultPlan = options.plan && model.plans.some((p) => p.id === options.plan) ? options.plan : model.plans[0]?.id;
  if (options.plan && !model.plans.some((p) => p.id === options.plan)) {
    model.diagnostics.push({ code: 'preview-unknown-plan', severity: 'warning', message: `The offer has no plan "${options.plan}"; showing ${model.defaultPlan ?? 'no plan'} first.`, file: offer.file });
  }
  model.regions = offer.regions.allowed;
  if (offer.requiredData.length) {
    model.data = {
      datasets: offer.requiredData.map(datasetView),
      schedule: `Copies run ${scheduleText(offer.schedule)} (UTC).`,
      destination: `A ${offer.sink.kind === 'adlsGen2' ? 'Data Lake Storage Gen2' : 'Blob storage'} account created in the application's managed resource group, in your own subscription: container "${offer.sink.container}", ${offer.sink.format === 'parquet' ? 'Parquet' : 'JSON'} files, in the region you choose when installing${offer.regions.allowed.length ? ` (one of ${offer.regions.allowed.join(', ')})` : ''}.`,
      approval: 'Nothing is copied until a Microsoft 365 administrator of your tenant approves the request in the Microsoft 365 admin center, and the administrator can revoke it at any time.',
    };
  }
  model.policies = offer.policies.map((p) => ({ displayName: p.policy.displayName, guarantee: p.policy.guarantee, builtIn: p.policy.builtInDisplayName, definitionId: p.policy.policyDefinitionId }));
  model.access = [lockLevelText(offer.management.lockLevel), ...publisherAccessText(offer.management)];
  model.costDatasets = offer.requiredData.map(costDataset);
  model.costDefaults = {
    users: 1000,
    itemsPerUserPerDay: 50,
    tenantObjects: 10000,
    frequency: offer.schedule && FREQUENCIES.includes(offer.schedule.frequency) ? offer.schedule.frequency : 'Day',
    interval: offer.schedule?.interval ?? 1,
    retentionDays: model.plans.find((p) => p.id === model.defaultPlan)?.cost.retentionDays ?? 90,
  };
  return model;
}

/** Copy activities a run makes per dataset it copies out of Microsoft 365 (a second copy converts the JSON to Parquet). */
function copyActivitiesPerDataset(main: unknown): number {
  const fromMicrosoft365 = copyRequests(main).length;
  if (!fromMicrosoft365) return 1;
  const copies = pipelineArtifacts(main).activityLists.flatMap((l) => l.node).filter((a) => textOf(prop(a, 'type')).toLowerCase() === 'copy').length;
  return Math.max(1, Math.round(copies / fromMicrosoft365));
}

function planView(p: PipelinePlan, diagnostics: Diagnostic[], afterInstall: AfterInstallDeclaration | undefined): PlanView {
  const main = p.parsed.get('mainTemplate.json')?.value;
  const ui = p.parsed.get('createUiDefinition.json')?.value;
  // Names come from the package: prototype-free maps, so `__proto__` or `constructor` are names like any other.
  const resources: Record<string, number> = Object.create(null) as Record<string, number>;
  const types: Record<string, number> = Object.create(null) as Record<string, number>;
  const parameters: Record<string, { type: string; hasDefault: boolean }> = Object.create(null) as Record<string, { type: string; hasDefault: boolean }>;
  const deployed = deployedResources(main, new Map([...p.parsed].map(([name, source]) => [name, source.value])));
  const copiesData = p.offer.requiredData.length > 0;
  const unread = deployed.unread.map((u) => `Linked deployment ${u.name || '(unnamed)'} (${u.why})`);
  if (isObject(main)) {
    for (const [type, n] of typeCounts(deployed)) types[type] = n;
    for (const [words, n] of deployedResourceWords(deployed, { copiesData })) resources[words] = n;
    const params = prop(main, 'parameters');
    if (isObject(params)) {
      for (const [name, def] of Object.entries(params)) parameters[name] = { type: textOf(prop(def, 'type'), 'string').toLowerCase(), hasDefault: isObject(def) && prop(def, 'defaultValue') !== undefined };
    }
  }
  const retention = typeof p.plan.inputs.retentionDays === 'number' ? p.plan.inputs.retentionDays : undefined;
  return {
    id: p.plan.id,
    displayName: p.plan.displayName,
    description: p.plan.description,
    version: p.plan.version,
    priceText: priceText(p.plan.price),
    ...(meteringText(p.plan.price) ? { meteringText: meteringText(p.plan.price)! } : {}),
    inputs: p.plan.inputs,
    nextSteps: nextSteps(p.offer, p.plan, afterInstall, isObject(main) ? outsideWords(deployed) : undefined),
    resources,
    retentionText: retention === undefined ? 'Kept until you delete it' : `Kept ${retention} days`,
    diagnostics,
    ...(ui !== undefined ? { createUiDefinition: ui } : {}),
    ...(isObject(main) ? { templateParameters: parameters } : {}),
    ...(p.changes ? { changes: p.changes } : {}),
    cost: {
      id: p.plan.id,
      displayName: p.plan.displayName,
      price: p.plan.price,
      storageSku: typeof p.plan.inputs.storageSku === 'string' ? p.plan.inputs.storageSku : 'Standard_LRS',
      retentionDays: retention ?? 90,
      resourceTypes: types,
      copyActivitiesPerDataset: copyActivitiesPerDataset(main),
      ...(unread.length ? { unread } : {}),
    },
  };
}

function datasetView(rd: RequiredData): DatasetView {
  const t = consentTexts(rd);
  const requested = new Set(rd.columns.map((c) => c.name));
  return {
    name: rd.dataset.name,
    title: rd.dataset.title,
    description: rd.dataset.description,
    columns: rd.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
    absentColumns: rd.dataset.columns.map((c) => c.name).filter((n) => !requested.has(n)),
    dateWindow: t.dateWindow.replace(/^Date window: /, ''),
    users: t.users.replace(/^Users: /, ''),
    groups: rd.scope.allUsers ? [] : rd.scope.groups,
    purpose: rd.purpose,
  };
}

function costDataset(rd: RequiredData): CostDataset {
  const df = rd.dateFilter;
  let windowDays = 1;
  if (df?.rollingDays) windowDays = df.rollingDays;
  else if (df?.start && df.end) windowDays = Math.max(1, (Date.parse(df.end) - Date.parse(df.start)) / 86400000);
  const kind: CostDataset['kind'] = !rd.dataset.userScoped ? 'tenant' : rd.dataset.dateFilter?.kind === 'range' ? 'items' : 'perUser';
  return { name: rd.dataset.name, title: rd.dataset.title, kind, windowDays, columns: rd.columns.length };
}

