// What a package actually requests from Microsoft 365, read from the two places it is stated: the Office 365
// copy activities of the template, Data Factory or Synapse (what will be copied) and the "Data requested" step of
// createUiDefinition (what the admin is shown). The consent-fidelity rule compares them with each
// other and with the offer.

import { isObject, keyOf, prop, propPath } from '../arm/template.js';
import { datasetMatches, pipelineArtifacts } from './pipeline-artifacts.js';
import { appendPointer } from '../util/json-pointer.js';
import { parseConsentTexts, type ConsentRequest } from './consent-text.js';
import { uiSteps } from './ui-model.js';
import { textOf } from '../util/text-of.js';

export interface LocatedRequest extends Partial<ConsentRequest> {
  pointer: string;
  /** Parts that could not be read (expressions, unexpected text). */
  unreadable: string[];
}

const ROLLING = /^@adddays\(\s*pipeline\(\)\.TriggerTime\s*,\s*-(\d+)\s*\)$/i;
const NOW = /^@pipeline\(\)\.TriggerTime$/i;

function adfValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const inner = prop(v, 'value');
  return typeof inner === 'string' ? inner : undefined;
}

/**
 * The Office 365 copy activities of a template, with the dataset, columns, window and groups each requests:
 * in Data Factory pipeline resources, in Synapse pipeline artifacts carried by a variable or a script's
 * parameter, or in JSON text, wherever the template carries them (see pipeline-artifacts.ts).
 */
export function copyRequests(template: unknown): LocatedRequest[] {
  const parts = pipelineArtifacts(template);
  const tableOf = (reference: string): string | undefined => {
    const ds = parts.datasets.find((d) => /office365table/i.test(textOf(propPath(d.node, 'properties.type'))) && datasetMatches(d.node, reference))
      ?? parts.datasets.find((d) => datasetMatches(d.node, reference));
    const t = ds ? propPath(ds.node, 'properties.typeProperties.tableName') : undefined;
    return typeof t === 'string' ? t : undefined;
  };
  const out: LocatedRequest[] = [];
  for (const list of parts.activityLists) {
    list.node.forEach((a, i) => {
      const source = propPath(a, 'typeProperties.source');
      if (textOf(prop(a, 'type')).toLowerCase() !== 'copy' || textOf(prop(source, 'type')).toLowerCase() !== 'office365source') return;
      const pointer = list.inText ? list.pointer : appendPointer(list.pointer, i);
      const unreadable: string[] = [];
      const inputs = prop(a, 'inputs');
      const ref = Array.isArray(inputs) ? prop(inputs[0], 'referenceName') : undefined;
      const dataset = typeof ref === 'string' ? tableOf(ref) : undefined;
      if (!dataset) unreadable.push('dataset (the input dataset or its tableName was not found)');
      const cols = prop(source, 'outputColumns');
      const columns = Array.isArray(cols) ? cols.map((c) => prop(c, 'name')).filter((c): c is string => typeof c === 'string') : undefined;
      if (!columns) unreadable.push('columns (outputColumns is missing, so every column would be copied)');
      let window: LocatedRequest['window'] = null;
      const column = prop(source, 'dateFilterColumn');
      if (typeof column === 'string') {
        const start = adfValue(prop(source, 'startTime'));
        const end = adfValue(prop(source, 'endTime'));
        const rolling = start ? ROLLING.exec(start) : null;
        if (rolling && end && NOW.test(end)) window = { column, rollingDays: Number(rolling[1]) };
        else if (start && end && !start.startsWith('@') && !end.startsWith('@')) window = { column, start, end };
        else unreadable.push(`date window (${start ?? '?'} to ${end ?? '?'})`);
      }
      const groupsRaw = prop(source, 'allowedGroups');
      let groups: string[] | undefined = [];
      if (groupsRaw !== undefined) {
        if (Array.isArray(groupsRaw) && groupsRaw.every((g) => typeof g === 'string')) groups = groupsRaw.map((g) => g.toLowerCase()).sort();
        else {
          groups = undefined;
          unreadable.push('groups (allowedGroups is an expression)');
        }
      }
      out.push({ pointer, unreadable, ...(dataset ? { dataset } : {}), ...(columns ? { columns } : {}), window, ...(groups ? { groups } : {}) });
    });
  }
  return out;
}

export interface ConsentStep {
  pointer: string;
  requests: LocatedRequest[];
}

/** The "Data requested" step of a createUiDefinition: one section per dataset, read back from its texts. */
export function consentStep(ui: unknown): ConsentStep | undefined {
  const step = uiSteps(ui).find((s) => (s.name ?? '').toLowerCase() === 'datarequested' || /data requested/i.test(textOf(prop(s.step, 'label'))));
  if (!step) return undefined;
  const elementsKey = keyOf(step.step, 'elements') ?? 'elements';
  const requests: LocatedRequest[] = [];
  step.elements.forEach((el, i) => {
    if (textOf(prop(el, 'type')).toLowerCase() !== 'microsoft.common.section') return;
    const children = prop(el, 'elements');
    if (!Array.isArray(children)) return;
    const text = (name: string) => {
      const c = (children as unknown[]).find((x) => isObject(x) && textOf(prop(x, 'name')).toLowerCase() === name.toLowerCase());
      return prop(prop(c, 'options'), 'text');
    };
    const parsed = parseConsentTexts({ dataset: text('dataset'), columns: text('columns'), dateWindow: text('dateWindow'), users: text('users'), purpose: text('purpose') });
    const { problems, ...req } = parsed;
    requests.push({ pointer: appendPointer(step.pointer, elementsKey, i), unreadable: problems, ...req });
  });
  return { pointer: step.pointer, requests };
}

const same = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

export function windowText(w: LocatedRequest['window']): string {
  if (w === undefined) return 'unknown';
  if (w === null) return 'no date window';
  return w.rollingDays ? `${w.column} within the last ${w.rollingDays} day(s)` : `${w.column} from ${w.start} to ${w.end}`;
}

/** Differences between two statements of the same dataset request, in words. */
export function differences(a: Partial<ConsentRequest>, b: Partial<ConsentRequest>, aName: string, bName: string): string[] {
  const out: string[] = [];
  if (a.columns && b.columns && !same(a.columns, b.columns)) {
    const onlyA = a.columns.filter((c) => !b.columns!.includes(c));
    const onlyB = b.columns.filter((c) => !a.columns!.includes(c));
    if (onlyA.length) out.push(`${aName} has column${onlyA.length > 1 ? 's' : ''} ${onlyA.join(', ')} that ${bName} does not`);
    if (onlyB.length) out.push(`${bName} has column${onlyB.length > 1 ? 's' : ''} ${onlyB.join(', ')} that ${aName} does not`);
  }
  if (a.window !== undefined && b.window !== undefined && JSON.stringify(a.window) !== JSON.stringify(b.window)) {
    out.push(`the date window is ${windowText(a.window)} in ${aName} but ${windowText(b.window)} in ${bName}`);
  }
  if (a.groups && b.groups && !same(a.groups, b.groups)) {
    const g = (x: string[]) => (x.length ? `groups ${x.join(', ')}` : 'all users');
    out.push(`the users are ${g(a.groups)} in ${aName} but ${g(b.groups)} in ${bName}`);
  }
  return out;
}

