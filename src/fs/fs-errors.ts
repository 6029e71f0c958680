// File-system failures as diagnostics a user can act on: which path, what went wrong in plain words, and
// what to do. Used by the read and write doors, and by the command runner as the last net, so an ENOTDIR
// or EACCES never reaches the user as an "internal error".

import { relative } from 'node:path';
import { clipped, type Diagnostic } from '../diagnostics.js';

/** A path as messages show it: relative to the current folder, and clipped (a path may be 100,000 characters). */
const shown = (p: string) => clipped(relative(process.cwd(), p) || '.', 300);

const WHAT: Record<string, [string, string]> = {
  ENOENT: ['does not exist', 'Check the path.'],
  ENOTDIR: ['is not a folder (a part of the path is a file)', 'Check each part of the path: one of them is a file, not a folder.'],
  EISDIR: ['is a folder where a file was expected', 'Name a file, or remove the folder that is in the way.'],
  EACCES: ['cannot be accessed: permission denied', 'Check the permissions of the path and the folders above it, or choose another path.'],
  EPERM: ['cannot be changed: operation not permitted', 'Check the permissions and attributes of the path, or choose another path.'],
  EROFS: ['is on a read-only file system', 'Choose a path on a writable file system.'],
  ENOSPC: ['cannot be written: no space left on the device', 'Free some space, or choose a path on another disk.'],
  EDQUOT: ['cannot be written: disk quota exceeded', 'Free some space, or choose another path.'],
  EEXIST: ['already exists', 'Choose another path, or remove what is there.'],
  ENOTEMPTY: ['is a folder that is not empty', 'Choose an empty or new folder.'],
  ELOOP: ['goes through a loop of symbolic links', 'Fix or remove the links on the path.'],
  ENAMETOOLONG: ['has a name that is too long', 'Choose a shorter path.'],
  EMFILE: ['could not be opened: too many open files', 'Raise the open-file limit (ulimit -n) and run again.'],
  EBUSY: ['is busy', 'Close what is using it and run again.'],
  EXDEV: ['is on another device than its temporary copy', 'Choose an output folder on one file system.'],
};

export const FS_ERROR_CODES = new Set(Object.keys(WHAT));

export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && FS_ERROR_CODES.has((e as NodeJS.ErrnoException).code!);
}

/** A diagnostic for a file-system error met while doing `op` on `path` (the error's own path wins). */
export function describeFsError(e: unknown, path: string, op: 'read' | 'write' | 'create' | 'remove'): Diagnostic & { hint?: string } {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? 'EIO';
  const where = shown(err?.path ?? path);
  const [what, hint] = code === 'EEXIST' && op === 'create' ? ['is a file where a folder is needed', 'Move the file away, or choose another path.'] : WHAT[code] ?? [`could not be ${op === 'read' ? 'read' : 'written'} (${code}: ${String(err?.message ?? e).split('\n')[0]})`, 'Check the path and run again.'];
  const verb = { read: 'reading', write: 'writing', create: 'creating', remove: 'removing' }[op];
  return { code: `fs-${code.toLowerCase()}`, severity: 'error', message: `${where} ${what} (while ${verb} ${shown(path)}).`, file: where, hint };
}
