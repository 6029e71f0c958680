// The mark offerkit puts on a value it had to invent (an imported package has no listing text, price or support):
// `validate --target marketplace` reports every value that still carries it.

export const PLACEHOLDER = 'TODO(offerkit):';

/** Pointers of the string values under `value` that still carry the mark. */
export function placeholderPointers(value: unknown, pointer = '', depth = 0): string[] {
  if (depth > 64) return [];
  if (typeof value === 'string') return value.includes(PLACEHOLDER) ? [pointer] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholderPointers(v, `${pointer}/${i}`, depth + 1));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholderPointers(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1));
  return [];
}
