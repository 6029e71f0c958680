// The Offer model: offer.yaml after validation, with defaults applied, file references read, datasets
// resolved against the catalog and policies against the library. Everything downstream (rendering,
// preview, publish) works from this, never from the raw YAML.

import type { Dataset, DatasetColumn } from '../datasets/catalog.js';
import type { PolicyDefinition } from '../policies/library.js';
import type { FileRoot } from '../fs/read-inside.js';
import type { YamlSource } from '../util/yaml-source.js';

export interface RequiredData {
  dataset: Dataset;
  columns: DatasetColumn[];
  /** Date window; absent when the dataset has no date-filterable column. */
  dateFilter?: { column: string; start?: string; end?: string; rollingDays?: number };
  scope: { allUsers: true; groups: [] } | { allUsers: false; groups: string[] };
  purpose: string;
  /** Index in offer.yaml, for diagnostics. */
  index: number;
}

export interface AttachedPolicy {
  policy: PolicyDefinition;
  parameters: Record<string, unknown>;
}

export interface Price {
  model: 'flat' | 'perUser' | 'free';
  amount: number;
  currency: string;
  billingTerm: 'month' | 'year';
}

export interface Plan {
  id: string;
  displayName: string;
  description: string;
  version: string;
  price: Price;
  /** Offer-level template inputs merged with the plan's, template-set defaults applied. */
  inputs: Record<string, unknown>;
  /** Customer-usage-attribution GUID for this plan. */
  attribution: string;
  index: number;
}

export interface Management {
  lockLevel: 'None' | 'CanNotDelete' | 'ReadOnly';
  authorizations: { principalId: string; roleDefinitionId: string; description?: string }[];
  deploymentPolicy: 'Incremental' | 'Complete';
  managementPolicy: 'Managed' | 'Unmanaged';
  lockingPolicy?: { allowedActions: string[]; allowedDataActions: string[] };
  notificationEndpoints: string[];
  jitAccess: { enabled: boolean; approval: 'automatic' | 'manual'; maximumDuration: string };
  isEnabled: boolean;
}

export interface ServiceCatalogSettings {
  subscription?: string;
  resourceGroup?: string;
  location?: string;
  storageAccount?: string;
  packageUrl?: string;
  inline?: boolean;
  tenant?: string;
  cloud?: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
  armEndpoint?: string;
}

/** How the offer appears in the commercial marketplace (offer.yaml `marketplace:`), defaults applied. */
export interface MarketplaceSettings {
  alias: string;
  shortDescription: string;
  markets: string[];
  previewAudience: { id: string; description: string }[];
  tenantId?: string;
  engineeringContact: { name: string; email: string; phone?: string };
  usefulLinks: { title: string; url: string }[];
  leads?: { email?: string; httpsEndpoint?: string };
  /** Resell through CSPs: who may resell the offer. */
  resellers: { channel: 'Enabled' | 'PartialOptIn' | 'Disabled'; tenants: string[] };
  /** Per plan id (every plan has an entry). */
  plans: Map<string, MarketplacePlan>;
}

export interface MarketplacePlan {
  hidden: boolean;
  /** The plan's summary in the listing; undefined when none was given and the description is too long for one. */
  summary?: string;
  markets: string[];
  /** Custom meter dimension id for a perUser price. */
  meterId: string;
}

/** A Partner Center category id with the subcategory ids chosen under it. */
export interface OfferCategory {
  id: string;
  subcategories: string[];
}

export interface Offer {
  /** Absolute path of the offer folder. */
  dir: string;
  /** The offer folder as the one door files of the offer are read through (pricing.json, …). */
  root: FileRoot;
  /** offer.yaml as the user would name it (relative to the current directory). */
  file: string;
  source: YamlSource;
  id: string;
  publisher: { name: string; id?: string; website?: string };
  displayName: string;
  summary: string;
  /** Markdown. */
  description: string;
  /** Markdown. */
  terms: string;
  privacyUrl: string;
  support: { name: string; email: string; phone?: string; url?: string };
  /** Partner Center category ids with their subcategories. */
  categories: OfferCategory[];
  keywords: string[];
  /** The logo: absolute path, the PNG's bytes (read once, through the offer's root) and its size. */
  logo?: { path: string; bytes: Buffer; width: number; height: number };
  template: { set?: string; path?: string; dir: string; inputs: Record<string, unknown> };
  requiredData: RequiredData[];
  schedule?: { frequency: 'Hour' | 'Day' | 'Week' | 'Month'; interval: number; startTime?: string };
  sink: { kind: 'adlsGen2' | 'blob'; format: 'parquet' | 'json'; container: string };
  regions: { allowed: string[] };
  policies: AttachedPolicy[];
  management: Management;
  plans: Plan[];
  marketplace: MarketplaceSettings;
  publish: { serviceCatalog: ServiceCatalogSettings; marketplace: { productId?: string; endpoint?: string } };
}
