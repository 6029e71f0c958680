// The Microsoft 365 copies of a template with what each depends on, for the rules that check them against what
// Microsoft documents the copy requires (validate/rules/m365-copy-*.ts): the copy activity and its Office365Source,
// its sink, its input and output datasets, the Office 365 (source) and destination linked services, and the
// integration runtime each of those runs on. Everything is found through pipeline-artifacts.ts, so a copy is read
// the same wherever a template carries it (Data Factory resources, Synapse artifacts in a variable, JSON text).
// The facts, with their sources, are in docs/rules.md under each rule; the ones this module itself relies on:
// - a linked service without connectVia runs on the default Azure integration runtime (connector-office-365.md:
//   "If not specified, it uses the default Azure Integration Runtime");
// - the destination stores a copy out of Microsoft 365 may write to: Azure Blob Storage, Azure Data Lake Storage
//   Gen1 and Gen2 (same page).

import { isObject, prop, propPath, type JsonObject } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';
import { partNamed, pipelineArtifacts, type Located } from './pipeline-artifacts.js';

/** A part of a copy, where it is: `at(...keys)` is the pointer of a property below it (the part's own pointer inside JSON text). */
export interface Part extends Located {
  at(...keys: (string | number)[]): string;
}

export interface Microsoft365Copy {
  /** The copy activity. */
  activity: Part;
  /** Its `typeProperties.source` (an Office365Source). */
  source: JsonObject;
  sink: JsonObject | undefined;
  /** The activity's name, for messages. */
  name: string;
  input?: Part;
  output?: Part;
  /** The Office 365 linked service (the input dataset's). */
  sourceService?: Part;
  /** The destination linked service (the output dataset's). */
  destinationService?: Part;
}

/** Linked service types of the destination stores a copy out of Microsoft 365 may write to. */
export const DESTINATION_STORES = ['azureblobfs', 'azureblobstorage', 'azuredatalakestore'];

function part(l: Located): Part {
  return { ...l, at: (...keys) => (l.inText ? l.pointer : appendPointer(l.pointer, ...keys)) };
}

const typeOf = (node: unknown) => textOf(prop(node, 'type')).toLowerCase();

/** Every copy activity of the template whose source is an Office365Source, with what it depends on. */
export function microsoft365Copies(template: unknown): Microsoft365Copy[] {
  const parts = pipelineArtifacts(template);
  const datasets = parts.datasets.map(part);
  const services = parts.services.map(part);
  const serviceOf = (dataset: Part | undefined) => (dataset ? partNamed(services, propPath(dataset.node, 'properties.linkedServiceName.referenceName'), template) : undefined);
  const out: Microsoft365Copy[] = [];
  for (const list of parts.activityLists) {
    list.node.forEach((a, i) => {
      if (!isObject(a) || typeOf(a) !== 'copy') return;
      const source = propPath(a, 'typeProperties.source');
      if (!isObject(source) || typeOf(source) !== 'office365source') return;
      const activity = part({ pointer: list.inText ? list.pointer : appendPointer(list.pointer, i), inText: list.inText, node: a });
      const sink = propPath(a, 'typeProperties.sink');
      const refOf = (key: 'inputs' | 'outputs') => {
        const l = prop(a, key);
        return Array.isArray(l) ? prop(l[0], 'referenceName') : undefined;
      };
      const input = partNamed(datasets, refOf('inputs'), template);
      const output = partNamed(datasets, refOf('outputs'), template);
      out.push({
        activity,
        source,
        sink: isObject(sink) ? sink : undefined,
        name: textOf(prop(a, 'name'), 'a copy activity'),
        ...(input ? { input } : {}),
        ...(output ? { output } : {}),
        ...(serviceOf(input) ? { sourceService: serviceOf(input) } : {}),
        ...(serviceOf(output) ? { destinationService: serviceOf(output) } : {}),
      });
    });
  }
  return out;
}

/** The integration runtime a linked service names with connectVia, when the template defines it. */
export function runtimeOf(service: Part, template: unknown): Part | undefined {
  const parts = pipelineArtifacts(template).services.map(part);
  return partNamed(parts, propPath(service.node, 'properties.connectVia.referenceName'), template);
}

/** A part's name as messages say it: its short name, through the variable that holds it when the template has one. */
export function serviceName(service: Part, template?: unknown): string {
  const name = textOf(prop(service.node, 'name'));
  const variable = /variables\('([^']+)'\)\)*\]$/.exec(name)?.[1];
  const held = variable ? prop(prop(template, 'variables'), variable) : undefined;
  if (typeof held === 'string' && held && !held.startsWith('[')) return held;
  const m = /'([^']+)'\)*\]$/.exec(name);
  return m ? m[1] : name.split('/').pop() ?? name;
}
