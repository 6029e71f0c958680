// The offer page a customer reads before installing: listing, plans side by side, terms, the data requested,
// policies and publisher access, and the cost estimate (computed here for the default inputs, recomputed by
// the browser script as the customer changes them).

import { estimateMonthlyCost, type CostEstimate } from './client/cost.js';
import { html, link, raw, type Html } from '../render/html.js';
import type { PreviewModel } from './model.js';
import { GROUP_TITLES, type ChangeGroup } from '../changes/compare.js';
import { diagnosticsBanner, page } from './page-layout.js';

export function installHref(planId: string, fromRoot: boolean): string {
  return `${fromRoot ? '' : '../../'}plans/${encodeURIComponent(planId)}/install.html`;
}

export function nav(model: PreviewModel, fromRoot: boolean): Html {
  const home = fromRoot ? 'index.html' : '../../index.html';
  return html`<nav class="top"><a href="${home}">${model.offer?.displayName ?? 'Offer'}</a>
  ${model.plans.map((p) => html`<a href="${installHref(p.id, fromRoot)}" data-install-link="${p.id}">Install ${p.displayName}</a>`)}</nav>`;
}

function listing(m: PreviewModel): Html {
  const o = m.offer!;
  return html`<section id="listing">
  <header class="listing-head">
    ${o.logoDataUri ? html`<img class="logo" src="${o.logoDataUri}" alt="">` : ''}
    <div><h1>${o.displayName}</h1>
    <p class="publisher">by ${o.publisher.website ? link(o.publisher.website, o.publisher.name) : o.publisher.name}</p>
    <p class="summary">${o.summary}</p></div>
  </header>
  <nav class="summary-links" aria-label="On this page"><ul>
    <li><a href="#plans">Plans and prices</a> (${m.plans.map((p) => `${p.displayName}: ${p.priceText}`).join('; ')})</li>
    ${m.plans.some((p) => p.changes) ? html`<li><a href="#changes">What changes in this version</a></li>` : ''}
    <li><a href="#data">Data requested</a></li><li><a href="#policies">Policies</a> and <a href="#access">publisher access</a></li>
    <li><a href="#terms">Terms of service</a></li>${m.costDefaults && m.pricing ? html`<li><a href="#cost">Cost estimate</a></li>` : ''}
  </ul></nav>
  <div class="description">${raw(o.descriptionHtml)}</div>
  <dl class="facts">
    ${o.categories.length ? html`<dt>Categories</dt><dd>${o.categories.join(', ')}</dd>` : ''}
    ${o.keywords.length ? html`<dt>Keywords</dt><dd>${o.keywords.join(', ')}</dd>` : ''}
    <dt>Support</dt><dd>${o.support.name} — ${link(`mailto:${o.support.email}`, o.support.email)}${o.support.phone ? html` · ${o.support.phone}` : ''}${o.support.url ? html` · ${link(o.support.url)}` : ''}</dd>
    <dt>Privacy</dt><dd>${link(o.privacyUrl, 'Privacy policy')}</dd>
  </dl>
</section>`;
}

function plans(m: PreviewModel): Html {
  const keys = [...new Set(m.plans.flatMap((p) => Object.keys(p.inputs)))].sort();
  const resources = [...new Set(m.plans.flatMap((p) => Object.keys(p.resources)))].sort();
  const differs = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v ?? null))).size > 1;
  const shown = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v));
  const row = (label: string, values: unknown[], cls = '') => html`<tr class="${differs(values) ? 'differs' : ''} ${cls}"><th scope="row">${label}</th>${values.map((v) => html`<td>${shown(v)}</td>`)}</tr>`;
  return html`<section id="plans"><h2>Plans</h2>
  <p class="note">Rows marked <span class="differs-mark">differs</span> are where the plans are not the same.</p>
  <table class="plans"><thead><tr><th></th>${m.plans.map((p) => html`<th scope="col" data-plan="${p.id}">${p.displayName}<br><span class="version">v${p.version}</span></th>`)}</tr></thead>
  <tbody>
    ${row('Price', m.plans.map((p) => p.priceText), 'price')}
    ${row('Billing term', m.plans.map((p) => (p.cost.price.model === 'free' ? '—' : p.cost.price.billingTerm === 'year' ? 'yearly' : 'monthly')))}
    ${row('How users are counted', m.plans.map((p) => p.meteringText ?? '—'))}
    ${row('What it gives', m.plans.map((p) => p.description))}
    ${m.data ? row('Copied data', m.plans.map((p) => p.retentionText)) : ''}
    ${keys.map((k) => row(m.inputLabels[k] ?? k, m.plans.map((p) => p.inputs[k])))}
    ${resources.map((r) => row(r, m.plans.map((p) => p.resources[r] ?? 0)))}
    <tr><th scope="row">Install</th>${m.plans.map((p) => html`<td><a href="${installHref(p.id, true)}">Preview the installation</a></td>`)}</tr>
  </tbody></table></section>`;
}

function terms(m: PreviewModel): Html {
  return html`<section id="terms"><h2>Terms of service</h2>
  <div class="terms">${raw(m.offer!.termsHtml)}</div>
  <div class="accepts"><h3>By deploying this application you accept</h3><ul>
    <li>these terms of service and the publisher's privacy policy;</li>
    <li>the plan price, billed through your Azure invoice, and the Azure resources the application creates, billed to your subscription;</li>
    ${m.data ? html`<li>the data request below, which takes effect only when a Microsoft 365 administrator approves it;</li>` : ''}
    <li>the publisher's access described under "Publisher access".</li></ul></div></section>`;
}

function data(m: PreviewModel): Html {
  if (!m.data) return html`<section id="data"><h2>Data requested</h2><p>This application requests no Microsoft 365 data.</p></section>`;
  const d = m.data;
  return html`<section id="data"><h2>Data requested</h2>
  <p class="approval">${d.approval}</p>
  <dl class="facts"><dt>Schedule</dt><dd>${d.schedule}</dd><dt>Destination</dt><dd>${d.destination}</dd>
  <dt>Kept</dt><dd>${m.plans.map((p) => html`<span class="per-plan">${p.displayName}: ${p.retentionText.toLowerCase()}</span> `)}</dd></dl>
  ${d.datasets.map((ds) => html`<article class="dataset" data-dataset="${ds.name}">
    <h3>${ds.title} <code>${ds.name}</code></h3>
    <p>${ds.description}</p>
    <dl class="facts"><dt>Purpose</dt><dd class="purpose">${ds.purpose}</dd>
      <dt>Date window</dt><dd>${ds.dateWindow}</dd>
      <dt>Users</dt><dd>${ds.groups.length ? html`only members of these Entra ID groups: ${ds.groups.map((g) => html`<code class="group">${g}</code> `)}` : ds.users}</dd></dl>
    <table class="columns"><caption>Columns copied (${ds.columns.length})</caption><thead><tr><th>Column</th><th>Type</th><th>What it holds</th></tr></thead>
    <tbody>${ds.columns.map((c) => html`<tr data-requested-column="${c.name}"><td><code>${c.name}</code></td><td>${c.type}</td><td>${c.description}</td></tr>`)}</tbody></table>
    <div class="absent"><h4>Not requested — these ${ds.absentColumns.length} columns stay in Microsoft 365</h4>
    <p>${ds.absentColumns.map((n) => html`<span class="absent-column" data-absent-column="${n}">${n}</span> `)}</p></div>
  </article>`)}
  </section>`;
}

function changes(m: PreviewModel): Html {
  const plans = m.plans.filter((p) => p.changes);
  if (!plans.length) return html``;
  const kind = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;
  return html`<section id="changes"><h2>What changes in this version</h2>
  ${plans.map((p) => {
    const c = p.changes!;
    const groups = (Object.keys(GROUP_TITLES) as ChangeGroup[]).map((g) => [g, c.changes.filter((x) => x.group === g)] as const).filter(([, xs]) => xs.length);
    return html`<article class="plan-changes" data-plan="${p.id}"><h3>${p.displayName}: ${c.status === 'new' ? 'a new plan' : c.before ? `since version ${c.before}` : 'since the previous version'}</h3>
    ${c.status === 'compared' && !c.changes.length ? html`<p>Nothing you agree to changes.</p>` : ''}
    ${groups.map(([g, xs]) => html`<h4>${GROUP_TITLES[g]}</h4><ul>${xs.map((x) => html`<li class="change change-${x.kind}" data-group="${g}"><strong>${kind[x.kind]}:</strong> ${x.text}</li>`)}</ul>`)}
    ${c.reapproval ? html`<p class="reapproval"><strong>A Microsoft 365 administrator must approve the data request again before any data moves: the application's Data Connect registration is updated to the new request and a global administrator approves the update.</strong></p>` : ''}
    </article>`;
  })}
  </section>`;
}

function policies(m: PreviewModel): Html {
  return html`<section id="policies"><h2>Policies</h2>
  ${m.policies.length ? html`<p>These Azure policies are assigned to the application's resource group and stay in force for its lifetime:</p>
  <ul class="policies">${m.policies.map((p) => html`<li><strong>${p.displayName}.</strong> ${p.guarantee}<br><span class="builtin">Azure Policy: ${p.builtIn} <code>${p.definitionId}</code></span></li>`)}</ul>` : html`<p>The publisher attaches no Azure policies.</p>`}
  <h3 id="access">Publisher access</h3><ul class="access">${m.access.map((a) => html`<li>${a}</li>`)}</ul></section>`;
}

export function costTable(estimate: CostEstimate): Html {
  return html`<table class="estimate" id="estimate"><thead><tr><th>Line</th><th>How it is counted</th><th class="num">Per month</th></tr></thead>
  <tbody>${estimate.lines.map((l) => html`<tr data-line="${l.key}"><td>${l.label}</td><td class="detail">${l.detail}</td><td class="num" data-amount="${l.amount.toFixed(2)}">${l.amount.toFixed(2)} ${l.currency}</td></tr>`)}
  ${estimate.notEstimated.map((n) => html`<tr data-not-estimated="${n.type}"><td><code>${n.type}</code></td><td class="detail">${n.count} in the package, billed by Azure at its own prices</td><td class="num">not estimated</td></tr>`)}
  ${estimate.notKnown.map((n) => html`<tr data-not-known><td>${n}</td><td class="detail">what it creates is not known, nor what that bills</td><td class="num">not estimated</td></tr>`)}</tbody>
  <tfoot>${Object.entries(estimate.totals).map(([cur, amount]) => html`<tr class="total"><th colspan="2">Estimated total (${cur})${estimate.notEstimated.length || estimate.notKnown.length ? ', without what is not estimated' : ''}</th><td class="num" data-total="${cur}">${amount.toFixed(2)} ${cur}</td></tr>`)}</tfoot></table>`;
}

function cost(m: PreviewModel): Html {
  const plan = m.plans.find((p) => p.id === m.defaultPlan);
  if (!plan || !m.costDefaults || !m.pricing) return html``;
  const i = m.costDefaults;
  const estimate = estimateMonthlyCost(plan.cost, m.costDatasets, m.pricing.prices, i);
  const hasTenant = m.costDatasets.some((d) => d.kind === 'tenant');
  const hasItems = m.costDatasets.some((d) => d.kind === 'items');
  // Only what changes the figure is asked: users when the copy or a per-user price counts them, the schedule and
  // retention only for a copy.
  const copies = m.costDatasets.length > 0;
  const perUser = m.plans.some((p) => p.cost.price.model === 'perUser');
  return html`<section id="cost"><h2>Cost estimate</h2>
  ${copies ? html`<p class="estimate-note">An estimate, not a quote: Azure list prices as of <strong data-prices-as-of>${m.pricing.prices.asOf}</strong> (${m.pricing.prices.region}; ${m.pricing.source === 'offerkit' ? 'offerkit\'s price list' : `the publisher's price list, ${m.pricing.source}`}). Your prices depend on your agreement with Microsoft and your region.</p>` : html`<p class="estimate-note">The plan's price. The Azure resources the application creates bill to your subscription at Azure's prices and are not estimated here.</p>`}
  <form id="cost-form" class="cost-form">
    <label>Plan <select name="plan">${m.plans.map((p) => html`<option value="${p.id}"${raw(p.id === plan.id ? ' selected' : '')}>${p.displayName}</option>`)}</select></label>
    ${copies ? html`<label>Users in scope <input name="users" type="number" min="0" step="1" value="${i.users}"></label>` : perUser ? html`<label>Users (the plan is billed per user) <input name="users" type="number" min="0" step="1" value="${i.users}"></label>` : ''}
    ${hasItems ? html`<label>Items per user per day <input name="itemsPerUserPerDay" type="number" min="0" step="1" value="${i.itemsPerUserPerDay}"></label>` : ''}
    ${hasTenant ? html`<label>SharePoint objects per run <input name="tenantObjects" type="number" min="0" step="1" value="${i.tenantObjects}"></label>` : ''}
    ${copies ? html`<label>Copy every <input name="interval" type="number" min="1" step="1" value="${i.interval}"> <select name="frequency">${(['Hour', 'Day', 'Week', 'Month'] as const).map((f) => html`<option value="${f}"${raw(f === i.frequency ? ' selected' : '')}>${f.toLowerCase()}(s)</option>`)}</select></label>
    <label>Keep copied data (days) <input name="retentionDays" type="number" min="0" step="1" value="${i.retentionDays}"></label>` : ''}
  </form>
  <div id="estimate-output">${costTable(estimate)}</div>
  ${copies ? html`<details class="sources"><summary>Where the prices come from</summary><ul>${m.pricing.prices.sources.map((s) => html`<li>${s}</li>`)}</ul></details>` : ''}
  </section>`;
}

export function overviewPage(model: PreviewModel): string {
  if (!model.offer) {
    return page({ title: 'Offer preview — errors', body: html`<h1>This offer does not load</h1>${diagnosticsBanner(model.fatal, 'Fix these in the offer folder, then reload')}`, data: { page: 'error' } });
  }
  const body = html`${diagnosticsBanner(model.diagnostics, 'Findings')}
  ${listing(model)}${plans(model)}${changes(model)}${terms(model)}${data(model)}${policies(model)}${cost(model)}`;
  const clientData = { page: 'overview', plans: model.plans.map((p) => p.cost), defaultPlan: model.defaultPlan, datasets: model.costDatasets, defaults: model.costDefaults, pricing: model.pricing?.prices };
  return page({ title: `${model.offer.displayName} — preview`, body, data: clientData, nav: nav(model, true) });
}
