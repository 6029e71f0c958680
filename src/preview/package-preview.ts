// The preview of a bare package — a folder or an app.zip with mainTemplate.json and createUiDefinition.json and
// no offer.yaml, as ISVs with existing packages and platform teams reviewing a vendor's package have: an overview
// (what it deploys, its parameters and outputs, the validator's findings) and the install wizard. The package
// is read and checked exactly as `offerkit validate` reads it.

import { basename } from 'node:path';
import { isObject, prop } from '../arm/template.js';
import { deployedResources, typeCounts } from '../package-model/deployed-resources.js';
import { copyRequests } from '../package-model/consent-model.js';
import type { Diagnostic } from '../diagnostics.js';
import { html, type Html } from '../render/html.js';
import { resourceWords } from '../render/plain-words.js';
import { validatePackage } from '../validate/engine.js';
import { packageFromFolder, packageFromZip, type PackageInput } from '../validate/package-input.js';
import { prepareValidation } from '../validate/prepare.js';
import { unestimated } from './client/cost.js';
import { diagnosticsBanner, page } from './page-layout.js';
import { textOf } from '../util/text-of.js';

export interface PackagePreview {
  label: string;
  name: string;
  diagnostics: Diagnostic[];
  /** Why the package cannot be previewed (no mainTemplate or createUiDefinition). */
  fatal?: string;
  resources: { type: string; words: string; count: number; outside?: string }[];
  /** Resources that bill on their own (nothing of a package is priced without an offer). */
  billable: { type: string; count: number }[];
  /** Deployments whose template offerkit does not read: what they create (and bill) is not known. */
  unread: { name: string; link: string; why: string }[];
  parameters: { name: string; type: string; defaultValue?: unknown; allowedValues?: unknown[]; description?: string }[];
  outputs: { name: string; type: string }[];
  createUiDefinition?: unknown;
  templateParameters: Record<string, { type: string; hasDefault: boolean }>;
}

export async function buildPackagePreview(path: string, kind: 'folder' | 'zip'): Promise<PackagePreview> {
  const input: PackageInput = kind === 'zip' ? await packageFromZip(path) : await packageFromFolder(path);
  const prepared = await prepareValidation({ configStart: path });
  const diagnostics = [...prepared.diagnostics, ...validatePackage(input, prepared.engine)].filter((d) => d.severity !== 'info');
  const main = input.mainTemplate?.json.value;
  const ui = input.createUiDefinition?.json.value;
  const preview: PackagePreview = { label: input.label, name: basename(path), diagnostics, resources: [], billable: [], unread: [], parameters: [], outputs: [], templateParameters: Object.create(null) as PackagePreview['templateParameters'] };
  if (!isObject(main) || !isObject(ui)) {
    preview.fatal = `${input.label} has no readable ${!isObject(main) ? 'mainTemplate.json' : 'createUiDefinition.json'} at its root, so there is nothing to preview.`;
    return preview;
  }
  preview.createUiDefinition = ui;
  // Nested and linked deployments included, as the README says it: what the package deploys, and where.
  const deployed = deployedResources(main, new Map(input.files.map((f) => [f.path, f.json.value])));
  const copiesData = copyRequests(main).length > 0;
  const rows = new Map<string, { type: string; words: string; count: number; outside?: string }>();
  for (const r of deployed.resources) {
    const key = `${r.type}\u0000${r.outside ?? ''}`;
    const row = rows.get(key) ?? { type: r.type, words: resourceWords(r.type, copiesData), count: 0, ...(r.outside ? { outside: `${r.outside}${r.deletedWithApplication ? ' (deleted with it)' : ''}` } : {}) };
    row.count++;
    rows.set(key, row);
  }
  preview.resources = [...rows.values()].sort((a, b) => a.type.localeCompare(b.type) || (a.outside ?? '').localeCompare(b.outside ?? ''));
  preview.billable = unestimated(Object.fromEntries(typeCounts(deployed)), false);
  preview.unread = deployed.unread.map((u) => ({ name: u.name, link: u.link, why: u.why }));
  const params = prop(main, 'parameters');
  if (isObject(params)) {
    for (const [name, def] of Object.entries(params)) {
      const type = textOf(prop(def, 'type'), 'string');
      const dv = prop(def, 'defaultValue');
      const allowed = prop(def, 'allowedValues');
      const description = prop(prop(def, 'metadata'), 'description');
      preview.parameters.push({ name, type, ...(dv !== undefined ? { defaultValue: /secure/i.test(type) ? '(secure)' : dv } : {}), ...(Array.isArray(allowed) ? { allowedValues: allowed } : {}), ...(typeof description === 'string' ? { description } : {}) });
      preview.templateParameters[name] = { type: type.toLowerCase(), hasDefault: dv !== undefined };
    }
  }
  const outputs = prop(main, 'outputs');
  if (isObject(outputs)) for (const [name, def] of Object.entries(outputs)) preview.outputs.push({ name, type: textOf(prop(def, 'type')) });
  return preview;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function nav(p: PackagePreview, fromRoot: boolean): Html {
  return html`<nav class="top" aria-label="Preview pages"><a href="${fromRoot ? 'index.html' : '../index.html'}">${p.name}</a>${p.fatal ? '' : html`<a href="${fromRoot ? 'install/index.html' : 'index.html'}">Install</a>`}</nav>`;
}

export function packageOverviewPage(p: PackagePreview): string {
  const body = html`<h1>Package ${p.name}</h1>
  <p class="note">A preview of a managed application package (${p.label}) without an offer: what it deploys, what it asks for, and the installation form. Nothing is deployed.</p>
  <nav class="summary-links" aria-label="On this page"><ul><li><a href="#deploys">What it deploys</a></li><li><a href="#parameters">Parameters</a></li><li><a href="#cost">Cost</a></li><li><a href="#outputs">Outputs</a></li><li><a href="#diagnostics">Findings</a></li>${p.fatal ? '' : html`<li><a href="install/index.html">Install wizard</a></li>`}</ul></nav>
  ${p.fatal ? html`<p class="cannot">${p.fatal}</p>` : ''}
  <section id="deploys"><h2>What it deploys</h2>
  ${p.fatal ? html`<p class="not-known">Not known: the package's templates cannot be read.</p>` : p.resources.length ? html`<table class="resources"><thead><tr><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Where</th><th scope="col" class="num">Count</th></tr></thead><tbody>${p.resources.map((r) => html`<tr data-resource-type="${r.type}"${r.outside ? html` data-outside="true"` : ''}><td>${r.words}</td><td><code>${r.type}</code></td><td>${r.outside ? `outside the managed resource group, ${r.outside}` : 'the managed resource group'}</td><td class="num">${r.count}</td></tr>`)}</tbody></table>` : p.unread.length ? '' : html`<p>mainTemplate.json and its nested deployments create no resources.</p>`}
  ${p.unread.length ? html`<p>What these deployments create is <strong>not known</strong>: offerkit does not read their templates.</p><ul class="unread">${p.unread.map((u) => html`<li data-unread-deployment="${u.name}"><code>${u.name || '(unnamed)'}</code> → <code>${u.link}</code>: ${u.why}</li>`)}</ul>` : ''}
  </section>
  <section id="parameters"><h2>Parameters</h2>
  ${p.parameters.length ? html`<table class="parameters"><thead><tr><th scope="col">Parameter</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">Description</th></tr></thead><tbody>${p.parameters.map((x) => html`<tr data-parameter="${x.name}"><td><code>${x.name}</code></td><td>${x.type}</td><td>${x.defaultValue === undefined ? html`<em>none — the install form must provide it</em>` : html`<code>${show(x.defaultValue)}</code>`}${x.allowedValues ? html`<br><span class="note">one of ${x.allowedValues.map(show).join(', ')}</span>` : ''}</td><td>${x.description ?? ''}</td></tr>`)}</tbody></table>` : html`<p>mainTemplate.json takes no parameters.</p>`}
  </section>
  <section id="cost"><h2>Cost</h2>
  ${p.fatal ? html`<p class="not-known">Not known: without its templates, what the package deploys and bills cannot be read.</p>` : p.billable.length ? html`<p>A package without an offer has no price of its own. These resources bill to the customer's subscription at Azure's prices and are <strong>not estimated</strong> here:</p><ul class="not-estimated">${p.billable.map((b) => html`<li data-not-estimated="${b.type}"><code>${b.type}</code> × ${b.count}</li>`)}</ul>` : p.unread.length ? '' : html`<p>Nothing in this package bills on its own.</p>`}
  ${p.unread.length ? html`<p class="not-known">What ${p.unread.length === 1 ? 'one deployment' : `${p.unread.length} deployments`} whose template offerkit does not read create${p.unread.length === 1 ? 's' : ''}, and bill${p.unread.length === 1 ? 's' : ''}, is <strong>not known</strong> (see What it deploys).</p>` : ''}
  </section>
  <section id="outputs"><h2>Outputs</h2>
  ${p.outputs.length ? html`<ul class="outputs">${p.outputs.map((o) => html`<li><code>${o.name}</code> (${o.type})</li>`)}</ul>` : html`<p>mainTemplate.json declares no outputs.</p>`}
  </section>
  ${p.diagnostics.length ? diagnosticsBanner(p.diagnostics, 'Findings of offerkit validate') : html`<section id="diagnostics"><h2>Findings of offerkit validate</h2><p class="ok">None.</p></section>`}`;
  return page({ title: `${p.name} — package preview`, body, data: { page: 'package' }, nav: nav(p, true) });
}

export function packageInstallPage(p: PackagePreview): string {
  const body = html`<h1>Install ${p.name}</h1>
  <p class="note">A preview of the Azure portal's installation form for this package (createUiDefinition). Nothing is deployed.</p>
  ${diagnosticsBanner(p.diagnostics, 'Validation findings for this package', { collapsed: true })}
  <div id="wizard" data-plan="package"><noscript>The installation preview needs JavaScript.</noscript></div>`;
  const data = { page: 'install', offerName: p.name, plan: { id: 'package', displayName: 'the package', createUiDefinition: p.createUiDefinition ?? null, templateParameters: p.templateParameters }, regions: [] };
  return page({ title: `Install ${p.name} — package preview`, body, data, nav: nav(p, false) });
}

/** The pages of a package preview, by path. */
export function packagePages(p: PackagePreview): Map<string, string> {
  const pages = new Map<string, string>([['index.html', packageOverviewPage(p)]]);
  if (!p.fatal) pages.set('install/index.html', packageInstallPage(p));
  return pages;
}
