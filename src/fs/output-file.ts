// The one way offerkit writes a single file the user named: report files (`--sarif`, `--junit`, `--trace`,
// `--parameters-out`, `changes --out`, `cache update --out`) and the files it appends to (`--summary`,
// `$GITHUB_STEP_SUMMARY`, `$GITHUB_OUTPUT`).
// - `-` (and `/dev/stdout`, `/dev/stderr`, `/dev/fd/1`, `/dev/fd/2`, `/proc/self/fd/…` when named as such) is
//   the stream itself: the report is written to it through the terminal sanitiser, never a path renamed over.
// - Only a regular file is ever replaced or appended to: a FIFO, a socket, a device node or a symbolic link
//   where the file should be is refused, so `/dev/null` stays a device and a link's target stays untouched.
// - A regular file is replaced only when it is empty or when the manifest of its folder proves it holds the
//   bytes offerkit wrote there (output-manifest.ts); a file of the user's is left as it is. Never a file this
//   run read (an offer file, a package, the configuration), however its path is spelled.
// - The new content is written beside the file under a temporary name and renamed over it: never half-written.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { lstat, mkdir, open, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../diagnostics.js';
import { terminalSafe, type Channel } from '../format/terminal-safe.js';
import { describeFsError } from './fs-errors.js';
import { provenOurs, recordWritten, sha256, MANIFEST } from './output-manifest.js';
import { displayPath, wasReadThisRun } from './read-inside.js';

export type StreamName = 'stdout' | 'stderr';

export interface OutputFileOptions {
  /** The option that named the file (`--sarif`), for messages. */
  option: string;
  /** How the content reads on a terminal when it goes to a stream: json and xml keep their values. */
  channel: Channel;
  /**
   * The user said an existing regular file may go (a script's own --force): it is replaced even when no
   * manifest proves it is offerkit's. A FIFO, device, socket, link or input is still refused.
   */
  force?: boolean;
  /** Record the file in the manifest beside it (default); false for a file kept in a repository (a test fixture). */
  record?: boolean;
}

const STREAMS: Record<string, StreamName> = {
  '-': 'stdout',
  '/dev/stdout': 'stdout',
  '/dev/fd/1': 'stdout',
  '/proc/self/fd/1': 'stdout',
  '/dev/stderr': 'stderr',
  '/dev/fd/2': 'stderr',
  '/proc/self/fd/2': 'stderr',
};

/** The stream a path names when the user means a stream (`-`, `/dev/stdout`…), else undefined. */
export function streamOf(path: string): StreamName | undefined {
  if (path === '-') return 'stdout';
  if (!path.startsWith('/')) return undefined;
  return STREAMS[resolve(path)];
}

function refuse(message: string, hint: string | undefined, file: string): UserError {
  return new UserError({ code: 'output-refused', severity: 'error', message, file, ...(hint ? { hint } : {}) }, 2);
}

async function fsStep<T>(path: string, op: 'write' | 'create', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code) {
      if (err.path && /\.offerkit-[\w-]+\.tmp/.test(err.path)) err.path = path;
      throw new UserError(describeFsError(err, path, op), 2);
    }
    throw e;
  }
}

interface Kind { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }

function kindOf(st: Kind): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Why offerkit will not write at `target` as it stands (a link, a folder, a special file), or undefined. */
async function notWritable(target: string, st: Kind, o: OutputFileOptions): Promise<UserError | undefined> {
  const shown = displayPath(target);
  if (st.isSymbolicLink()) {
    const to = await readlink(target).catch(() => '?');
    return refuse(`${o.option} ${shown} is a symbolic link (to ${to}); offerkit writes report files only as regular files and never through a link, so nothing was written.`, `Name the file itself, or - to write to standard output.`, shown);
  }
  if (st.isDirectory()) return refuse(`${o.option} ${shown} is a folder, not a regular file; name a file to write.`, undefined, shown);
  if (!st.isFile()) return refuse(`${o.option} ${shown} is ${kindOf(st)}; offerkit writes report files only as regular files, so it was left as it is and nothing was written.`, 'Name a regular file, or - to write to standard output.', shown);
  if (await wasReadThisRun(target)) return refuse(`${shown} is one of the files this run read; offerkit does not write its output over an input.`, 'Name a file that is not an input (for example under dist/ or a reports/ folder).', shown);
  return undefined;
}

/** Writes `data` to a stream, through the sanitiser, and waits until it is handed to the system. */
function writeStream(stream: StreamName, data: string | Uint8Array, channel: Channel): Promise<void> {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const s = stream === 'stdout' ? process.stdout : process.stderr;
  return new Promise((done) => s.write(terminalSafe(text, { channel }), () => done()));
}

/** Where a report went: a file (its absolute path) or a stream. */
export type Written = { path: string } | { stream: StreamName };

/**
 * Writes a report file whole, under the rules above. Checks first, so a refusal comes before anything is
 * written; `checkOutputFile` runs the same checks alone (before a long command starts).
 */
export async function writeOutputFile(path: string, data: string | Uint8Array, o: OutputFileOptions): Promise<Written> {
  const stream = streamOf(path);
  if (stream) {
    await writeStream(stream, data, o.channel);
    return { stream };
  }
  const target = await checkOutputFile(path, o);
  const parent = dirname(target);
  await fsStep(parent, 'create', () => mkdir(parent, { recursive: true }));
  const tmp = join(parent, `.${basename(target)}.offerkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fsStep(target, 'write', () => writeFile(tmp, data, { flag: 'wx', mode: 0o644 }));
    // Looked at again just before the rename: what appeared there meanwhile is refused the same way.
    await checkOutputFile(path, o);
    await fsStep(target, 'write', () => rename(tmp, target));
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
  if (o.record !== false) await recordWritten(parent, basename(target), sha256(data)).catch(() => undefined);
  return { path: target };
}

/** The checks of writeOutputFile without the write; the absolute path it would write (a stream passes). */
export async function checkOutputFile(path: string, o: OutputFileOptions): Promise<string> {
  const target = resolve(path);
  if (streamOf(path)) return target;
  const shown = displayPath(target);
  if (basename(target) === MANIFEST) throw refuse(`${o.option} ${shown} is the name of offerkit's own manifest; name another file.`, undefined, shown);
  const st = await lstat(target).catch(() => undefined);
  if (!st) return target;
  const why = await notWritable(target, st, o);
  if (why) throw why;
  if (st.size === 0 || o.force || (await provenOurs(dirname(target), basename(target)))) return target;
  throw refuse(
    `${o.option} ${shown} already exists and offerkit cannot tell that it wrote it (${MANIFEST} beside it does not hold its current content); it was left as it is and nothing was written.`,
    'Remove or rename the file if it may go, or name a new file. offerkit replaces only report files it wrote and that nobody changed since.',
    shown,
  );
}

/** The checks of appendOutputFile without the write (a stream passes; a new file passes). */
export async function checkAppendFile(path: string, o: OutputFileOptions): Promise<void> {
  if (streamOf(path)) return;
  const target = resolve(path);
  const st = await lstat(target).catch(() => undefined);
  const why = st ? await notWritable(target, st, o) : undefined;
  if (why) throw why;
}

const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Adds text at the end of a file the user (or a CI runner) named, such as $GITHUB_STEP_SUMMARY: a regular
 * file or a new one, opened without following a link or blocking, checked again on the open descriptor.
 */
export async function appendOutputFile(path: string, text: string, o: OutputFileOptions): Promise<Written> {
  const stream = streamOf(path);
  if (stream) {
    await writeStream(stream, text, o.channel);
    return { stream };
  }
  const target = resolve(path);
  const st = await lstat(target).catch(() => undefined);
  const why = st ? await notWritable(target, st, o) : undefined;
  if (why) throw why;
  await fsStep(dirname(target), 'create', () => mkdir(dirname(target), { recursive: true }));
  const fh = await fsStep(target, 'write', () => open(target, APPEND_FLAGS, 0o644)).catch(async (e: unknown) => {
    // O_NOFOLLOW refuses a link that appeared meanwhile (ELOOP); O_NONBLOCK a FIFO without a reader (ENXIO).
    const now = await lstat(target).catch(() => undefined);
    const late = now ? await notWritable(target, now, o) : undefined;
    throw late ?? e;
  });
  try {
    const opened = await fh.stat();
    if (!opened.isFile()) throw refuse(`${o.option} ${displayPath(target)} is ${kindOf(opened)}; offerkit appends only to regular files.`, undefined, displayPath(target));
    await fsStep(target, 'write', () => fh.appendFile(text));
  } finally {
    await fh.close();
  }
  return { path: target };
}

/** The same for code that cannot wait (the CI step's $GITHUB_OUTPUT); the file must be a regular file or new. */
export function appendOutputFileSync(path: string, text: string, option: string): void {
  const target = resolve(path);
  const shown = displayPath(target);
  const st = (() => {
    try {
      return lstatSync(target);
    } catch {
      return undefined;
    }
  })();
  if (st && !st.isFile()) throw refuse(`${option} ${shown} is ${st.isSymbolicLink() ? 'a symbolic link' : kindOf(st)}; offerkit appends only to regular files.`, undefined, shown);
  mkdirSync(dirname(target), { recursive: true });
  const fd = openSync(target, APPEND_FLAGS, 0o644);
  try {
    if (!fstatSync(fd).isFile()) throw refuse(`${option} ${shown} is not a regular file; offerkit appends only to regular files.`, undefined, shown);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
