// offer.yaml's `categories`: Partner Center category ids, each with the subcategories it takes, written as a
// mapping (`analytics-azure-apps: [data-insights]`) or as a list of ids. The short names offerkit took before
// (`analytics`, `compliance`, …) are refused with the id to use instead.

import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../util/nearest.js';
import type { OfferCategory } from './model.js';
import { FORMER_CATEGORY_NAMES, MARKETPLACE_CATEGORIES } from './marketplace-categories.js';
import { error, type Locator } from './raw.js';


const IDS = Object.keys(MARKETPLACE_CATEGORIES);

function unknownCategory(name: string): string {
  const former = FORMER_CATEGORY_NAMES[name];
  if (former) return `"${name}" is not a Partner Center category id; use "${former}" (with its subcategories).`;
  return `"${name}" is not a Partner Center category id.${didYouMean(name, IDS)}`;
}

export function resolveCategories(raw: unknown, at: Locator): { categories: OfferCategory[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const categories: OfferCategory[] = [];
  const hint = 'Write categories as Partner Center ids with subcategories, e.g. categories: { analytics-azure-apps: [data-insights] } (the README lists them).';
  if (Array.isArray(raw)) {
    raw.forEach((name, i) => {
      if (typeof name !== 'string') return;
      if (Object.hasOwn(MARKETPLACE_CATEGORIES, name)) categories.push({ id: name, subcategories: [] });
      else diagnostics.push(error(at(`/categories/${i}`), 'offer-unknown-category', unknownCategory(name), hint));
    });
  } else if (raw && typeof raw === 'object') {
    for (const [name, subs] of Object.entries(raw as Record<string, unknown>)) {
      if (!Object.hasOwn(MARKETPLACE_CATEGORIES, name)) {
        diagnostics.push(error(at(`/categories/${name}`, { key: true }), 'offer-unknown-category', unknownCategory(name), hint));
        continue;
      }
      categories.push({ id: name, subcategories: Array.isArray(subs) ? subs.filter((s): s is string => typeof s === 'string') : [] });
    }
  }
  return { categories, diagnostics };
}
