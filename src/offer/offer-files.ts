// Files an offer.yaml refers to (description.md, terms.md, logo.png), read through the offer folder's root:
// never from outside it, never through a link that leads out of it, regular files only, with size limits.
// Text that reaches a customer is strict UTF-8 and free of control and bidirectional-override characters.

import type { Diagnostic } from '../diagnostics.js';
import type { FileRoot, Where } from '../fs/read-inside.js';
import { findUnsafeChar } from '../fs/text.js';
import { LineIndex } from '../util/line-index.js';

export const MAX_TEXT_FILE = 1024 * 1024;
export const MAX_LOGO_FILE = 1024 * 1024;

export type Located = Where & { file: string; pointer: string };

/** A Markdown file of the offer as text, with any character a customer must not be shown reported at its place. */
export async function readOfferText(root: FileRoot, rel: string, at: Located): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  const r = await root.readText(rel, { maxBytes: MAX_TEXT_FILE, what: 'File', code: 'offer', at });
  if (r.text === undefined) return { diagnostics: r.diagnostics };
  const bad = findUnsafeChar(r.text);
  if (bad) {
    const pos = new LineIndex(r.text).position(bad.index);
    return { diagnostics: [{ code: 'offer-unsafe-character', severity: 'error', message: `${rel} contains ${bad.label}, which would reach the customer's screen; such characters can hide or reorder text.`, file: root.displayOf(r.path), line: pos.line, column: pos.column, hint: 'Delete the character (an editor that shows invisible characters helps).' }] };
  }
  return { text: r.text, diagnostics: [] };
}

export async function readOfferBytes(root: FileRoot, rel: string, at: Located, limit: number): Promise<{ path?: string; bytes?: Buffer; diagnostics: Diagnostic[] }> {
  const r = await root.read(rel, { maxBytes: limit, what: 'File', code: 'offer', at });
  return r.bytes === undefined ? { diagnostics: r.diagnostics } : { path: r.path, bytes: r.bytes, diagnostics: [] };
}

/** Width and height of a PNG, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !sig.every((b, i) => bytes[i] === b) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
