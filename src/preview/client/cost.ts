// The monthly cost estimate a customer sees in the preview: the plan's price, Microsoft Graph Data Connect
// extraction by object, Data Factory or Synapse pipeline activity runs and data movement, and storage at the retention the
// customer chooses. Pure arithmetic over a dated price list, shared by the server (the figure in the
// static page) and the browser (recomputed as the customer changes the inputs).

import { copyEngine } from '../../package-model/copy-engine.js';

export interface Pricing {
  asOf: string;
  currency: string;
  region: string;
  sources: string[];
  graphDataConnect: { unitPrice: number; objectsPerUnit: number; perDataset: Record<string, { unitPrice?: number; objectsPerUnit?: number }>; freeDatasets: string[] };
  dataFactory: PipelinePrices;
  /** Azure Synapse Analytics pipelines (data integration), for packages that copy with a Synapse workspace. */
  synapse: PipelinePrices;
  storage: { perGbMonth: Record<string, number>; bytesPerColumnValue: number };
}

export interface PipelinePrices { activityRunsPrice: number; activityRunsPerUnit: number; dataMovementPerDiuHour: number; diusPerCopy: number; hoursPerCopy: number }

export type Frequency = 'Hour' | 'Day' | 'Week' | 'Month';

export interface CostDataset {
  name: string;
  title: string;
  /** items: user items in a date window; perUser: one object per user per run; tenant: tenant-wide snapshot. */
  kind: 'items' | 'perUser' | 'tenant';
  /** Days of items each run copies (items only). */
  windowDays: number;
  columns: number;
}

export interface CostPlan {
  id: string;
  displayName: string;
  price: { model: 'flat' | 'perUser' | 'free'; amount: number; currency: string; billingTerm: 'month' | 'year' };
  storageSku: string;
  retentionDays: number;
  /** Resource types the plan's package deploys (nested and linked deployments included) → count (what else may bill). */
  resourceTypes?: Record<string, number>;
  /** Copy activities each run makes per dataset (2 when the JSON Data Connect delivers is converted to Parquet); 1 when absent. */
  copyActivitiesPerDataset?: number;
  /** Deployments whose template is not read, in words: what they create and bill is not known. */
  unread?: string[];
}

export interface CostInputs {
  users: number;
  itemsPerUserPerDay: number;
  /** Objects per run of tenant-wide datasets (SharePoint sites, files, permissions…). */
  tenantObjects: number;
  frequency: Frequency;
  interval: number;
  retentionDays: number;
}

export interface CostLine {
  key: 'plan' | 'extraction' | 'orchestration' | 'dataMovement' | 'storage';
  label: string;
  detail: string;
  amount: number;
  currency: string;
}

export interface CostEstimate {
  lines: CostLine[];
  /** Total per currency (the plan may be priced in another currency than Azure's list). */
  totals: Record<string, number>;
  runsPerMonth: number;
  objectsPerMonth: number;
  storedGb: number;
  /** Billable resources of the package this estimate does not price (never a silent zero). */
  notEstimated: { type: string; count: number }[];
  /** Deployments whose resources are not known, so neither is what they bill. */
  notKnown: string[];
}

/** Resource types that cost nothing by themselves. */
const FREE = [
  /^microsoft\.authorization\//i, /^microsoft\.insights\/diagnosticsettings$/i, /^microsoft\.network\/(virtualnetworks|networksecuritygroups|networkinterfaces|routetables|applicationsecuritygroups)(\/|$)/i,
  /^microsoft\.managedidentity\//i, /^microsoft\.resources\/deployments$/i, /^microsoft\.storage\/storageaccounts\/(blobservices|fileservices|queueservices|tableservices|managementpolicies)(\/|$)/i,
  /^microsoft\.keyvault\/vaults\/(keys|secrets|accesspolicies)$/i, /\/providers\/(microsoft\.authorization\/)?(roleassignments|locks)$/i,
];
/** What the Data Connect lines price, when the package copies data. */
const COPY_PIPELINE = [/^microsoft\.storage\/storageaccounts$/i, /^microsoft\.datafactory\/factories(\/|$)/i, /^microsoft\.synapse\/workspaces(\/|$)/i];


export function unestimated(resourceTypes: Record<string, number> | undefined, copiesData: boolean): { type: string; count: number }[] {
  return Object.entries(resourceTypes ?? {})
    .filter(([t]) => !FREE.some((re) => re.test(t)) && !(copiesData && COPY_PIPELINE.some((re) => re.test(t))))
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

const DAYS_PER_MONTH = 365.25 / 12;
const RUNS_PER_MONTH: Record<Frequency, number> = { Hour: DAYS_PER_MONTH * 24, Day: DAYS_PER_MONTH, Week: DAYS_PER_MONTH / 7, Month: 1 };

export function runsPerMonth(frequency: Frequency, interval: number): number {
  return RUNS_PER_MONTH[frequency] / Math.max(1, interval);
}

export function objectsPerRun(d: CostDataset, inputs: CostInputs): number {
  if (d.kind === 'items') return inputs.users * inputs.itemsPerUserPerDay * d.windowDays;
  if (d.kind === 'perUser') return inputs.users;
  return inputs.tenantObjects;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function estimateMonthlyCost(plan: CostPlan, datasets: CostDataset[], pricing: Pricing, raw: CostInputs): CostEstimate {
  const inputs: CostInputs = {
    users: Math.max(0, raw.users || 0),
    itemsPerUserPerDay: Math.max(0, raw.itemsPerUserPerDay || 0),
    tenantObjects: Math.max(0, raw.tenantObjects || 0),
    frequency: raw.frequency,
    interval: Math.max(1, Math.floor(raw.interval || 1)),
    retentionDays: Math.max(0, raw.retentionDays || 0),
  };
  const cur = pricing.currency;
  const lines: CostLine[] = [];

  const months = plan.price.billingTerm === 'year' ? 12 : 1;
  const planAmount = plan.price.model === 'free' ? 0 : plan.price.model === 'perUser' ? (plan.price.amount * inputs.users) / months : plan.price.amount / months;
  const planDetail = plan.price.model === 'free' ? 'free plan' : plan.price.model === 'perUser' ? `${plan.price.amount} ${plan.price.currency} per user per ${plan.price.billingTerm} × ${fmtInt(inputs.users)} users${months > 1 ? ' ÷ 12' : ''}` : `${plan.price.amount} ${plan.price.currency} per ${plan.price.billingTerm}${months > 1 ? ' ÷ 12' : ''}`;
  lines.push({ key: 'plan', label: `Plan: ${plan.displayName}`, detail: planDetail, amount: round2(planAmount), currency: plan.price.currency });

  const runs = runsPerMonth(inputs.frequency, inputs.interval);
  const copiesData = datasets.length > 0;
  let objects = 0;
  let extraction = 0;
  let bytes = 0;
  for (const d of datasets) {
    const perMonth = objectsPerRun(d, inputs) * runs;
    objects += perMonth;
    bytes += perMonth * d.columns * pricing.storage.bytesPerColumnValue;
    if (pricing.graphDataConnect.freeDatasets.includes(d.name)) continue;
    const own = pricing.graphDataConnect.perDataset[d.name] ?? {};
    extraction += (perMonth / (own.objectsPerUnit ?? pricing.graphDataConnect.objectsPerUnit)) * (own.unitPrice ?? pricing.graphDataConnect.unitPrice);
  }
  if (copiesData) lines.push({ key: 'extraction', label: 'Microsoft Graph Data Connect extraction', detail: `${fmtInt(objects)} objects a month (${fmtInt(runs)} runs); ${pricing.graphDataConnect.unitPrice} ${cur} per ${fmtInt(pricing.graphDataConnect.objectsPerUnit)} objects, directory datasets free`, amount: round2(extraction), currency: cur });

  const engine = copyEngine(plan.resourceTypes);
  const df = engine === 'synapse' ? pricing.synapse : pricing.dataFactory;
  const [runsName, movementName] = engine === 'synapse' ? ['Synapse pipeline', 'Synapse'] : ['Data Factory', 'Data Factory'];
  const perDataset = Math.max(1, Math.floor(plan.copyActivitiesPerDataset ?? 1));
  const activityRuns = runs * datasets.length * perDataset;
  if (copiesData) lines.push({ key: 'orchestration', label: `${runsName} activity runs`, detail: `${fmtInt(activityRuns)} copy activity runs a month${perDataset > 1 ? ` (${perDataset} per dataset: out of Microsoft 365 as JSON, then to Parquet)` : ''}; ${df.activityRunsPrice} ${cur} per ${fmtInt(df.activityRunsPerUnit)}`, amount: round2((activityRuns / df.activityRunsPerUnit) * df.activityRunsPrice), currency: cur });
  if (copiesData) lines.push({ key: 'dataMovement', label: `${movementName} data movement`, detail: `${df.diusPerCopy} DIU × ${df.hoursPerCopy} h per copy; ${df.dataMovementPerDiuHour} ${cur} per DIU-hour`, amount: round2(activityRuns * df.diusPerCopy * df.hoursPerCopy * df.dataMovementPerDiuHour), currency: cur });

  const gbPerDay = bytes / DAYS_PER_MONTH / 1e9;
  const storedGb = gbPerDay * inputs.retentionDays;
  const perGb = pricing.storage.perGbMonth[plan.storageSku] ?? pricing.storage.perGbMonth.Standard_LRS ?? 0;
  if (copiesData) lines.push({ key: 'storage', label: `Storage (${plan.storageSku})`, detail: `${storedGb.toFixed(2)} GB kept ${inputs.retentionDays} days; ${perGb} ${cur} per GB-month`, amount: round2(storedGb * perGb), currency: cur });

  const totals: Record<string, number> = {};
  for (const l of lines) totals[l.currency] = round2((totals[l.currency] ?? 0) + l.amount);
  return { lines, totals, runsPerMonth: runs, objectsPerMonth: objects, storedGb, notEstimated: unestimated(plan.resourceTypes, copiesData), notKnown: plan.unread ?? [] };
}
