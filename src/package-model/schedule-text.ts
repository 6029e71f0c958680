// Plain-words descriptions of schedules, durations and prices, shared by the templates, README and preview.

import type { Offer, Price } from '../offer/model.js';
import { CURRENCY_FORMAT } from './currency-format.js';

const UNIT: Record<string, [string, string]> = { Hour: ['hour', 'hours'], Day: ['day', 'days'], Week: ['week', 'weeks'], Month: ['month', 'months'] };

export function scheduleText(schedule: Offer['schedule']): string {
  if (!schedule) return 'on demand';
  const [one, many] = UNIT[schedule.frequency];
  const every = schedule.interval === 1 ? `every ${one}` : `every ${schedule.interval} ${many}`;
  return schedule.startTime ? `${every}, starting ${schedule.startTime}` : `${every}, starting when the application is installed`;
}

/** Data Factory activity timeout format d.hh:mm:ss. */
export function adfTimeout(hours: number): string {
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `${d}.${String(h).padStart(2, '0')}:00:00`;
}

export function priceText(price: Price): string {
  if (price.model === 'free') return 'Free';
  const per = price.model === 'perUser' ? ' per user' : '';
  return `${currencyAmount(price.amount, price.currency)}${per} per ${price.billingTerm}`;
}

/**
 * An amount as en-US writes it: whole amounts without cents ($490), others with the currency's minor unit
 * ($2.40, ¥300, BHD 1.125), rounded half away from zero on the decimal digits as written (1.005 → 1.01).
 * From offerkit's own table (currency-format.ts), so the text does not depend on the ICU data of the Node
 * that runs it; a currency the table lacks, or an amount in exponent notation, is left to Intl.
 */
export function currencyAmount(amount: number, currency: string): string {
  const whole = Number.isInteger(amount);
  const format = Object.prototype.hasOwnProperty.call(CURRENCY_FORMAT, currency) ? CURRENCY_FORMAT[currency] : undefined;
  const written = String(Math.abs(amount));
  if (!format || written.includes('e') || amount < 0) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) }).format(amount);
  }
  const [symbol, spaced, digits] = format;
  const number = decimalText(written, whole ? 0 : digits);
  return `${symbol}${spaced ? '\u00a0' : ''}${number}`;
}

/** A non-negative decimal numeral rounded half up to `digits` fraction digits, its integer part grouped by thousands. */
function decimalText(written: string, digits: number): string {
  const [intPart, fracPart = ''] = written.split('.');
  let units = (intPart + fracPart.padEnd(digits, '0').slice(0, digits)).split('').map(Number);
  if ((fracPart[digits] ?? '0') >= '5') {
    let k = units.length - 1;
    while (k >= 0 && units[k] === 9) units[k--] = 0;
    if (k >= 0) units[k]++;
    else units = [1, ...units];
  }
  const all = units.join('');
  const int = all.slice(0, all.length - digits) || '0';
  const frac = all.slice(all.length - digits);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return digits ? `${grouped}.${frac}` : grouped;
}

/**
 * How a per-user price is counted, for the customer: the application reports usage to the Marketplace
 * Metering Service (a custom meter); undefined for other prices.
 */
export function meteringText(price: Price): string | undefined {
  if (price.model !== 'perUser') return undefined;
  return `The number of users is counted by the application and reported to Microsoft through the Marketplace Metering Service (a custom meter in "user per ${price.billingTerm}"); the usage appears on your Azure invoice.`;
}

/** Currencies tried when reading a price back (ISO 4217 codes Partner Center and Azure bill in). */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'NZD', 'INR', 'BRL', 'KRW', 'TWD', 'HKD', 'SGD', 'ZAR', 'MXN', 'CNY', 'PLN', 'CZK', 'HUF', 'TRY', 'ILS', 'SAR', 'AED', 'IDR', 'MYR', 'THB'];

/** The price a priceText() wrote, read back (only when formatting it again gives the same text). */
export function priceFromText(text: string): Price | undefined {
  const t = text.trim();
  if (t === 'Free') return { model: 'free', amount: 0, currency: 'USD', billingTerm: 'month' };
  const m = /^(.+?)( per user)? per (month|year)$/.exec(t);
  if (!m) return undefined;
  const amount = Number(m[1].replace(/[^\d.]/g, ''));
  if (!Number.isFinite(amount)) return undefined;
  for (const currency of CURRENCIES) {
    const price: Price = { model: m[2] ? 'perUser' : 'flat', amount, currency, billingTerm: m[3] as Price['billingTerm'] };
    if (priceText(price) === t) return price;
  }
  return undefined;
}
