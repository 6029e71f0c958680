// Prices are written from offerkit's own currency table (src/package-model/currency-format.ts), not from the
// ICU data of whatever Node runs offerkit. The table was derived from CLDR: on this Node, every currency and
// every kind of amount must read exactly as Intl writes it, and the text must read back as the same price.

import assert from 'node:assert/strict';
import { CURRENCY_FORMAT } from '../../src/package-model/currency-format.js';
import { currencyAmount, priceFromText, priceText } from '../../src/package-model/schedule-text.js';

const intl = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, ...(Number.isInteger(amount) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) }).format(amount);

// Whole amounts, cents, amounts that round up across digits and groups, half-way cases written in decimal
// (1.005 is 1.00499… in binary: ICU rounds the decimal text, and so must offerkit).
const AMOUNTS = [0, 1, 7, 49, 490, 999, 1000, 1234567, 0.5, 2.4, 2.405, 1.005, 0.125, 0.0625, 9.995, 999.999, 99999.5, 1234567.125, 0.004, 12.3456789];

describe('currency amounts', () => {
  it('every currency in the table writes every kind of amount as Intl does on this Node', () => {
    const codes = Intl.supportedValuesOf('currency');
    assert.ok(codes.length > 100);
    const mismatches: string[] = [];
    for (const code of codes) {
      for (const amount of AMOUNTS) {
        const ours = currencyAmount(amount, code);
        const theirs = intl(amount, code);
        if (ours !== theirs) mismatches.push(`${code} ${amount}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(theirs)}`);
      }
    }
    assert.deepEqual(mismatches, []);
    assert.deepEqual(Object.keys(CURRENCY_FORMAT).sort(), [...codes].sort(), 'the table covers the currencies this Node knows (npm run derive:currency-format)');
  });

  it('writes from the table, not from ICU', () => {
    assert.equal(currencyAmount(2.4, 'SEK'), 'SEK\u00a02.40');
    assert.equal(currencyAmount(1234.5, 'USD'), '$1,234.50');
    assert.equal(currencyAmount(300.5, 'JPY'), '¥301');
    assert.equal(currencyAmount(1.0005, 'BHD'), 'BHD\u00a01.001');
    assert.equal(currencyAmount(99.995, 'EUR'), '€100.00');
  });

  it('a currency the table lacks, or a huge amount, is still written (by Intl)', () => {
    assert.equal(currencyAmount(5, 'XYZ'), intl(5, 'XYZ'));
    assert.equal(currencyAmount(1e21, 'USD'), intl(1e21, 'USD'));
  });

  it('price texts read back as the same price', () => {
    for (const currency of ['USD', 'EUR', 'JPY', 'SEK', 'CAD']) {
      for (const amount of [49, 2.4, 1234.56]) {
        for (const model of ['flat', 'perUser'] as const) {
          const price = { model, amount, currency, billingTerm: 'month' as const };
          const text = priceText(price);
          const back = priceFromText(text);
          assert.ok(back, text);
          assert.equal(priceText(back), text);
        }
      }
    }
  });
});
