// Inspects an app.zip without trusting it: entry list with sizes and sha256, the two required files at
// the root, and refusal (as diagnostics) of absolute paths, `..`, links, encrypted or oversized entries
// and compression ratios that mark a zip bomb. Contents are read into memory only, never onto disk.

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { readUserFile } from '../fs/read-inside.js';
import { readCentralDirectory, readEntry, ZipFormatError, type ZipEntry } from './zip-read.js';

/** Partner Center's limit for an Azure Application package. */
export const MAX_PACKAGE_BYTES = 1024 * 1024 * 1024;
/** offerkit's own bound on one entry held in memory. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
export const MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024;
/** What offerkit holds in memory of one package, all entries together (a command stays well under 300 MB). */
export const MAX_HELD_BYTES = 64 * 1024 * 1024;
/** A ratio above this on an entry of more than BOMB_MIN_BYTES marks a zip bomb. */
export const BOMB_RATIO = 100;
export const BOMB_MIN_BYTES = 10 * 1024 * 1024;

export const REQUIRED_ROOT_FILES = ['mainTemplate.json', 'createUiDefinition.json'];

export interface InspectedEntry {
  name: string;
  size: number;
  compressedSize: number;
  sha256?: string;
}

export interface InspectedPackage {
  file: string;
  size: number;
  sha256: string;
  entries: InspectedEntry[];
  /** Safe entries' bytes (name → bytes); unsafe or unreadable entries are absent. */
  contents: Map<string, Buffer>;
  diagnostics: Diagnostic[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/** Why an entry name is unsafe to extract, or undefined. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === '') return 'has an empty name';
  if (name.includes('\0')) return 'has a NUL byte in its name';
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split(/[\\/]/).some((s) => s === '..')) return 'contains ".." and would be extracted outside the target folder';
  return undefined;
}

/** A package read from disk; `readable` is false when the file itself could not be read (nothing to list). */
/** `maxEntryBytes`: a reader that keeps less (init --from: what a template set reads) says so per entry, before inflating it. */
export interface InspectOptions {
  maxEntryBytes?: number;
}

export async function inspectPackageFile(path: string, file = path, options: InspectOptions = {}): Promise<InspectedPackage & { readable: boolean }> {
  const read = await readUserFile(path, { maxBytes: MAX_PACKAGE_BYTES, what: 'Package', code: 'package' });
  if (read.bytes === undefined) {
    const diagnostics = read.diagnostics.map((d) =>
      d.code === 'package-file-too-large' ? { ...d, code: 'package-too-large', message: `${d.message.replace(/\.$/, '')}: Partner Center accepts packages up to 1 GB.` } : d.code === 'package-file-missing' ? { ...d, code: 'package-missing' } : d,
    );
    return { file, size: 0, sha256: '', entries: [], contents: new Map(), diagnostics, readable: false };
  }
  return { ...inspectPackageBuffer(read.bytes, file, options), readable: true };
}

export function inspectPackageBuffer(buf: Buffer, file: string, options: InspectOptions = {}): InspectedPackage {
  const maxEntry = Math.min(options.maxEntryBytes ?? MAX_ENTRY_BYTES, MAX_ENTRY_BYTES);
  const result: InspectedPackage = { file, size: buf.length, sha256: createHash('sha256').update(buf).digest('hex'), entries: [], contents: new Map(), diagnostics: [] };
  const report = (code: string, message: string, severity: Diagnostic['severity'] = 'error', hint?: string) =>
    result.diagnostics.push({ code, severity, message, file, ...(hint ? { hint } : {}) });
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(buf);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    report('package-not-zip', e.message);
    return result;
  }
  const seen = new Map<string, string>();
  // Entries refused for what they are (a link, damaged, too large…): reported once, as that.
  const refused = new Set<string>();
  let total = 0;
  let held = 0;
  for (const entry of entries) {
    const row: InspectedEntry = { name: entry.name, size: entry.uncompressedSize, compressedSize: entry.compressedSize };
    result.entries.push(row);
    const unsafe = unsafeEntryName(entry.name);
    if (unsafe) {
      report('package-unsafe-path', `Entry ${JSON.stringify(entry.name)} ${unsafe}.`);
      refused.add(entry.name);
      continue;
    }
    const type = (entry.unixMode ?? 0) & S_IFMT;
    if (type === S_IFLNK) {
      report('package-symlink', `Entry ${JSON.stringify(entry.name)} is a symbolic link; packages may contain regular files only.`);
      refused.add(entry.name);
      continue;
    }
    if (entry.damage) {
      // Said as what it is, before any size limit: a 12 KB archive whose zip64 field lies is damaged, not large.
      report('package-damaged-entry', `Entry ${JSON.stringify(entry.name)} ${entry.damage}; the archive is damaged.`);
      refused.add(entry.name);
      continue;
    }
    if (entry.name.endsWith('/') || type === S_IFDIR) continue;
    if (entry.name.includes('\\')) report('package-backslash', `Entry ${JSON.stringify(entry.name)} uses backslashes; zip paths use "/".`, 'warning');
    const lower = entry.name.toLowerCase();
    const dup = seen.get(lower);
    if (dup !== undefined) {
      report('package-duplicate-entry', `Entry ${JSON.stringify(entry.name)} appears twice${dup !== entry.name ? ` (also as ${JSON.stringify(dup)})` : ''}; which one is used is undefined.`);
      continue;
    }
    seen.set(lower, entry.name);
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > maxEntry) {
      report('package-entry-too-large', `Entry ${JSON.stringify(entry.name)} is ${entry.uncompressedSize} bytes uncompressed; offerkit reads entries up to ${maxEntry}${maxEntry < MAX_ENTRY_BYTES ? ' here' : ''}.`);
      refused.add(entry.name);
      continue;
    }
    const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : entry.uncompressedSize > 0 ? Infinity : 1;
    if (ratio > BOMB_RATIO && entry.uncompressedSize > BOMB_MIN_BYTES) {
      report('package-zip-bomb', `Entry ${JSON.stringify(entry.name)} expands ${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}:1 to ${entry.uncompressedSize} bytes; a ratio this high marks a zip bomb.`);
      refused.add(entry.name);
      continue;
    }
    if (total > MAX_TOTAL_UNCOMPRESSED) {
      report('package-zip-bomb', `The entries expand to more than ${MAX_TOTAL_UNCOMPRESSED} bytes in total; reading stopped at ${JSON.stringify(entry.name)}.`);
      break;
    }
    if (held + entry.uncompressedSize > MAX_HELD_BYTES) {
      report('package-too-large', `The entries hold more than ${MAX_HELD_BYTES} bytes uncompressed, all together; offerkit reads at most that much of a package. Reading stopped at ${JSON.stringify(entry.name)}.`, 'error', 'A managed application package holds templates and scripts; move large files out of it (a deployment can download them).');
      refused.add(entry.name);
      break;
    }
    try {
      const data = readEntry(buf, entry, Math.min(maxEntry, MAX_HELD_BYTES - held));
      held += data.length;
      row.sha256 = createHash('sha256').update(data).digest('hex');
      result.contents.set(entry.name, data);
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw e;
      report(e.message.includes('bomb') ? 'package-zip-bomb' : 'package-damaged-entry', e.message);
      refused.add(entry.name);
    }
  }
  for (const required of REQUIRED_ROOT_FILES) {
    if (result.contents.has(required) || refused.has(required)) continue;
    const nested = [...result.contents.keys()].find((n) => n.toLowerCase().split('/').pop() === required.toLowerCase());
    const hint = nested
      ? nested.includes('/')
        ? `It is at ${JSON.stringify(nested)}: zip the files themselves, not the folder that holds them.`
        : `Found ${JSON.stringify(nested)}: the name must be exactly ${required}.`
      : undefined;
    report('package-missing-root-file', `${required} is not at the root of the package.`, 'error', hint);
  }
  return result;
}
