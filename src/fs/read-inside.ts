// The one way offerkit reads a file a user pointed to (offer files, template sets and their static folders,
// pricing.json, configuration, packages). A file is read only when its real path — every component
// resolved — stays inside the root it belongs to, it is a regular file (no FIFO, device, socket or
// folder) under the size cap of its kind, and it is read with a bound, through a descriptor opened without
// following links and without blocking. Whatever is refused becomes a diagnostic that names the path, the
// link when there is one, and why.
// The checks and reads are synchronous system calls behind promise-returning methods: for the small files
// of a package or an offer, a trip through libuv's thread pool per call cost far more than the call (80
// files of the 32 real packages: 100 ms, now about 10).

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError, type Diagnostic } from '../diagnostics.js';
import { decodeUtf8 } from './text.js';
import { describeFsError } from './fs-errors.js';

/** Where the reference to a file was made (a key of offer.yaml, a template-set manifest entry). */
export interface Where {
  file?: string;
  pointer?: string;
  line?: number;
  column?: number;
}

export interface ReadOptions {
  maxBytes: number;
  /** What the file is, in messages ("template file", "pricing.json"). */
  what?: string;
  /** Diagnostic code prefix: `offer` gives offer-file-missing, offer-path-escape, … */
  code?: string;
  /** Where the reference was made; diagnostics are placed there (else on the file itself). */
  at?: Where;
}

export type ReadResult = { bytes: Buffer; path: string; diagnostics: Diagnostic[] } | { bytes?: undefined; missing: boolean; diagnostics: Diagnostic[] };
export type TextResult = { text: string; path: string; diagnostics: Diagnostic[] } | { text?: undefined; missing: boolean; diagnostics: Diagnostic[] };

type Located = { path: string; real: string; size: number } | { missing: boolean; diagnostics: Diagnostic[] };
type WalkOptions = ReadOptions & { maxFiles?: number; maxTotalBytes?: number; skip?: (name: string, rel: string) => boolean; only?: (name: string) => boolean };
interface Walked { files: { rel: string; path: string; bytes: Buffer }[]; diagnostics: Diagnostic[] }

export const displayPath = (p: string): string => relative(process.cwd(), p) || '.';

/** `offer` + `file-missing` → `offer-file-missing`; without a prefix the suffix alone. */
const codeFor = (o: ReadOptions, suffix: string) => (o.code ? `${o.code}-${suffix}` : suffix);

const within = (base: string, p: string) => p === base || p.startsWith(base.endsWith(sep) ? base : base + sep);

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a link';
  return 'not a regular file';
}

/** A failure as a rejected promise (every failure here is an Error: UserError or a system error). */
const rejected = (e: unknown): Promise<never> => Promise.reject(e instanceof Error ? e : new Error(String(e)));

/** The value of a file-system call, or undefined when it fails. */
function attempt<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

/**
 * A folder offerkit reads from. Paths are resolved lexically first (no `..` out of it), then for real
 * (no link out of it), and only regular files are read.
 */
export class FileRoot {
  private constructor(
    /** Absolute path as given. */
    readonly dir: string,
    /** The same with every link resolved. */
    readonly real: string,
    /** How messages name the root ("the offer folder offers/x"). */
    readonly label: string,
    /** A source tree (an offer, a template set): a file with a second hard link is refused (git never makes one). */
    readonly sourceTree = false,
  ) {}

  /** The root at `dir`; a missing or unreadable root is a usage error. */
  static open(dir: string, label = `the folder ${displayPath(resolve(dir))}`, options: { sourceTree?: boolean } = {}): Promise<FileRoot> {
    try {
      return Promise.resolve(FileRoot.openSync(dir, label, options));
    } catch (e) {
      return rejected(e);
    }
  }

  static openSync(dir: string, label = `the folder ${displayPath(resolve(dir))}`, options: { sourceTree?: boolean } = {}): FileRoot {
    const abs = resolve(dir);
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch (e) {
      throw new UserError(describeFsError(e, abs, 'read'), 2);
    }
    const st = statSync(real);
    if (!st.isDirectory()) throw new UserError({ code: 'not-a-folder', severity: 'error', message: `${displayPath(abs)} is not a folder.`, file: displayPath(abs) }, 2);
    return new FileRoot(abs, real, label, options.sourceTree ?? false);
  }

  /** The absolute path of `rel` inside the root, or undefined when it leaves it on paper (`..`, absolute). */
  resolve(rel: string): string | undefined {
    if (rel.includes('\0') || isAbsolute(rel)) return undefined;
    const p = resolve(this.dir, rel);
    return within(this.dir, p) ? p : undefined;
  }

  /** How messages name a path of this root (relative to the current folder). */
  displayOf(path: string): string {
    return displayPath(path);
  }

  /** Whether a real path lies inside the root. */
  holds(realPath: string): boolean {
    return within(this.real, realPath);
  }

  private fail(code: string, o: ReadOptions, message: string, path: string, hint?: string): Diagnostic {
    const at = o.at ?? { file: displayPath(path) };
    return { code: codeFor(o, code), severity: 'error', message, ...at, ...(hint ? { hint } : {}) };
  }

  /** The first link on the way from the root to `path` that leads out of the root, with its target. */
  private escapingLink(path: string): { link: string; target: string } | undefined {
    const parts = relative(this.dir, path).split(sep).filter(Boolean);
    let cur = this.dir;
    for (const part of parts) {
      cur = join(cur, part);
      const st = attempt(() => lstatSync(cur));
      if (!st) return undefined;
      if (st.isSymbolicLink()) {
        const real = attempt(() => realpathSync.native(cur));
        if (!real || !this.holds(real)) return { link: cur, target: attempt(() => readlinkSync(cur)) ?? '?' };
      }
    }
    return undefined;
  }

  /**
   * Checks `rel` (or an absolute path inside the root) without reading it: its real path, inside the
   * root, and what it is. `expect: 'dir'` wants a folder.
   */
  locate(rel: string, o: ReadOptions, expect: 'file' | 'dir' = 'file'): Promise<Located> {
    return Promise.resolve(this.locateSync(rel, o, expect));
  }

  private locateSync(rel: string, o: ReadOptions, expect: 'file' | 'dir' = 'file'): Located {
    const what = o.what ?? 'File';
    const path = isAbsolute(rel) ? (within(this.dir, resolve(rel)) ? resolve(rel) : undefined) : this.resolve(rel);
    if (!path) return { missing: false, diagnostics: [this.fail('path-escape', o, `${what} ${JSON.stringify(rel)} points outside ${this.label}.`, this.dir, `Keep every file it uses inside ${this.label}.`)] };
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        const dangling = attempt(() => lstatSync(path).isSymbolicLink()) ?? false;
        const message = dangling ? `${what} ${displayPath(path)} is a link to ${attempt(() => readlinkSync(path)) ?? '?'}, which does not exist.` : `${what} ${displayPath(path)} does not exist.`;
        return { missing: !dangling, diagnostics: [this.fail('file-missing', o, message, path)] };
      }
      if (code === 'ELOOP') return { missing: false, diagnostics: [this.fail('link-loop', o, `${what} ${displayPath(path)} goes through a loop of links.`, path)] };
      const d = describeFsError(e, path, 'read');
      return { missing: false, diagnostics: [this.fail('file-unreadable', o, d.message, path, d.hint)] };
    }
    if (!this.holds(real)) {
      const esc = this.escapingLink(path);
      const how = esc ? `goes through the link ${displayPath(esc.link)} → ${esc.target}` : `resolves to ${real}`;
      return { missing: false, diagnostics: [this.fail('link-escape', o, `${what} ${displayPath(path)} ${how}, outside ${this.label}; offerkit reads only files inside it.`, path, 'Copy the file into the folder instead of linking to it.')] };
    }
    let st;
    try {
      st = statSync(real);
    } catch (e) {
      return { missing: false, diagnostics: [this.fail('file-unreadable', o, describeFsError(e, path, 'read').message, path)] };
    }
    if (expect === 'dir') {
      if (!st.isDirectory()) return { missing: false, diagnostics: [this.fail('not-a-folder', o, `${what} ${displayPath(path)} is ${kindOf(st)}, not a folder.`, path)] };
      return { path, real, size: 0 };
    }
    if (!st.isFile()) return { missing: false, diagnostics: [this.fail('not-regular-file', o, `${what} ${displayPath(path)} is ${kindOf(st)}; offerkit reads regular files only.`, path)] };
    if (st.size > o.maxBytes) return { missing: false, diagnostics: [this.fail('file-too-large', o, `${what} ${displayPath(path)} is ${st.size} bytes; the limit is ${o.maxBytes}.`, path)] };
    return { path, real, size: st.size };
  }

  /** Reads `rel` under the rules above. */
  read(rel: string, o: ReadOptions): Promise<ReadResult> {
    return Promise.resolve(this.readSync(rel, o));
  }

  private readSync(rel: string, o: ReadOptions): ReadResult {
    const found = this.locateSync(rel, o);
    if (!('real' in found)) return found;
    try {
      return { bytes: readBoundedSync(found.real, o.maxBytes, o.what ?? 'File', displayPath(found.path), this.sourceTree ? this.label : undefined), path: found.path, diagnostics: [] };
    } catch (e) {
      if (e instanceof UserError) return { missing: false, diagnostics: e.diagnostics.map((d) => ({ ...d, code: codeFor(o, d.code), ...(o.at ?? {}) })) };
      return { missing: false, diagnostics: [this.fail('file-unreadable', o, describeFsError(e, found.path, 'read').message, found.path)] };
    }
  }

  /** Reads `rel` as strict UTF-8 text (LF line endings, no BOM); invalid UTF-8 is an error at its position. */
  readText(rel: string, o: ReadOptions): Promise<TextResult> {
    return Promise.resolve(this.readTextSync(rel, o));
  }

  private readTextSync(rel: string, o: ReadOptions): TextResult {
    const r = this.readSync(rel, o);
    if (r.bytes === undefined) return r;
    const d = decodeUtf8(r.bytes);
    if ('error' in d) return { missing: false, diagnostics: [{ code: codeFor(o, 'invalid-utf8'), severity: 'error', message: d.error, file: displayPath(r.path), line: d.position.line, column: d.position.column, hint: 'Save the file as UTF-8.' }] };
    return { text: d.text, path: r.path, diagnostics: [] };
  }

  /** A folder inside this root as a root of its own (a template set inside an offer, a static folder). */
  sub(rel: string, o: ReadOptions & { label?: string }): Promise<FileRoot | { diagnostics: Diagnostic[]; missing: boolean }> {
    const found = this.locateSync(rel, o, 'dir');
    if (!('real' in found)) return Promise.resolve(found);
    return Promise.resolve(new FileRoot(found.path, found.real, o.label ?? `the folder ${displayPath(found.path)}`, this.sourceTree));
  }

  /**
   * Every regular file below `rel` (sorted, '/'-separated paths relative to it), each checked like a read:
   * links may point only inside the root; FIFOs, devices and sockets are refused. Bounded in count and total.
   */
  walk(rel: string, o: WalkOptions): Promise<Walked> {
    return Promise.resolve(this.walkSync(rel, o));
  }

  private walkSync(rel: string, o: WalkOptions): Walked {
    const files: { rel: string; path: string; bytes: Buffer }[] = [];
    const diagnostics: Diagnostic[] = [];
    const start = this.locateSync(rel, o, 'dir');
    if (!('real' in start)) return { files, diagnostics: start.diagnostics };
    const maxFiles = o.maxFiles ?? 10000;
    const maxTotal = o.maxTotalBytes ?? Number.MAX_SAFE_INTEGER;
    let total = 0;
    const seen = new Set<string>();
    const visit = (dir: string, realDir: string, depth: number): void => {
      if (seen.has(realDir) || depth > 32) return;
      seen.add(realDir);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (e) {
        diagnostics.push(this.fail('file-unreadable', o, describeFsError(e, dir, 'read').message, dir));
        return;
      }
      for (const e of entries) {
        if (o.skip?.(e.name, relative(start.path, join(dir, e.name)).split(sep).join('/'))) continue;
        if (o.only && e.isFile() && !o.only(e.name)) continue;
        const p = join(dir, e.name);
        const found = this.locateSync(p, { ...o, at: { file: displayPath(p) } }, e.isDirectory() ? 'dir' : 'file');
        if (!('real' in found)) {
          // A folder reached through a link is fine when it stays inside; anything else is reported.
          const asDir = e.isSymbolicLink() ? this.locateSync(p, { ...o, at: { file: displayPath(p) } }, 'dir') : undefined;
          if (asDir && 'real' in asDir) visit(p, asDir.real, depth + 1);
          else diagnostics.push(...found.diagnostics);
          continue;
        }
        if (e.isDirectory()) {
          visit(p, found.real, depth + 1);
          continue;
        }
        if (o.only && !o.only(e.name)) continue;
        if (files.length >= maxFiles) {
          diagnostics.push(this.fail('too-many-files', o, `${displayPath(start.path)} holds more than ${maxFiles} files; the rest were not read.`, start.path));
          return;
        }
        total += found.size;
        if (total > maxTotal) {
          diagnostics.push(this.fail('file-too-large', o, `The files under ${displayPath(start.path)} are more than ${maxTotal} bytes together.`, start.path));
          return;
        }
        try {
          files.push({ rel: relative(start.path, p).split(sep).join('/'), path: p, bytes: readBoundedSync(found.real, o.maxBytes, o.what ?? 'File', displayPath(p), this.sourceTree ? this.label : undefined) });
        } catch (err) {
          if (err instanceof UserError) diagnostics.push(...err.diagnostics);
          else diagnostics.push(this.fail('file-unreadable', o, describeFsError(err, p, 'read').message, p));
        }
      }
    };
    visit(start.path, start.real, 0);
    return { files, diagnostics };
  }
}

/** The files this process has read through the door in, by identity (so no link or path spelling hides one). */
const readThisRun = new Set<string>();

/**
 * A file's identity: device and inode, and its birth time where the file system keeps one. An inode number is
 * reused once its file is deleted, so without the birth time a new file could pass for an input a long-lived
 * process read earlier (seen in a test worker: a fixture written where a deleted input had been).
 */
function identityOf(st: { dev: number; ino: number; birthtimeMs: number }): string {
  return `${st.dev}:${st.ino}:${st.birthtimeMs}`;
}

/** Was this file (by identity) read as an input of this run? */
export function wasReadThisRun(path: string): Promise<boolean> {
  const st = attempt(() => statSync(path));
  return Promise.resolve(Boolean(st?.isFile() && readThisRun.has(identityOf(st))));
}

/**
 * Reads a regular file with a bound: opened without following a link at its last component and without
 * blocking (a FIFO swapped in after the checks opens empty instead of hanging), checked again on the open
 * descriptor, and read up to `maxBytes`.
 */
export function readBounded(path: string, maxBytes: number, what = 'File', shown = displayPath(path), sourceTree?: string): Promise<Buffer> {
  try {
    return Promise.resolve(readBoundedSync(path, maxBytes, what, shown, sourceTree));
  } catch (e) {
    return rejected(e);
  }
}

function readBoundedSync(path: string, maxBytes: number, what: string, shown: string, sourceTree?: string): Buffer {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    // A second name for the same file could sit anywhere on this file system, outside the offer.
    if (sourceTree && st.isFile() && st.nlink > 1) throw new UserError({ code: 'hard-link', severity: 'error', message: `${what} ${shown} has ${st.nlink} hard links; offerkit reads files of ${sourceTree} only when they have one (git never makes hard links, and a second name may lie outside).`, file: shown, hint: 'Replace it with a copy of the file.' }, 1);
    // Remembered by identity: the one door out refuses to write over anything this run read.
    readThisRun.add(identityOf(st));
    if (!st.isFile()) throw new UserError({ code: 'not-regular-file', severity: 'error', message: `${what} ${shown} is ${kindOf(st)}; offerkit reads regular files only.`, file: shown }, 1);
    if (st.size > maxBytes) throw new UserError({ code: 'file-too-large', severity: 'error', message: `${what} ${shown} is ${st.size} bytes; the limit is ${maxBytes}.`, file: shown }, 1);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, 1 << 20, maxBytes - total + 1));
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new UserError({ code: 'file-too-large', severity: 'error', message: `${what} ${shown} grew past the limit of ${maxBytes} bytes while it was read.`, file: shown }, 1);
      chunks.push(buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * The sha256 of a regular file, read in 1 MB pieces (never whole into memory) through the same guarded open,
 * up to `maxBytes`; undefined when the file is larger, so a caller can treat it as not its own.
 */
export async function hashBounded(path: string, maxBytes: number): Promise<string | undefined> {
  const fh = await open(path, OPEN_FLAGS);
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return undefined;
      hash.update(buf.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}

/**
 * A file named on the command line or found beside the input (a configuration, a cloud file, a package):
 * its root is the folder that holds it, so a link there may not lead elsewhere.
 */
export async function readUserFile(path: string, o: ReadOptions): Promise<ReadResult> {
  const abs = resolve(path);
  let root: FileRoot;
  try {
    root = await FileRoot.open(dirname(abs), `the folder ${displayPath(dirname(abs))}`);
  } catch (e) {
    if (e instanceof UserError) return { missing: true, diagnostics: e.diagnostics };
    throw e;
  }
  return root.read(abs, o);
}

/** The same, as strict UTF-8 text. */
export async function readUserText(path: string, o: ReadOptions): Promise<TextResult> {
  const r = await readUserFile(path, o);
  if (r.bytes === undefined) return r;
  const d = decodeUtf8(r.bytes);
  if ('error' in d) return { missing: false, diagnostics: [{ code: codeFor(o, 'invalid-utf8'), severity: 'error', message: d.error, file: displayPath(r.path), line: d.position.line, column: d.position.column, hint: 'Save the file as UTF-8.' }] };
  return { text: d.text, path: r.path, diagnostics: [] };
}
