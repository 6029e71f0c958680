// The one way offerkit writes output folders (`build --out`, `preview --out`, `init`, and its own scratch
// folders). offerkit replaces or removes only what it wrote itself: every folder it fills gets a manifest of
// its files and their sha256 (output-manifest.ts), and a folder holding anything else — a file not in the
// manifest, one changed since, one the manifest names although offerkit never writes that name there, or any
// file at all when there is no manifest (a name like README.md proves nothing) — is refused with the first
// such file named (`--force` replaces it anyway). Single report files go through output-file.ts. Links
// inside the output path are never followed,
// output may not land inside the inputs (or the inputs inside it), and a folder is replaced all at once:
// written beside the target, then renamed into place, so a failed run leaves the last good output as it was.

import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, realpath, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../diagnostics.js';
import { describeFsError } from './fs-errors.js';
import { streamOf, writeOutputFile as writeReportFile, type Written } from './output-file.js';
import { MANIFEST, readManifest, sha256, type Manifest } from './output-manifest.js';
import { displayPath, hashBounded } from './read-inside.js';
import { findUnsafeNameChar } from './text.js';
import { dict } from '../util/dict.js';

export { MANIFEST } from './output-manifest.js';

export interface OutputFolder {
  /** The output root the user chose (created when missing). */
  root: string;
  /** Folders from the root to the target (`[offer, plan]`); empty when the root itself is the target. */
  below: string[];
  /** '/'-separated path inside the target → content. */
  files: ReadonlyMap<string, string | Uint8Array>;
  /**
   * Names an older offerkit wrote there: the manifest may vouch for them too (their content hashed). Without a
   * manifest they prove nothing.
   */
  legacyNames?: readonly string[];
  /** Replace the target even when it holds files offerkit did not write. */
  force?: boolean;
  /** How messages name the option that chose the root (`--out`). */
  option?: string;
}

const within = (base: string, p: string) => p === base || p.startsWith(base.endsWith(sep) ? base : base + sep);

function refuse(message: string, hint?: string, file?: string): UserError {
  return new UserError({ code: 'output-refused', severity: 'error', message, ...(file ? { file } : {}), ...(hint ? { hint } : {}) }, 2);
}

async function fsStep<T>(path: string, op: 'read' | 'write' | 'create' | 'remove', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code) {
      // Name the folder the user asked for, not offerkit's temporary sibling of it.
      if (err.path && /\.offerkit-[\w-]+\.(tmp|old)/.test(err.path)) err.path = path;
      throw new UserError(describeFsError(err, path, op), 2);
    }
    throw e;
  }
}

/**
 * Why `rel` cannot name a file offerkit writes ('/'-separated, inside the folder, no empty, `.` or `..` part, no
 * backslash, and no control or bidirectional character, which would steer a terminal that lists it), or undefined.
 */
export function unwritableName(rel: string): string | undefined {
  if (rel.split('/').some((s) => !s || s === '.' || s === '..') || rel.includes('\\') || rel.includes('\0')) return 'it is not a plain path inside the folder';
  const bad = findUnsafeNameChar(rel);
  return bad ? `it holds ${bad.label}` : undefined;
}

/** The real path `p` would have: its nearest existing ancestor resolved, the rest appended. */
export async function realPathOf(p: string): Promise<string> {
  const abs = resolve(p);
  let existing = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch {
      if (dirname(existing) === existing) return abs;
      rest.push(basename(existing));
      existing = dirname(existing);
    }
  }
}

/**
 * Output may not go inside an input (the offer folder, a template set) and no input may sit inside the
 * output: either way a write could replace files the user keeps.
 */
export async function assertOutsideInputs(out: string, inputs: readonly { dir: string; label: string }[], option = '--out'): Promise<void> {
  const realOut = await realPathOf(out);
  for (const input of inputs) {
    const realIn = await realPathOf(input.dir);
    if (within(realIn, realOut)) throw refuse(`${option} ${displayPath(resolve(out))} is inside ${input.label} ${displayPath(input.dir)}; offerkit does not write into its inputs.`, `Choose an output folder outside it (the default is dist/).`);
    if (within(realOut, realIn)) throw refuse(`${input.label[0].toUpperCase()}${input.label.slice(1)} ${displayPath(input.dir)} is inside ${option} ${displayPath(resolve(out))}; a write there could replace its files.`, 'Choose an output folder that does not contain the offer or its template set.');
  }
}

/** A single output file may not land inside an input (it would replace a file of the offer or package). */
export async function assertFileOutsideInputs(file: string, inputs: readonly { dir: string; label: string }[], option: string): Promise<void> {
  if (streamOf(file)) return;
  const realFile = await realPathOf(file);
  for (const input of inputs) {
    if (within(await realPathOf(input.dir), realFile)) throw refuse(`${option} ${displayPath(resolve(file))} is inside ${input.label} ${displayPath(input.dir)}; offerkit does not write into its inputs.`, 'Name a file outside it.');
  }
}

interface Checked {
  target: string;
  parent: string;
  exists: boolean;
  /** What offerkit may remove from the old target (relative paths), when it exists. */
  owned: string[];
}

/** Files and folders below `dir` ('/'-separated), links and all, without following any. */
async function listTree(dir: string): Promise<{ rel: string; kind: 'file' | 'dir' | 'other' }[]> {
  const out: { rel: string; kind: 'file' | 'dir' | 'other' }[] = [];
  const visit = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      const rel = relative(dir, p).split(sep).join('/');
      if (e.isDirectory()) {
        out.push({ rel, kind: 'dir' });
        await visit(p);
      } else out.push({ rel, kind: e.isFile() ? 'file' : 'other' });
    }
  };
  await visit(dir);
  return out;
}

/** The target folder, after checking that nothing on the way to it is a link or a file. */
async function resolveTarget(o: OutputFolder): Promise<{ target: string; parent: string }> {
  const option = o.option ?? '--out';
  if (streamOf(o.root)) throw refuse(`${option} ${o.root} names a stream; offerkit writes a folder there, which cannot go to a stream.`, `Give ${option} a folder (it is created when missing).`);
  let root = resolve(o.root);
  const rootStat = await fsStep(root, 'read', () => lstat(root)).catch((e: unknown) => {
    if (e instanceof UserError && e.diagnostics[0]?.code === 'fs-enoent') return undefined;
    throw e;
  });
  if (rootStat?.isSymbolicLink()) {
    // The root itself is the user's choice: a link there is followed once, to a folder.
    root = await fsStep(root, 'read', () => realpath(root));
    const st = await fsStep(root, 'read', () => lstat(root));
    if (!st.isDirectory()) throw refuse(`${option} ${displayPath(o.root)} is a link to ${root}, which is not a folder.`);
  } else if (rootStat && !rootStat.isDirectory()) {
    throw refuse(`${option} ${displayPath(o.root)} is a file, not a folder.`, `Give ${option} a folder (it is created when missing).`, displayPath(o.root));
  }
  let cur = root;
  for (const part of o.below) {
    if (!part || part === '.' || part === '..' || part.includes('/') || part.includes('\\') || part.includes('\0')) throw refuse(`${JSON.stringify(part)} cannot name a folder inside ${option}.`);
    cur = join(cur, part);
    const st = await lstat(cur).catch(() => undefined);
    if (!st) break;
    if (st.isSymbolicLink()) throw refuse(`${displayPath(cur)} is a symbolic link; offerkit does not write through links inside ${option}.`, 'Remove the link, or choose another output folder.', displayPath(cur));
    if (!st.isDirectory()) throw refuse(`${displayPath(cur)} is a file where offerkit writes a folder; it is left alone.`, 'Move it away, or choose another output folder.', displayPath(cur));
  }
  const target = o.below.length ? join(root, ...o.below) : root;
  return { target, parent: dirname(target) };
}

/** Checks where an output folder would go; throws a usage error naming what is in the way. */
export async function checkOutputFolder(o: OutputFolder): Promise<Checked> {
  const option = o.option ?? '--out';
  const { target, parent } = await resolveTarget(o);
  const st = await lstat(target).catch(() => undefined);
  if (!st) return { target, parent, exists: false, owned: [] };
  const tree = await fsStep(target, 'read', () => listTree(target));
  if (!tree.length) return { target, parent, exists: true, owned: [] };
  const manifest = await readManifest(target);
  const owned: string[] = [];
  let foreign: { rel: string; why: string } | undefined;
  if (manifest) {
    // The manifest vouches only for names offerkit writes in this folder (the files of this write, and the
    // names an older offerkit wrote there): an edited manifest cannot make a user's other files offerkit's.
    const ours = new Set([...o.files.keys(), ...(o.legacyNames ?? [])]);
    const known = new Map(Object.entries(manifest.files).filter(([rel]) => ours.has(rel)));
    const dirs = new Set([...known.keys()].flatMap((k) => k.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
    for (const e of tree) {
      if (e.rel === MANIFEST) continue;
      if (e.kind === 'dir' && dirs.has(e.rel)) continue;
      const hash = known.get(e.rel);
      if (e.kind === 'file' && hash !== undefined) {
        // Hashed in pieces: a file the manifest names may be huge (a stranger's manifest can name anything).
        const now = await fsStep(join(target, e.rel), 'read', () => hashBounded(join(target, e.rel), 1024 * 1024 * 1024));
        if (now === hash) {
          owned.push(e.rel);
          continue;
        }
        foreign ??= { rel: e.rel, why: 'was changed after offerkit wrote it' };
        continue;
      }
      foreign ??= { rel: e.rel, why: e.kind === 'other' ? 'is a link or special file offerkit did not make' : 'was not written by offerkit' };
    }
    owned.push(MANIFEST);
  } else {
    // No manifest: nothing here is known to be offerkit's, whatever its name.
    const first = tree.find((e) => e.kind !== 'dir') ?? tree[0];
    foreign = { rel: first.rel, why: `was not written by offerkit (the folder has no ${MANIFEST} that says what offerkit wrote)` };
  }
  if (foreign && !o.force) {
    const shownPath = displayPath(join(target, foreign.rel));
    throw refuse(`${displayPath(target)} holds ${shownPath}, which ${foreign.why}; offerkit replaces only what it wrote, so nothing was written.`, `Move it elsewhere, choose another ${option}, or pass --force to replace the folder (deleting what is in it).`, shownPath);
  }
  return { target, parent, exists: true, owned: foreign ? ['*'] : owned };
}

/** Removes what offerkit owns in `dir`, then the folders that held it; anything else stays. */
async function removeOwned(dir: string, owned: string[]): Promise<void> {
  if (owned.includes('*')) {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  for (const rel of owned) await unlink(join(dir, rel)).catch(() => undefined);
  const dirs = [...new Set(owned.flatMap((k) => k.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))))].sort((a, b) => b.length - a.length);
  for (const d of dirs) await rmdir(join(dir, d)).catch(() => undefined);
  await rmdir(dir).catch(() => undefined);
}

/**
 * Replaces the target folder with exactly `files` (and a manifest of them), all at once. Call
 * checkOutputFolder first for every folder of a multi-folder write, so a refusal comes before any write.
 */
export async function writeOutputFolder(o: OutputFolder, checked?: Checked): Promise<string> {
  const c = checked ?? (await checkOutputFolder(o));
  await fsStep(c.parent, 'create', () => mkdir(c.parent, { recursive: true }));
  // The folders just made (or found) must still not be links.
  if ((await resolveTarget(o)).target !== c.target) throw refuse(`The output folder changed while offerkit was writing it (${displayPath(c.target)}).`);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(c.parent, `.${basename(c.target)}.offerkit-${tag}.tmp`);
  const old = join(c.parent, `.${basename(c.target)}.offerkit-${tag}.old`);
  const manifest: Manifest = { writtenBy: 'offerkit', files: dict<string>() };
  try {
    await fsStep(c.target, 'create', () => mkdir(tmp));
    for (const [rel, data] of [...o.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const why = unwritableName(rel);
      if (why) throw refuse(`offerkit will not write ${JSON.stringify(rel)}: ${why}.`);
      const p = join(tmp, ...rel.split('/'));
      await fsStep(join(c.target, rel), 'write', async () => {
        await mkdir(dirname(p), { recursive: true });
        await writeFile(p, data, { flag: 'wx' });
      });
      manifest.files[rel] = sha256(data);
    }
    await fsStep(join(c.target, MANIFEST), 'write', () => writeFile(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' }));
    if (c.exists) await fsStep(c.target, 'write', () => rename(c.target, old));
    try {
      await fsStep(c.target, 'write', () => rename(tmp, c.target));
    } catch (e) {
      if (c.exists) await rename(old, c.target).catch(() => undefined);
      throw e;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  if (c.exists) await removeOwned(old, c.owned.length ? c.owned : []);
  return c.target;
}

/**
 * A new folder the user will own afterwards (`offerkit init`): it must not exist or must be empty, and
 * appears complete or not at all. No manifest is left in it.
 */
export async function createNewFolder(dir: string, files: ReadonlyMap<string, string | Uint8Array>, shown = displayPath(resolve(dir))): Promise<void> {
  if (streamOf(dir)) throw refuse(`${dir} names a stream; offerkit init writes a folder.`, 'Choose a new folder.');
  const target = resolve(dir);
  const st = await lstat(target).catch(() => undefined);
  if (st?.isSymbolicLink()) throw refuse(`${shown} is a symbolic link; offerkit init writes only into a real folder.`, 'Choose a new folder.');
  if (st && !st.isDirectory()) throw refuse(`${shown} is ${st.isFile() ? 'a file' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device'}, not a folder; it was left as it is.`, 'Choose a new folder.');
  if (st && (await fsStep(target, 'read', () => readdir(target))).length > 0) throw refuse(`${shown} already exists and is not empty; offerkit init never overwrites files.`, 'Choose a new or empty folder.');
  const parent = dirname(target);
  await fsStep(parent, 'create', () => mkdir(parent, { recursive: true }));
  const tmp = join(parent, `.${basename(target)}.offerkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fsStep(target, 'create', () => mkdir(tmp));
    for (const [rel, data] of files) {
      const why = unwritableName(rel);
      if (why) throw refuse(`offerkit will not write ${JSON.stringify(rel)}: ${why}.`);
      const p = join(tmp, ...rel.split('/'));
      await fsStep(join(target, rel), 'write', async () => {
        await mkdir(dirname(p), { recursive: true });
        await writeFile(p, data, { flag: 'wx' });
      });
    }
    // rename(2) replaces an empty folder; a folder that gained files meanwhile makes it fail, not lose them.
    await fsStep(target, 'write', () => rename(tmp, target));
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * A private folder of offerkit's own under the system's temporary folder (a git revision's files for `changes
 * --since`): made new with mkdtemp (mode 0700), written with files that must not exist yet, removed whole.
 */
export interface ScratchFolder {
  dir: string;
  /** Writes `rel` ('/'-separated, no `..`) inside the folder; a name already there is an error, never replaced. */
  write(rel: string, data: string | Uint8Array): Promise<void>;
  dispose(): Promise<void>;
}

export async function scratchFolder(prefix: string): Promise<ScratchFolder> {
  const dir = await mkdtemp(join(tmpdir(), `offerkit-${prefix}-`));
  return {
    dir,
    write: async (rel, data) => {
      const why = unwritableName(rel);
      if (why) throw refuse(`offerkit will not write ${JSON.stringify(rel)} in its scratch folder: ${why}.`);
      const p = join(dir, ...rel.split('/'));
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, data, { flag: 'wx', mode: 0o600 });
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Where callers written before output-file.ts found the single-file door (scripts/record-partner-center.ts on
 * main writes a test recording after checking itself that it exists only with --force): the same door, told
 * the caller decided the file may be replaced, and leaving no manifest in the repository's fixture folder.
 */
export function writeOutputFile(path: string, data: string | Uint8Array): Promise<Written> {
  return writeReportFile(path, data, { option: 'The output file', channel: 'text', force: true, record: false });
}
