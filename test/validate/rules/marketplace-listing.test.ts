// Rule marketplace-listing: what Partner Center would refuse in the listing and set-up of an offer.

import { marketplaceRuleTests, type Case } from './marketplace-rule-tester.js';

const cases: Case[] = [
  { name: 'no preview audience', edit: [['  previewAudience:\n    - subscription: 2f6e4c1a-8b3d-4e5f-9a7b-6c5d4e3f2a1b\n      description: Contoso Analytics test subscription\n', '']], rule: 'marketplace-listing', message: /No preview audience/, at: 'marketplace:' },
  { name: 'authorizations without a tenant', edit: [['  tenantId: 4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a\n', '']], rule: 'marketplace-listing', message: /marketplace\.tenantId is not/, at: '  authorizations:' },
  { name: 'a short description over 256 characters', edit: [['  alias: Contoso Mail Insights\n', `  alias: Contoso Mail Insights\n  shortDescription: ${'A'.repeat(257)}\n`]], rule: 'marketplace-listing', message: /The short description is 257 characters; Partner Center accepts at most 256/, at: '  shortDescription: AAAA' },
  { name: 'no category', edit: [['categories: { analytics-azure-apps: [data-insights], security: [information-protection] }\n', '']], rule: 'marketplace-listing', message: /at least one category/, at: 'id: contoso-mail-insights' },
  { name: 'no logo', edit: [['logo: logo.png\n', '']], rule: 'marketplace-listing', message: /needs a large logo/, at: 'id: contoso-mail-insights' },
  { name: 'an engineering contact without a phone', edit: [['    phone: +44 20 7946 0001\n', '']], rule: 'marketplace-listing', message: /phone number for the engineering contact/, at: '  engineeringContact:' },
  { name: 'every plan hidden', edit: [['  leads:', '  plans:\n    starter: { hidden: true }\n    standard: { hidden: true }\n    enterprise: { hidden: true }\n  leads:']], rule: 'marketplace-listing', message: /Every plan is hidden/, at: '  plans:', severity: 'warning' },
  { name: "a notification endpoint (Partner Center's API cannot set it)", edit: [], rule: 'marketplace-listing', message: /no field for the notification endpoint/, at: '  notificationEndpoints:', severity: 'info' },
  { name: 'a privacy address at example.com (what offerkit init writes)', edit: [['privacyUrl: https://contoso-analytics.example.com/privacy', 'privacyUrl: https://example.com/privacy']], rule: 'marketplace-listing', message: /privacyUrl is https:\/\/example\.com\/privacy, a placeholder address: example\.com is reserved for documentation \(RFC 2606\)/, at: 'privacyUrl:' },
  { name: 'a support address at example.com', edit: [['  email: support@contoso-analytics.example.com', '  email: support@example.com']], rule: 'marketplace-listing', message: /support\.email is support@example\.com, a placeholder address/, at: '  email: support@example.com' },
  { name: 'a leads address under .invalid', edit: [['    email: sales@contoso-analytics.example.com', '    email: sales@contoso.invalid']], rule: 'marketplace-listing', message: /marketplace\.leads\.email is sales@contoso\.invalid, a placeholder address: \.invalid names are reserved/, at: '    email: sales@contoso.invalid' },
];

marketplaceRuleTests('marketplace-listing', cases);
