// What the admin approves must be exactly what the pipeline copies: the same datasets, columns, date
// window and groups in the Office 365 copy activities (Data Factory resources, or Synapse artifacts wherever the
// template carries them), the "Data requested" step, the offer and the marketplace
// listing's generated "Data requested" section (read back from the HTML Partner Center receives).

import { requestOf, type ConsentRequest } from '../../package-model/consent-text.js';
import { listingDescription, parseListingDataSection } from '../../render/listing.js';
import { isObject } from '../../arm/template.js';
import { consentStep, copyRequests, differences } from '../../package-model/consent-model.js';
import { defineRule, type ReportFile } from '../rule.js';

interface Source {
  name: string;
  file: ReportFile;
  requests: (Partial<ConsentRequest> & { pointer: string; unreadable: string[] })[];
  /** Where to point when a dataset is missing from this source. */
  pointer: string;
}

export default defineRule({
  id: 'consent-fidelity',
  description: 'The datasets, columns, date window and groups in the Office 365 copy activities (Data Factory or Synapse pipelines, wherever the template carries them), the createUiDefinition "Data requested" step, the offer and the marketplace listing must be the same set.',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const main = ctx.package.mainTemplate;
    const uiFile = ctx.package.createUiDefinition;
    const sources: Source[] = [];
    if (main && isObject(main.json.value)) {
      const copies = copyRequests(main.json.value);
      if (copies.length) sources.push({ name: `the copy activities (${main.display})`, file: main, requests: copies, pointer: '/resources' });
    }
    const step = uiFile && isObject(uiFile.json.value) ? consentStep(uiFile.json.value) : undefined;
    if (step && uiFile) sources.push({ name: `the "Data requested" step (${uiFile.display})`, file: uiFile, requests: step.requests, pointer: step.pointer });
    const offer = ctx.offer;
    if (offer?.requiredData.length) {
      const file: ReportFile = { display: offer.file, json: { locate: (p, o) => offer.source.locate(p, o) } };
      sources.push({ name: `the offer (${offer.file})`, file, requests: offer.requiredData.map((rd) => ({ ...requestOf(rd), pointer: `/requiredData/${rd.index}`, unreadable: [] })), pointer: '/requiredData' });
      const listing = parseListingDataSection(listingDescription(offer));
      sources.push({ name: 'the marketplace listing', file, requests: listing.map(({ problems, ...r }) => ({ ...r, pointer: '/description', unreadable: problems })), pointer: '/description' });
    }
    const copies = sources.find((s) => s.name.startsWith('the copy'));
    if (copies && !step) {
      ctx.report({ file: copies.file, pointer: copies.requests[0].pointer, message: `The template copies Microsoft 365 data (${copies.requests.map((r) => r.dataset ?? '?').join(', ')}) but createUiDefinition has no "Data requested" step showing it to the customer.`, hint: 'Add a step named dataRequested with one section per dataset (dataset, columns, dateWindow, users, purpose text blocks).' });
    }
    if (sources.length === 0) return;
    for (const s of sources) {
      for (const r of s.requests) {
        if (r.unreadable.length) ctx.report({ file: s.file, pointer: r.pointer, message: `Cannot tell what ${s.name} requests for ${r.dataset ?? 'a dataset'}: ${r.unreadable.join('; ')}.`, severity: s.name.startsWith('the copy') ? 'error' : 'warning' });
      }
    }
    if (sources.length < 2) return;
    const datasets = new Set(sources.flatMap((s) => s.requests.map((r) => r.dataset).filter((d): d is string => Boolean(d))));
    for (const dataset of datasets) {
      const present = sources.map((s) => ({ s, r: s.requests.find((r) => r.dataset === dataset) }));
      const have = present.filter((p) => p.r);
      for (const miss of present.filter((p) => !p.r)) {
        const other = have[0];
        ctx.report({ file: miss.s.file, pointer: miss.s.pointer, message: `${dataset} is requested in ${other.s.name} but missing from ${miss.s.name}.` });
      }
      for (let i = 0; i < have.length; i++) {
        for (let j = i + 1; j < have.length; j++) {
          const a = have[i];
          const b = have[j];
          for (const d of differences(a.r!, b.r!, a.s.name, b.s.name)) {
            const loc = b.s.file.json.locate(b.r!.pointer);
            ctx.report({ file: a.s.file, pointer: a.r!.pointer, message: `${dataset}: ${d}${loc ? ` (see ${b.s.file.display}:${loc.line})` : ''}.` });
          }
        }
      }
    }
  },
});
