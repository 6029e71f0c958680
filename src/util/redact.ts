// Removes secrets from anything offerkit prints or logs: every value registered as secret in this process (a
// secure parameter, a client secret), whatever its length, and the shapes that can only be secrets — a SAS
// signature in a URL, a connection string's account key or signature, a bearer token, a JWT, an OAuth client
// secret in a query or form body. Never a word in prose: a finding about a control named "password" ("the regex
// allows…") is printed as written.

const PATTERNS: [RegExp, string][] = [
  [/([?&;]sig=)[^&\s"'<>]+/gi, '$1***'],
  [/(AccountKey=)[^;\s"']+/gi, '$1***'],
  [/(SharedAccessSignature=)[^;\s"']+/gi, '$1***'],
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, '$1***'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, '***'],
  [/((?:^|[?&])client_secret=)[^&\s"'<>]+/gim, '$1***'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join('***');
  for (const secret of shortKnown) out = replaceTokens(out, secret);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/**
 * Exact values known to be secret in this process. A value of 8 characters or more is removed wherever it
 * occurs. A shorter one ('abc12', '7') would also occur inside unrelated words and numbers, so it is removed
 * where it stands as a whole token — a JSON string value ("abc12"), a quoted word ('abc12'), a value after
 * = or :, a word between spaces — and left alone inside a longer word ('abc123', 'xabc12'): a provider that
 * echoes a value quotes it or sets it apart.
 */
const known = new Set<string>();
const shortKnown = new Set<string>();
const SHORT = 8;

/** Letters, digits, '_' and '-' make up a token: a short secret next to one of them is part of another word. */
function isTokenChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_-]/u.test(c);
}

/** `text` with every whole-token occurrence of `secret` replaced (linear: one indexOf scan). */
function replaceTokens(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const before = at > 0 ? text[at - 1] : undefined;
    const after = text[at + secret.length];
    const boundedBefore = !isTokenChar(secret[0]) || !isTokenChar(before);
    const boundedAfter = !isTokenChar(secret[secret.length - 1]) || !isTokenChar(after);
    if (!boundedBefore || !boundedAfter) continue;
    out += `${text.slice(from, at)}***`;
    from = at + secret.length;
  }
  return out + text.slice(from);
}

// eslint-disable-next-line no-control-regex -- the characters format/terminal-safe.ts shows as \u{…}
const SHOWN_AS_ESCAPES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The forms a value takes in output: as it is, inside a JSON string (quotes, backslashes, controls escaped),
 * and as the terminal sanitiser shows its control and bidi characters (\u{1b}).
 */
function forms(value: string): string[] {
  const shown = value.replace(SHOWN_AS_ESCAPES, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return [...new Set([value, JSON.stringify(value).slice(1, -1), shown])];
}

export function registerSecret(value: string | undefined): void {
  if (!value) return;
  for (const form of forms(value)) (form.length >= SHORT ? known : shortKnown).add(form);
}

/**
 * A secure parameter's value, whatever its type: a string as it is; an object or array as its JSON and every
 * string (and every number of 4 or more characters) in it, so a field a provider quotes alone is removed too.
 * true, false and null carry no secret of their own and are not registered (they would blank every boolean).
 */
export function registerSecureValue(value: unknown, depth = 0): void {
  if (typeof value === 'string') return registerSecret(value);
  if (typeof value === 'number') {
    if (String(value).length >= 4) registerSecret(String(value));
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return;
  registerSecret(JSON.stringify(value));
  registerSecret(JSON.stringify(value, null, 2));
  for (const v of Array.isArray(value) ? value : Object.values(value)) registerSecureValue(v, depth + 1);
}
