// RFC 6901 JSON pointers: the address every diagnostic carries into a JSON or YAML document.

/** One pointer segment, escaped (RFC 6901: ~ as ~0, / as ~1). */
export function escapeSegment(segment: string | number): string {
  const s = String(segment);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function encodePointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(s);
  return out;
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s));
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.length === 1 ? `${pointer}/${escapeSegment(segments[0])}` : pointer + encodePointer(segments);
}

/** The value a pointer designates, or undefined. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const seg of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}
