// Files an offer.yaml refers to (description.md, terms.md, logo.png): read only from inside the offer
// folder, never through a link that leads out of it, with size limits.

import { lstat, readFile, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { inside } from '../render/template-set.js';

export const MAX_TEXT_FILE = 1024 * 1024;
export const MAX_LOGO_FILE = 1024 * 1024;

export type Located = { file: string; pointer: string; line?: number; column?: number };

export async function readOfferFile(
  offerDir: string,
  rel: string,
  at: Located,
  limit: number,
): Promise<{ path?: string; bytes?: Buffer; diagnostics: Diagnostic[] }> {
  const fail = (code: string, message: string, hint?: string) => ({ diagnostics: [{ code, severity: 'error' as const, message, ...at, ...(hint ? { hint } : {}) }] });
  const path = inside(offerDir, rel);
  if (!path) return fail('offer-path-escape', `File reference ${JSON.stringify(rel)} points outside the offer folder.`, 'Keep every file the offer uses inside its folder.');
  let st;
  try {
    st = await lstat(path);
  } catch {
    return fail('offer-file-missing', `File ${JSON.stringify(rel)} does not exist in the offer folder.`);
  }
  if (st.isSymbolicLink()) {
    const real = await realpath(path).catch(() => undefined);
    const realBase = await realpath(offerDir);
    if (!real || !(real === realBase || real.startsWith(realBase + sep))) {
      return fail('offer-path-escape', `File ${JSON.stringify(rel)} is a link to a place outside the offer folder.`);
    }
    st = await lstat(real);
  }
  if (!st.isFile()) return fail('offer-file-missing', `${JSON.stringify(rel)} is not a regular file.`);
  if (st.size > limit) return fail('offer-file-too-large', `File ${JSON.stringify(rel)} is ${st.size} bytes; the limit is ${limit}.`);
  return { path, bytes: await readFile(path), diagnostics: [] };
}

/** UTF-8 text with BOM removed and line endings normalised to LF. */
export function decodeText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Width and height of a PNG, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !sig.every((b, i) => bytes[i] === b) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
