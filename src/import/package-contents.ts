// What of a package's folder (or zip) goes into the offer `offerkit init --from` writes, and what is said about
// it. A managed application package is what ARM and the portal read: the templates and the files they link to.
// A folder people build packages in holds more — version control and editor files, an earlier build of the
// package, screenshots for a README — and copying those into every app.zip ships them to every customer.
//
// Left out, and listed: dot-files and dot-folders, node_modules, an earlier build (a .zip holding a package's
// mainTemplate.json and createUiDefinition.json at its root) and images or Markdown no template names. Carried
// in: everything else, byte for byte; what no template names is listed, so the publisher can delete it from the
// template set's static folder if the deployment does not need it.

import { readCentralDirectory } from '../package/zip-read.js';

export interface Sorted {
  /** Files the offer's template set carries (the package's templates among them). */
  kept: Map<string, Buffer>;
  /** Files left out, with why, in plain words. */
  leftOut: { path: string; why: string }[];
  /** Kept files that no template or other JSON file of the package names. */
  unnamed: string[];
}

const IMAGE = /\.(png|jpe?g|gif|bmp|svg|webp|ico)$/i;
const MARKDOWN = /\.(md|markdown)$/i;

/** Does a zip hold a managed application package at its root (an earlier build of one)? */
export function isPackageZip(bytes: Buffer): boolean {
  try {
    const names = readCentralDirectory(bytes, 5000).map((e) => e.name.toLowerCase());
    return names.includes('maintemplate.json') && names.includes('createuidefinition.json');
  } catch {
    return false;
  }
}

/** Whether the text of the package's JSON files names a file: its path, its file name, or a folder holding it. */
function namedIn(texts: readonly string[], path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1];
  const folders = segments.slice(0, -1).map((_s, k) => segments.slice(0, k + 1).join('/'));
  return texts.some((t) => t.includes(path) || t.includes(base) || folders.some((f) => (f.includes('/') ? t.includes(f) : t.includes(`'${f}'`) || t.includes(`'${f}/'`))));
}

/**
 * Sorts a package's files. `skipped` are paths the folder walk did not read (dot-files, node_modules); `keep`
 * names files that are always kept (the README the import handles itself); `templates` are the texts of the
 * package's main templates, which name the files they use.
 */
export function sortPackageFiles(files: ReadonlyMap<string, Buffer>, skipped: readonly string[], keep: (path: string) => boolean, templates: readonly string[] = []): Sorted {
  const texts = [...templates, ...[...files].filter(([p]) => /\.jsonc?$/i.test(p)).map(([, b]) => b.toString('utf8'))];
  const sorted: Sorted = { kept: new Map(), leftOut: [], unnamed: [] };
  for (const path of skipped) sorted.leftOut.push({ path, why: path.split('/').some((s) => s === 'node_modules') ? 'installed dependencies (node_modules), not part of a package' : 'a dot-file of version control or an editor, not part of a package' });
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (keep(path)) {
      sorted.kept.set(path, bytes);
      continue;
    }
    const segments = path.split('/');
    if (segments.some((s) => s.startsWith('.'))) {
      sorted.leftOut.push({ path, why: 'a dot-file of version control or an editor, not part of a package' });
      continue;
    }
    if (segments.includes('node_modules')) {
      sorted.leftOut.push({ path, why: 'installed dependencies (node_modules), not part of a package' });
      continue;
    }
    const named = namedIn(texts, path);
    if (/\.zip$/i.test(path) && !named && isPackageZip(bytes)) {
      sorted.leftOut.push({ path, why: 'an earlier build of this package (it holds mainTemplate.json and createUiDefinition.json); carried in, every app.zip would hold the old package' });
      continue;
    }
    if ((IMAGE.test(path) || MARKDOWN.test(path)) && !named) {
      sorted.leftOut.push({ path, why: IMAGE.test(path) ? 'an image no template shows (a screenshot for a README); the portal reads no image from a package' : 'documentation no template names; the package gets offerkit\'s customer README' });
      continue;
    }
    sorted.kept.set(path, bytes);
    if (!/\.jsonc?$/i.test(path) && !named) sorted.unnamed.push(path);
  }
  return sorted;
}

/** The notes an import prints about the files: what it left out and what it carries in unnamed, grouped by folder. */
export function contentNotes(sorted: Sorted): string[] {
  const notes: string[] = [];
  // A few paths are named one by one; more are counted per top folder.
  const grouped = (paths: readonly string[]) => {
    if (paths.length <= 6) return [...paths];
    const byTop = new Map<string, string[]>();
    for (const p of paths) {
      const top = p.includes('/') ? `${p.split('/')[0]}/` : p;
      byTop.set(top, [...(byTop.get(top) ?? []), p]);
    }
    return [...byTop].map(([top, list]) => (list.length === 1 && list[0] === top ? top : `${top} (${list.length} file${list.length === 1 ? '' : 's'})`));
  };
  const byWhy = new Map<string, string[]>();
  for (const l of sorted.leftOut) byWhy.set(l.why, [...(byWhy.get(l.why) ?? []), l.path]);
  for (const [why, paths] of byWhy) notes.push(`Left out: ${grouped(paths).join(', ')} — ${why}.`);
  if (sorted.unnamed.length) notes.push(`Carried into every package, though no template names ${sorted.unnamed.length === 1 ? 'it' : 'them'}: ${grouped(sorted.unnamed).join(', ')}. Delete ${sorted.unnamed.length === 1 ? 'it' : 'them'} from template/static/ if the deployment does not need ${sorted.unnamed.length === 1 ? 'it' : 'them'}.`);
  return notes;
}
