// The offer as it was at a git revision of its repository: the offer folder's tree at that commit, written to
// a private temporary folder (regular files only, names checked, sizes capped), rendered by this offerkit
// and removed again. Nothing of the working tree is touched and no git hook or filter runs: only
// `rev-parse`, `ls-tree` and `cat-file` read the object database.

import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { usageError, type Diagnostic } from '../diagnostics.js';
import { clipped } from '../format/terminal-safe.js';
import { scratchFolder, unwritableName } from '../fs/output-folder.js';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

function git(cwd: string, args: string[], maxBuffer = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (error) {
        const failed: Error & { stderr?: string } = error;
        failed.stderr = Buffer.from(stderr).toString('utf8').trim();
        reject(failed);
      }
      else resolve(stdout);
    });
  });
}

export interface GitCheckout {
  /** The offer folder as it was at the revision (a temporary folder). */
  dir?: string;
  commit: string;
  /** The offer folder did not exist at that revision. */
  absent: boolean;
  diagnostics: Diagnostic[];
  dispose(): Promise<void>;
}

/** Checks out the offer folder at `rev` into a temporary folder; call dispose() when done. */
export async function offerAtRevision(offerDir: string, rev: string): Promise<GitCheckout> {
  if (!rev || rev.startsWith('-') || /[\0\n]/.test(rev)) throw usageError(`--since ${JSON.stringify(clipped(rev))} is not a git revision.`);
  const shown = clipped(rev);
  const real = await realpath(offerDir).catch(() => {
    throw usageError(`${offerDir} does not exist.`);
  });
  let top: string;
  try {
    top = (await git(real, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  } catch (e) {
    // git's own first line says why (not a repository, or "dubious ownership" in a container).
    const said = String((e as { stderr?: string }).stderr ?? '').split('\n')[0]?.replace(/^fatal: /, '');
    const why = (e as { code?: string }).code === 'ENOENT' ? 'git is not installed' : `${offerDir} is not in a git repository git can read${said ? ` (git: ${said})` : ''}`;
    throw usageError(`--since ${shown} names a git revision, but ${why}.`, 'Pass a git revision of the offer\'s repository, a built dist/ folder, an app.zip, service-catalog or marketplace.');
  }
  let commit: string;
  try {
    commit = (await git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).toString('utf8').trim();
  } catch {
    throw usageError(`--since ${shown}: no such revision in ${top}.`, 'Name a branch, tag or commit (e.g. origin/main, v1.2.0, HEAD~1); in CI, fetch enough history (fetch-depth: 0).');
  }
  const rel = relative(await realpath(top), real).split(sep).join('/');
  const listing = (await git(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', rel || '.'], 64 * 1024 * 1024)).toString('utf8');
  const entries = listing.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, hash, size] = line.slice(0, tab).split(/\s+/);
    return { mode: mode, type: type, hash: hash, size: Number(size), path: line.slice(tab + 1) };
  });
  const diagnostics: Diagnostic[] = [];
  if (!entries.length) return { commit, absent: true, diagnostics, dispose: () => Promise.resolve() };
  if (entries.length > MAX_FILES) throw usageError(`The offer folder at ${shown} holds ${entries.length} files, more than offerkit reads (${MAX_FILES}).`);
  const scratch = await scratchFolder('baseline');
  const dir = join(scratch.dir, 'offer');
  const dispose = () => scratch.dispose();
  try {
    let total = 0;
    for (const e of entries) {
      const inside = rel ? e.path.slice(rel.length + 1) : e.path;
      const parts = inside.split('/');
      if (!inside || unwritableName(inside) || parts.some((p) => p.toLowerCase() === '.git')) {
        diagnostics.push({ code: 'changes-git-entry-skipped', severity: 'warning', message: `${shown}:${e.path} has an unsafe name and is left out of the baseline.` });
        continue;
      }
      if (e.type !== 'blob' || (e.mode !== '100644' && e.mode !== '100755')) {
        diagnostics.push({ code: 'changes-git-entry-skipped', severity: 'warning', message: `${shown}:${e.path} is ${e.mode === '120000' ? 'a symbolic link' : e.type === 'commit' ? 'a submodule' : `a ${e.type}`}, which offerkit does not follow; it is left out of the baseline.` });
        continue;
      }
      if (e.size > MAX_FILE_BYTES || (total += e.size) > MAX_TOTAL_BYTES) throw usageError(`The offer folder at ${shown} is larger than offerkit reads (${e.path}).`);
      const bytes = await git(top, ['cat-file', 'blob', e.hash], MAX_FILE_BYTES + 1);
      await scratch.write(`offer/${inside}`, bytes);
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return { dir, commit, absent: false, diagnostics, dispose };
}
