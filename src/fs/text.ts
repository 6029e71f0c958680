// Text read from files other people wrote: strict UTF-8 (an invalid byte is an error at its line and
// column, never a silent U+FFFD), BOM removed, line endings made LF; and the characters that must not
// reach a customer's eyes (C0 controls other than tab and newline, bidirectional overrides and isolates).

import { isUtf8 } from 'node:buffer';
import { LineIndex, type Position } from '../util/line-index.js';

export type Decoded = { text: string } | { error: string; position: Position };

/** Offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  // The native check first; the byte-by-byte scan only to find where a bad file goes wrong.
  if (isUtf8(bytes)) return -1;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Strict UTF-8 to text (BOM removed, CRLF and CR made LF), or where the first invalid byte is. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString('utf8');
    const position = new LineIndex(before).position(before.length);
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset + bad, Math.min(4, bytes.length - bad)).toString('hex').replace(/(..)/g, '$1 ').trim();
    return { error: `The file is not valid UTF-8: byte 0x${hex.slice(0, 2)} at offset ${bad} (bytes ${hex}) cannot start or continue a character.`, position };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
}

// C0 controls except tab (09) and newline (0A); DEL (7F) and the C1 controls (80–9F, among them CSI, which
// terminals obey like ESC [); bidi embeddings/overrides U+202A–U+202E; isolates U+2066–U+2069.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape', 0x7f: 'DEL', 0x9b: 'control sequence introducer', 0x202a: 'left-to-right embedding', 0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting', 0x202d: 'left-to-right override', 0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate', 0x2067: 'right-to-left isolate', 0x2068: 'first strong isolate', 0x2069: 'pop directional isolate',
};

export interface UnsafeChar {
  index: number;
  codePoint: number;
  /** `U+202E (right-to-left override)` */
  label: string;
}

/** The first character of `text` that must not reach a customer, or undefined. */
export function findUnsafeChar(text: string): UnsafeChar | undefined {
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  const codePoint = m[0].codePointAt(0)!;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES[codePoint] ?? (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) ? 'control character' : 'bidirectional control');
  return { index: m.index, codePoint, label: `U+${hex} (${name})` };
}

/**
 * The first character of a file name that must not reach a listing or a terminal: everything findUnsafeChar
 * finds, and tab and line feed too (a name is one line; a line feed in it can start a CI command line).
 */
export function findUnsafeNameChar(name: string): UnsafeChar | undefined {
  const m = /[\t\n]/.exec(name);
  const other = findUnsafeChar(name);
  if (!m || (other && other.index < m.index)) return other;
  const codePoint = m[0].charCodeAt(0);
  return { index: m.index, codePoint, label: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} (${NAMES[codePoint]})` };
}
