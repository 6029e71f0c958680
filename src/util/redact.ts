// Removes secrets from anything offerkit prints or logs: values known to be secret, and the shapes that can
// only be secrets — a SAS signature in a URL, a connection string's account key or signature, a bearer token,
// a JWT, an OAuth client secret in a query or form body. Never a word in prose: a finding about a control named
// "password" ("the regex allows…") is printed as written.

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
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Exact values known to be secret in this process (an account key from a flag, a client secret). */
const known = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) known.add(value);
}
