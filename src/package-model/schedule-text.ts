// Plain-words descriptions of schedules, durations and prices, shared by the templates, README and preview.

import type { Offer, Price } from '../offer/model.js';

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

// Creating a currency formatter loads locale data: one per currency per process.
const formatters = new Map<string, Intl.NumberFormat>();

export function priceText(price: Price): string {
  if (price.model === 'free') return 'Free';
  // Whole amounts without cents ($490), others with the currency's minor unit ($2.40, ¥300).
  const whole = Number.isInteger(price.amount);
  const key = `${price.currency}:${whole}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: price.currency, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) });
    formatters.set(key, format);
  }
  const amount = format.format(price.amount);
  const per = price.model === 'perUser' ? ' per user' : '';
  return `${amount}${per} per ${price.billingTerm}`;
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
