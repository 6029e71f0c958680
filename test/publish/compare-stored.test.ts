// What offerkit compares with Partner Center, seen the way the service stores it.

import assert from 'node:assert/strict';
import { diffFields, normalizeHtml } from '../../src/publish/marketplace/compare-stored.js';

const enabled = (codes: string[], all: string[]) => all.map((marketCode) => ({ marketCode, state: codes.includes(marketCode) ? 'Enabled' : 'Disabled' }));

describe('comparing with what Partner Center stores', () => {
  const same: [string, Record<string, unknown>, Record<string, never> | Record<string, unknown>][] = [
    ['markets listed in full by the service, the others Disabled', { marketStates: enabled(['US', 'CA'], ['AD', 'CA', 'US', 'ZW']) }, { marketStates: [{ marketCode: 'CA', state: 'Enabled' }, { marketCode: 'US', state: 'Enabled' }] }],
    ['a meter id the service filled', { customMeters: [{ uniqueID: 'f00', ID: 'users', priceInUsd: 3 }] }, { customMeters: [{ ID: 'users', priceInUsd: 3 }] }],
    ['sets in the service\'s order', { allowedDataActions: ['b', 'a'], priceSchedules: [{ marketCodes: ['US', 'CA'], isBaseSchedule: true }] }, { allowedDataActions: ['a', 'b'], priceSchedules: [{ marketCodes: ['CA', 'US'], isBaseSchedule: true }] }],
    ['HTML a sanitiser rewrote', { description: '<P>It&#39;s<br />here</P>\n<ul><li>a</li></ul>' }, { description: "<p>It's<br>here</p> <ul><li>a</li></ul>" }],
    ['categories as a set of subcategories', { leveledCategories: { security: ['b', 'a'] } }, { leveledCategories: { security: ['a', 'b'] } }],
    ['an absent list is empty', {}, { allowedCustomerActions: [] }],
  ];
  for (const [name, stored, desired] of same) {
    it(`no change: ${name}`, () => assert.deepEqual(diffFields('r', stored, desired as never), []));
  }

  const differs: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['a market offerkit names that is Disabled', { marketStates: enabled(['US'], ['CA', 'US']) }, { marketStates: [{ marketCode: 'CA', state: 'Enabled' }, { marketCode: 'US', state: 'Enabled' }] }, 'marketStates'],
    ['a price', { customMeters: [{ uniqueID: 'f00', ID: 'users', priceInUsd: 3 }] }, { customMeters: [{ ID: 'users', priceInUsd: 4 }] }, 'customMeters'],
    ['a category offerkit no longer names', { leveledCategories: { security: ['other'], web: ['other'] } }, { leveledCategories: { security: ['other'] } }, 'leveledCategories'],
    ['the words of the HTML', { description: '<p>Old</p>' }, { description: '<p>New</p>' }, 'description'],
    ['keyword order (shown as written)', { keywords: ['b', 'a'] }, { keywords: ['a', 'b'] }, 'keywords'],
  ];
  for (const [name, stored, desired, field] of differs) {
    it(`a change: ${name}`, () => assert.deepEqual(diffFields('r', stored, desired as never).map((c) => c.field), [field]));
  }

  it('shows a market change as the markets offerkit owns', () => {
    const [c] = diffFields('plan', { marketStates: enabled(['US'], ['AU', 'US']) }, { marketStates: [{ marketCode: 'AU', state: 'Enabled' }, { marketCode: 'US', state: 'Enabled' }, { marketCode: 'ZW', state: 'Disabled' }] });
    assert.deepEqual(c.from, [{ marketCode: 'US', state: 'Enabled' }]);
    assert.deepEqual(c.to, [{ marketCode: 'AU', state: 'Enabled' }, { marketCode: 'US', state: 'Enabled' }]);
  });

  it('normalises HTML without changing its text', () => {
    assert.equal(normalizeHtml('<H2>Terms</H2>\n\n<p>a  &quot;b&quot;</p>'), '<h2>Terms</h2><p>a "b"</p>');
  });
});
