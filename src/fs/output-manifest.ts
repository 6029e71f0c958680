// What offerkit wrote in a folder: `.offerkit-manifest.json`, each file's '/'-separated path and the sha256
// of the bytes offerkit wrote there. An output folder holds one for its files, and a folder that received a
// report file (`--sarif reports/x.sarif`) one for its reports: offerkit replaces a file only when this record
// proves the file still holds what offerkit put there. A file's name alone proves nothing.

import { createHash, randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashBounded, readBounded } from './read-inside.js';
import { dict } from '../util/dict.js';

export const MANIFEST = '.offerkit-manifest.json';
const MAX_MANIFEST = 1024 * 1024;
/** A report folder's manifest keeps at most this many entries (the files it names that still exist). */
const MAX_ENTRIES = 10_000;

export interface Manifest {
  writtenBy: 'offerkit';
  /** '/'-separated path → sha256 of the bytes offerkit wrote. */
  files: Record<string, string>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The manifest of `dir`, or undefined when there is none offerkit can read (a link, a stranger's file, not JSON). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const path = join(dir, MANIFEST);
  const st = await lstat(path).catch(() => undefined);
  if (!st?.isFile()) return undefined;
  try {
    const m = JSON.parse((await readBounded(path, MAX_MANIFEST)).toString('utf8')) as Manifest;
    if (m?.writtenBy !== 'offerkit' || typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) return undefined;
    // Names are data: a manifest naming `__proto__` or `constructor` must not reach a prototype.
    const files = dict<string>();
    for (const [k, v] of Object.entries(m.files)) if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) files[k] = v;
    return { writtenBy: 'offerkit', files };
  } catch {
    return undefined;
  }
}

/** Does `dir`'s manifest prove that `name` (a regular file there) holds the bytes offerkit wrote? */
export async function provenOurs(dir: string, name: string, maxBytes = 1024 * 1024 * 1024): Promise<boolean> {
  const recorded = (await readManifest(dir))?.files[name];
  if (!recorded) return false;
  const now = await hashBounded(join(dir, name), maxBytes).catch(() => undefined);
  return now === recorded;
}

/**
 * Records `name` → `hash` in `dir`'s manifest (written beside it, then renamed over it). Entries for files
 * that no longer exist are dropped. A manifest offerkit cannot read (a link, a stranger's file) is left as it
 * is and nothing is recorded: the next run then refuses to replace the file, which loses nothing.
 */
export async function recordWritten(dir: string, name: string, hash: string): Promise<void> {
  const path = join(dir, MANIFEST);
  const st = await lstat(path).catch(() => undefined);
  if (st && !st.isFile()) return;
  const old = st ? await readManifest(dir) : undefined;
  if (st && !old) return;
  const files = dict<string>();
  const kept: [string, string][] = [];
  for (const [k, v] of Object.entries(old?.files ?? {})) {
    if (k !== name && !k.split('/').includes('..') && (await lstat(join(dir, ...k.split('/'))).catch(() => undefined))) kept.push([k, v]);
  }
  for (const [k, v] of kept.slice(-(MAX_ENTRIES - 1))) files[k] = v;
  files[name] = hash;
  const sorted: Manifest = { writtenBy: 'offerkit', files: dict(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
  const tmp = join(dir, `.${MANIFEST}.offerkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(sorted, null, 2)}\n`, { flag: 'wx' });
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
