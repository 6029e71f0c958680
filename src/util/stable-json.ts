// The one way offerkit serialises JSON it writes: 2-space indent, LF, trailing newline, key order as built
// (builders insert keys in a fixed order, so the bytes are stable).

export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
