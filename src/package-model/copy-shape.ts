// The shape of the Microsoft 365 copy offerkit's Data Connect template sets deploy, in one place for the
// templates' render context and for the words a customer reads (README, Overview, install form): what format
// the copy out of Microsoft 365 writes, whether a second copy converts it, where each run's files go and how long
// the JSON Data Connect delivers is kept. Facts behind it (connector-office-365.md, 11/28/2022 and 04/27/2025):
// a copy out of Microsoft 365 writes only JSON of type setOfObjects to Blob or Data Lake storage; other formats
// need "a subsequent activity" chained after it.

import type { Offer, Plan, RequiredData } from '../offer/model.js';

/** The folder, under the container, the JSON goes to when a second copy converts it to Parquet. */
export const JSON_FOLDER = 'landing';
/** Days the delivered JSON is kept when it is converted, unless the plan's inputs say otherwise (template input `jsonKeptDays`). */
export const DEFAULT_JSON_DAYS = 2;

export interface CopyShape {
  /** The offer asks for Parquet: the JSON is converted by a second copy in the same pipeline. */
  convert: boolean;
  /** Folder (under the container) the JSON goes to when it is converted; null when JSON is the output. */
  jsonFolder: string | null;
  /** Days the delivered JSON is kept when it is converted (never more than the copied data itself). */
  jsonDays: number | null;
  /** The storage endpoint the destination linked service and the Data Connect registration name. */
  endpoint: 'dfs' | 'blob';
  /** Where each run's files of one dataset go, under the container. */
  folders(rd: RequiredData): { json: string; parquet: string | null };
  /** One sentence on what happens to the JSON, for the customer (empty when JSON is the output). */
  jsonText: string;
}

export function datasetKey(rd: RequiredData): string {
  return rd.dataset.name.split('.').pop()!.toLowerCase();
}

export function copyShape(offer: Offer, plan: Plan): CopyShape {
  const convert = offer.sink.format === 'parquet';
  const retention = typeof plan.inputs.retentionDays === 'number' ? plan.inputs.retentionDays : undefined;
  const asked = typeof plan.inputs.jsonKeptDays === 'number' ? plan.inputs.jsonKeptDays : DEFAULT_JSON_DAYS;
  const jsonDays = convert ? Math.min(asked, retention ?? asked) : null;
  return {
    convert,
    jsonFolder: convert ? JSON_FOLDER : null,
    jsonDays,
    endpoint: offer.sink.kind === 'adlsGen2' ? 'dfs' : 'blob',
    folders: (rd) => (convert ? { json: `${JSON_FOLDER}/${datasetKey(rd)}`, parquet: datasetKey(rd) } : { json: datasetKey(rd), parquet: null }),
    jsonText: convert
      ? `Microsoft Graph Data Connect delivers JSON; each run writes it to the folder ${JSON_FOLDER}/ of the container, a second copy writes the same columns as Parquet, and the JSON is deleted automatically after ${jsonDays} day${jsonDays === 1 ? '' : 's'}.`
      : '',
  };
}
