// Which engine a package copies Microsoft 365 data with, told by the resource types it deploys: Synapse when it
// deploys a Synapse workspace and no Data Factory, Data Factory otherwise. Small and dependency-free: the
// preview's browser code uses it for the cost estimate, the import for the compute type it declares.

export type CopyEngine = 'dataFactory' | 'synapse';

/** The engine of a package, from its resource types (names, or the type → count map the preview keeps). */
export function copyEngine(resourceTypes: Iterable<string> | Record<string, number> | undefined): CopyEngine {
  const types = [...(resourceTypes === undefined ? [] : Symbol.iterator in resourceTypes ? resourceTypes : Object.keys(resourceTypes))].map((t) => t.toLowerCase());
  return types.includes('microsoft.synapse/workspaces') && !types.includes('microsoft.datafactory/factories') ? 'synapse' : 'dataFactory';
}

/** The Data Connect compute type the registration names for an engine. */
export const COMPUTE_TYPE: Record<CopyEngine, string> = { dataFactory: 'Azure Data Factory', synapse: 'Azure Synapse Analytics' };
