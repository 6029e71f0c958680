// The Microsoft Graph Data Connect dataset catalog (catalog.json beside this module's source) and lookups
// that answer with the nearest valid name when a dataset or column is unknown.

import { readFileSync } from 'node:fs';
import { packagePath } from '../paths.js';
import { nearest } from '../util/nearest.js';

export type ColumnType = 'string' | 'datetime' | 'boolean' | 'integer' | 'object' | 'array';

export interface DatasetColumn {
  name: string;
  type: ColumnType;
  description: string;
  /** The column can bound the extraction window (Office365Source.dateFilterColumn). */
  dateFilter?: boolean;
}

export interface Dataset {
  /** Full name as Data Factory's Office365Table uses it, e.g. `BasicDataSet_v0.Message_v1`. */
  name: string;
  title: string;
  description: string;
  /** Rows belong to a user, so extraction can be limited to Entra groups. */
  userScoped: boolean;
  /** Present when the dataset has date-filterable columns; Data Factory then requires a window. */
  dateFilter?: { columns: string[]; required: boolean; kind: 'range' | 'snapshot' };
  columns: DatasetColumn[];
}

/** An Office region Data Connect extracts from, with the Azure regions (ARM location names) that serve it. */
export interface OfficeRegion {
  name: string;
  azureRegions: { name: string; displayName: string }[];
}

export interface DatasetCatalog {
  source: string;
  takenOn: string;
  datasets: Dataset[];
  /** Microsoft's Office-region table: where the copy's runtime and destination may be for each Office region. */
  dataConnectRegions: { source: string; takenOn: string; officeRegions: OfficeRegion[] };
}

let cached: DatasetCatalog | undefined;

export function loadCatalog(): DatasetCatalog {
  cached ??= JSON.parse(readFileSync(packagePath('src', 'datasets', 'catalog.json'), 'utf8')) as DatasetCatalog;
  return cached;
}

export function findDataset(name: string, catalog = loadCatalog()): Dataset | undefined {
  return catalog.datasets.find((d) => d.name === name);
}

export function suggestDataset(name: string, catalog = loadCatalog()): string | undefined {
  // Users often write just `Message_v1`; compare on the short name too.
  const byShort = catalog.datasets.find((d) => d.name.split('.').pop()!.toLowerCase() === name.toLowerCase());
  if (byShort) return byShort.name;
  return nearest(name, catalog.datasets.map((d) => d.name)) ?? nearest(name, catalog.datasets.map((d) => d.name.split('.').pop()!))?.replace(/^/, 'BasicDataSet_v0.');
}

export function findColumn(dataset: Dataset, column: string): DatasetColumn | undefined {
  return dataset.columns.find((c) => c.name === column);
}

export function suggestColumn(dataset: Dataset, column: string): string | undefined {
  return nearest(column, dataset.columns.map((c) => c.name));
}

/** Every Azure region (ARM location name) that serves some Office region, in the table's order. */
export function dataConnectRegions(catalog = loadCatalog()): string[] {
  return catalog.dataConnectRegions.officeRegions.flatMap((r) => r.azureRegions.map((a) => a.name));
}

/** The Office region an Azure region serves (`westeurope` → Europe), or undefined when Data Connect serves none there. */
export function officeRegionOf(azureRegion: string, catalog = loadCatalog()): OfficeRegion | undefined {
  const name = azureRegion.toLowerCase().replace(/\s+/g, '');
  return catalog.dataConnectRegions.officeRegions.find((r) => r.azureRegions.some((a) => a.name === name));
}
