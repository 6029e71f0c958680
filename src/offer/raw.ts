// offer.yaml as the schema admits it, before resolution; and the helper that places a diagnostic in it.

import type { Diagnostic } from '../diagnostics.js';
import type { YamlSource } from '../util/yaml-source.js';

export interface RawRequiredData {
  dataset: string;
  columns: string[];
  dateFilter?: { column: string; start?: string; end?: string; rollingDays?: number };
  scope?: 'allUsers' | { groups: string[] };
  purpose: string;
}

export interface RawPlan {
  id: string;
  displayName: string;
  description: string;
  version: string | number;
  price: { model: 'flat' | 'perUser' | 'free'; amount: number; currency: string; billingTerm: 'month' | 'year' };
  inputs?: Record<string, unknown>;
  attribution?: string;
}

export interface RawOffer {
  id: string;
  publisher: { name: string; id?: string; website?: string };
  displayName: string;
  summary: string;
  description: string | { file: string };
  terms: string | { file: string };
  privacyUrl: string;
  support: { name: string; email: string; phone?: string; url?: string };
  categories?: string[] | Record<string, string[]>;
  keywords?: string[];
  logo?: string;
  template: { set?: string; path?: string; inputs?: Record<string, unknown> };
  requiredData?: RawRequiredData[];
  schedule?: { frequency: 'Hour' | 'Day' | 'Week' | 'Month'; interval: number; startTime?: string };
  sink?: { kind: 'adlsGen2' | 'blob'; format: 'parquet' | 'json'; container?: string };
  regions?: { allowed?: string[] };
  policies?: (string | { id: string; parameters?: Record<string, unknown> })[];
  management?: {
    lockLevel?: 'None' | 'CanNotDelete' | 'ReadOnly';
    authorizations?: { principalId: string; roleDefinitionId: string; description?: string }[];
    deploymentPolicy?: 'Incremental' | 'Complete';
    managementPolicy?: 'Managed' | 'Unmanaged';
    lockingPolicy?: { allowedActions?: string[]; allowedDataActions?: string[] };
    notificationEndpoints?: string[];
    jitAccess?: { enabled: boolean; approval?: 'automatic' | 'manual'; maximumDuration?: string };
    isEnabled?: boolean;
  };
  attribution?: string;
  plans: RawPlan[];
  marketplace?: RawMarketplace;
  publish?: { serviceCatalog?: Record<string, unknown>; marketplace?: { productId?: string; endpoint?: string } };
}

export interface RawMarketplace {
  alias?: string;
  shortDescription?: string;
  markets?: string[];
  previewAudience?: (string | { subscription: string; description?: string })[];
  tenantId?: string;
  engineeringContact?: { name: string; email: string; phone?: string };
  usefulLinks?: { title: string; url: string }[];
  leads?: { email?: string; httpsEndpoint?: string };
  resellers?: 'Enabled' | 'PartialOptIn' | 'Disabled';
  resellerTenants?: string[];
  plans?: Record<string, { hidden?: boolean; summary?: string; markets?: string[]; meterId?: string }>;
}

export type Locator = (pointer: string, options?: { key?: boolean }) => { file: string; pointer: string; line?: number; column?: number };

export function locator(source: YamlSource, file: string): Locator {
  return (pointer, options) => {
    const pos = source.locate(pointer, options);
    return { file, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
}

export function error(at: ReturnType<Locator>, code: string, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...at, ...(hint ? { hint } : {}) };
}

export function warning(at: ReturnType<Locator>, code: string, message: string, hint?: string): Diagnostic {
  return { code, severity: 'warning', message, ...at, ...(hint ? { hint } : {}) };
}
