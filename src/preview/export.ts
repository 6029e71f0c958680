// `offerkit preview --out <dir>`: the same pages as the server, written as a static site that opens from disk.
// The folder is replaced at once; a folder offerkit did not make is never overwritten.

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { usageError } from '../diagnostics.js';
import { replaceDirectory } from '../util/atomic-write.js';
import { renderPreviewSite, type PreviewSite } from './site.js';

export const EXPORT_MARKER = '.offerkit-preview';

export async function exportPreview(offerDir: string, outDir: string, options: { plan?: string } = {}): Promise<PreviewSite & { outDir: string }> {
  const target = resolve(outDir);
  if (existsSync(target)) {
    const entries = await readdir(target).catch(() => undefined);
    if (entries === undefined) throw usageError(`${outDir} exists and is not a folder.`);
    if (entries.length && !entries.includes(EXPORT_MARKER)) throw usageError(`${outDir} is not empty and was not made by offerkit preview; it is left alone.`, 'Choose an empty or new folder for --out.');
  }
  const site = await renderPreviewSite(offerDir, options);
  const files = new Map<string, string>(site.pages);
  files.set(EXPORT_MARKER, 'Made by offerkit preview --out; the next export replaces this folder.\n');
  await replaceDirectory(target, files);
  return { ...site, outDir: target };
}

