// Rule marketplace-plan: what Partner Center would refuse in a plan (id, summary, markets, price).

import { marketplaceRuleTests, type Case } from './marketplace-rule-tester.js';

const cases: Case[] = [
  { name: 'a price in EUR', edit: [['amount: 490, currency: USD', 'amount: 490, currency: EUR']], rule: 'marketplace-plan', message: /prices Azure Application plans in USD/, at: 'currency: EUR' },
  { name: 'a price with three decimals', edit: [['amount: 2.4, currency: USD', 'amount: 2.405, currency: USD']], rule: 'marketplace-plan', message: /at most two decimals \(got 2\.405\)/, at: 'amount: 2.405' },
  { name: 'a flat price of 0', edit: [['amount: 490, currency: USD', 'amount: 0, currency: USD']], rule: 'marketplace-plan', message: /a plan that costs nothing is model: free/, at: 'amount: 0' },
  { name: 'a plan description too long for a summary', edit: [['      For a pilot of up to 500 users: 30 days of history kept, locally redundant storage.', `      ${'Pilot '.repeat(30)}and more.`]], rule: 'marketplace-plan', message: /Plan starter has no summary of at most 100 characters/, at: '    description: >-' },
];

marketplaceRuleTests('marketplace-plan', cases);
