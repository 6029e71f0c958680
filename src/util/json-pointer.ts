// RFC 6901 JSON pointers: the address every diagnostic carries into a JSON or YAML document.

export function encodePointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + encodePointer(segments);
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
