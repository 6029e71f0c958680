// Removes secrets from anything offerkit prints or logs: SAS signatures, storage account keys,
// bearer tokens and JWTs, client secrets in query strings or key=value pairs.

const PATTERNS: [RegExp, string][] = [
  [/([?&;]sig=)[^&\s"'<>]+/gi, '$1***'],
  [/(AccountKey=)[^;\s"']+/gi, '$1***'],
  [/(SharedAccessSignature=)[^;\s"']+/gi, '$1***'],
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, '$1***'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, '***'],
  // A value, not an object or list: `"servicePrincipalKey": { "type": "AzureKeyVaultSecret", … }` names where a secret
  // is kept, and replacing its brace would leave JSON no one can read.
  [/((?:client_secret|clientSecret|password|accountKey|servicePrincipalKey)["']?\s*[=:]\s*["']?)[^"'&\s,;}{[]+/gi, '$1***'],
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
