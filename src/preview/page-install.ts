// The install wizard page of one plan: the plan's createUiDefinition, run by the browser script as the portal
// would, step by step, ending in a review of the outputs and the mainTemplate parameter each one feeds.
// A createUiDefinition with validation findings still previews, with the findings listed first.

import { html } from '../render/html.js';
import type { PlanView, PreviewModel } from './model.js';
import { nav } from './page-overview.js';
import { diagnosticsBanner, page } from './page-layout.js';

export function installPage(model: PreviewModel, plan: PlanView): string {
  const body = html`<h1>Install ${model.offer!.displayName}: ${plan.displayName}</h1>
  <p class="note">A preview of the Azure portal's installation form for this plan (createUiDefinition). Nothing is deployed.</p>
  ${diagnosticsBanner(plan.diagnostics, 'Validation findings for this plan', { collapsed: true })}
  ${plan.createUiDefinition === undefined ? html`<p class="cannot">The createUiDefinition of this plan could not be rendered, so the installation cannot be previewed. See the findings above.</p>` : html`<div id="wizard" data-plan="${plan.id}"><noscript>The installation preview needs JavaScript.</noscript></div>`}`;
  const data = {
    page: 'install',
    offerName: model.offer!.displayName,
    plan: { id: plan.id, displayName: plan.displayName, createUiDefinition: plan.createUiDefinition ?? null, templateParameters: plan.templateParameters ?? {}, priceText: plan.priceText, ...(plan.meteringText ? { meteringText: plan.meteringText } : {}) },
    regions: model.regions,
    nextSteps: plan.nextSteps,
    agreement: { termsHref: '../../index.html#terms', ...(model.data ? { dataApproval: model.data.approval, dataHref: '../../index.html#data' } : {}) },
  };
  return page({ title: `Install ${plan.displayName} — ${model.offer!.displayName} preview`, body, data, nav: nav(model, false) });
}
