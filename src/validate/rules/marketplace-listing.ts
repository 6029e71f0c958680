// What Partner Center would refuse in an offer's listing and set-up, found before any request: text lengths
// and counts, the logo, contacts, the preview audience, the tenant of the authorizations. Runs only for
// `--target marketplace` (a service catalog needs none of it).

import { listingDescription } from '../../render/listing.js';
import { defineRule, type ReportFile } from '../rule.js';
import { LIMITS } from '../marketplace-limits.js';
import { PLACEHOLDER, placeholderAddress, placeholderPointers } from '../../offer/placeholders.js';

export default defineRule({
  id: 'marketplace-listing',
  description: 'With --target marketplace: the listing, logo, contacts, categories, preview audience and authorizations meet what Partner Center accepts for an Azure Application offer.',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const offer = ctx.offer;
    if (ctx.target !== 'marketplace' || !offer) return;
    const file: ReportFile = { display: offer.file, json: { locate: (p, o) => offer.source.locate(p, o) } };
    // Findings point at the key (`marketplace:`, `summary:`), where a reader looks for the setting.
    const report = (pointer: string, message: string, hint?: string, severity?: 'warning' | 'info') => ctx.report({ file, pointer, message, key: pointer !== '', ...(hint ? { hint } : {}), ...(severity ? { severity } : {}) });
    for (const pointer of placeholderPointers(offer.source.value)) report(pointer, `${pointer.slice(1).replace(/\//g, '.')} still holds a placeholder (${PLACEHOLDER}); Partner Center would show it to customers.`, 'Replace it with the real value.');
    for (const [what, text] of [['description.md', offer.description], ['terms.md', offer.terms]] as const) if (text.includes(PLACEHOLDER)) report(`/${what === 'terms.md' ? 'terms' : 'description'}`, `${what} still holds a placeholder (${PLACEHOLDER}).`, 'Write the text the customer reads.');
    // The addresses customers use: one at a name reserved for documentation (what `offerkit init` writes) reaches nobody.
    const raw = offer.source.value as { publisher?: { website?: unknown }; support?: { email?: unknown; url?: unknown }; marketplace?: { engineeringContact?: { email?: unknown }; leads?: { email?: unknown }; usefulLinks?: { url?: unknown }[] } };
    const addresses: [string, unknown][] = [
      ['/privacyUrl', offer.privacyUrl],
      ['/support/email', raw.support?.email],
      ['/support/url', raw.support?.url],
      ['/publisher/website', raw.publisher?.website],
      ['/marketplace/engineeringContact/email', raw.marketplace?.engineeringContact?.email],
      ['/marketplace/leads/email', raw.marketplace?.leads?.email],
      ...(Array.isArray(raw.marketplace?.usefulLinks) ? raw.marketplace.usefulLinks.map((l, i): [string, unknown] => [`/marketplace/usefulLinks/${i}/url`, l?.url]) : []),
    ];
    for (const [pointer, value] of addresses) {
      if (typeof value !== 'string') continue;
      const why = placeholderAddress(value);
      if (why) report(pointer, `${pointer.slice(1).replace(/\//g, '.')} is ${value}, a placeholder address: ${why}. Partner Center would show it to customers, and it reaches nobody.`, 'Replace it with your real address.');
    }
    const m = offer.marketplace;
    const length = (pointer: string, what: string, text: string, max: number, hint?: string) => {
      if (text.length > max) report(pointer, `${what} is ${text.length} characters; Partner Center accepts at most ${max}.`, hint);
    };
    length('/displayName', 'The offer name (listing title)', offer.displayName, LIMITS.title);
    length('/summary', 'The summary (search results summary)', offer.summary, LIMITS.summary);
    length(offer.source.locate('/marketplace/shortDescription') && (offer.source.value as { marketplace?: { shortDescription?: string } }).marketplace?.shortDescription ? '/marketplace/shortDescription' : '/summary', 'The short description', m.shortDescription, LIMITS.shortDescription, 'Set marketplace.shortDescription.');
    length('/marketplace/alias', 'The offer alias', m.alias, LIMITS.alias, 'Set a shorter marketplace.alias (Partner Center only).');
    const description = listingDescription(offer);
    length('/description', 'The listing description (description.md as HTML, with the generated "Data requested" section)', description, LIMITS.description, 'Shorten description.md: the data section offerkit adds is required and cannot be left out.');
    if (!offer.categories.length) report('/categories', 'Partner Center needs at least one category for the listing.', 'Add categories: { analytics-azure-apps: [data-insights] } (Partner Center category ids, at most two, each with up to two subcategories).');
    if (!offer.logo) report('', 'Partner Center needs a large logo (216×216 PNG) for the listing.', 'Add logo: logo.png to offer.yaml.');
    else if (offer.logo.width !== 216 || offer.logo.height !== 216) report('/logo', `The logo is ${offer.logo.width}×${offer.logo.height}; Partner Center's large logo must be exactly 216×216 pixels.`);
    if (!offer.support.phone) report('/support', 'Partner Center needs a phone number for the support contact.', 'Add support.phone.');
    if (!offer.support.url) report('/support', 'The support contact has no support website (support.url); Partner Center asks for one.', undefined, 'warning');
    if (!m.engineeringContact.phone) report((offer.source.value as { marketplace?: { engineeringContact?: unknown } }).marketplace?.engineeringContact ? '/marketplace/engineeringContact' : '/support', 'Partner Center needs a phone number for the engineering contact.', 'Add marketplace.engineeringContact (name, email, phone), or support.phone to use the support contact.');
    if (!m.previewAudience.length) report('/marketplace', 'No preview audience: Partner Center needs at least one Azure subscription that can install the offer in preview.', 'Add marketplace.previewAudience: [<subscription id>].');
    if (m.previewAudience.length > LIMITS.previewAudience) report('/marketplace/previewAudience', `The preview audience lists ${m.previewAudience.length} subscriptions; Partner Center accepts at most ${LIMITS.previewAudience}.`);
    if (offer.management.authorizations.length && !m.tenantId) report('/management/authorizations', 'Authorizations are declared but marketplace.tenantId is not: Partner Center needs the Microsoft Entra tenant their principals belong to.', 'Add marketplace.tenantId: <your tenant id>.');
    if (offer.management.authorizations.length > LIMITS.authorizations) report('/management/authorizations', `${offer.management.authorizations.length} authorizations; Partner Center accepts at most ${LIMITS.authorizations}.`);
    if (m.usefulLinks.length > LIMITS.usefulLinks) report('/marketplace/usefulLinks', `${m.usefulLinks.length} useful links; Partner Center accepts at most ${LIMITS.usefulLinks}.`);
    m.usefulLinks.forEach((l, i) => length(`/marketplace/usefulLinks/${i}/title`, 'A useful link title', l.title, LIMITS.linkTitle));
    // Nothing in the repository can change this, so it is a note (info) by default, not a warning that would
    // trip --max-warnings 0 on every offer with an endpoint.
    if (offer.management.notificationEndpoints.length) {
      report('/management/notificationEndpoints', "Partner Center's submission API has no field for the notification endpoint: offerkit cannot set it for a marketplace plan.", 'Enter it in Partner Center (plan → Technical configuration → Notification endpoint URL) once; offerkit leaves it as it is.', 'info');
    }
    if (offer.plans.every((p) => m.plans.get(p.id)?.hidden)) report('/marketplace/plans', 'Every plan is hidden: customers cannot find the offer in the marketplace.', undefined, 'warning');
  },
});
