// The marketplace listing's description: the offer's description.md as the HTML Partner Center accepts, and
// after it a generated "Data requested" section naming every dataset, column, date window, user scope and
// purpose in the very words the install wizard's consent step uses — so the consent-fidelity rule can read
// the listing back and prove it asks for exactly what the package copies.

import type { Offer } from '../offer/model.js';
import { consentTexts, parseConsentTexts, type ConsentRequest } from '../package-model/consent-text.js';
import { escapeHtml } from './html.js';
import { markdownToHtml } from './markdown.js';
import { scheduleText } from '../package-model/schedule-text.js';
import { nextSteps } from '../package-model/next-steps.js';

const SECTION_START = '<h2>Data requested</h2>';

/** The "Data requested" section of the listing, or '' for an offer that copies no Microsoft 365 data. */
export function listingDataSection(offer: Offer): string {
  if (!offer.requiredData.length) return '';
  const out = [SECTION_START];
  out.push('<p>Nothing is copied until a Microsoft 365 administrator of your tenant approves this request. Only these datasets and columns are requested; every other column stays in Microsoft 365.</p>');
  out.push(`<p>The copy runs ${escapeHtml(scheduleText(offer.schedule))} (UTC) into a storage account in your own subscription.</p>`);
  for (const rd of offer.requiredData) {
    const t = consentTexts(rd);
    out.push(`<h3>${escapeHtml(rd.dataset.title)}</h3>`);
    out.push(`<ul data-dataset="${escapeHtml(rd.dataset.name)}">${[t.dataset, t.columns, t.dateWindow, t.users, t.purpose].map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`);
  }
  return out.join('\n');
}

/** The customer's next steps in short (titles only; the package README has the values), or '' without plans. */
export function listingNextSteps(offer: Offer): string {
  const plan = offer.plans[0];
  if (!plan) return '';
  const steps = nextSteps(offer, plan, undefined);
  return ['<h2>After you install</h2>', `<ol>${steps.afterInstall.map((s) => `<li>${escapeHtml(s.title)}</li>`).join('')}</ol>`, `<p>${escapeHtml(steps.stopping.map((s) => `${s.title}: ${s.text}`).join(' '))}</p>`].join('\n');
}

/** The listing description: the offer's Markdown as HTML (headings from h2), the data section, the next steps. */
export function listingDescription(offer: Offer): string {
  return [markdownToHtml(offer.description, { topLevel: 2 }), listingDataSection(offer), listingNextSteps(offer)].filter(Boolean).join('\n');
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Reads the data section back from a listing description (what a customer reads on the listing). */
export function parseListingDataSection(html: string): (Partial<ConsentRequest> & { problems: string[] })[] {
  const start = html.indexOf(SECTION_START);
  if (start < 0) return [];
  const out: (Partial<ConsentRequest> & { problems: string[] })[] = [];
  for (const m of html.slice(start).matchAll(/<ul data-dataset="[^"]*">(.*?)<\/ul>/gs)) {
    const items = [...m[1].matchAll(/<li>(.*?)<\/li>/gs)].map((x) => unescape(x[1]));
    out.push(parseConsentTexts({ dataset: items[0], columns: items[1], dateWindow: items[2], users: items[3], purpose: items[4] }));
  }
  return out;
}
