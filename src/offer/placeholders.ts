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

/**
 * Why an address (a URL or an e-mail address) is a placeholder, or undefined: its host is a name reserved for
 * documentation and examples — example.com, example.net, example.org (RFC 2606 §3) — or under a top-level name
 * reserved never to be delegated: .example, .invalid, .test, .localhost (RFC 2606 §2, RFC 6761). A subdomain of
 * example.com (`contoso.example.com`) reads as a fictional company's own address, as in the example offer, and
 * is left alone.
 */
export function placeholderAddress(value: string): string | undefined {
  const text = value.trim();
  const at = /^[^@\s/]+@([^@\s/]+)$/.exec(text);
  let host = at?.[1];
  if (!host) {
    try {
      host = new URL(text).hostname;
    } catch {
      return undefined;
    }
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (/^(www\.)?example\.(com|net|org)$/.test(host)) return `${host} is reserved for documentation (RFC 2606)`;
  const tld = /(?:^|\.)(example|invalid|test|localhost)$/.exec(host)?.[1];
  if (tld) return `.${tld} names are reserved and never reach anyone (RFC 2606)`;
  return undefined;
}
