// `offerkit preview --out <dir>`: the same pages as the server, written as a static site that opens from disk.
// The folder is written through the output-folder module: replaced at once, and never over files
// offerkit did not write there, as its manifest proves (a folder holding anything else, or with no manifest,
// is refused unless --force).

import { assertOutsideInputs, writeOutputFolder } from '../fs/output-folder.js';
import { TEMPLATES_DIR } from '../template-set/template-set.js';
import { renderPreviewSite, type PreviewSite } from './site.js';

export async function exportPreview(offerDir: string, outDir: string, options: { plan?: string; force?: boolean } = {}): Promise<PreviewSite & { outDir: string }> {
  await assertOutsideInputs(outDir, [
    { dir: offerDir, label: 'the offer or package folder' },
    { dir: TEMPLATES_DIR, label: "offerkit's template sets" },
  ]);
  const site = await renderPreviewSite(offerDir, options.plan ? { plan: options.plan } : {});
  if (site.model?.templateSetDir) await assertOutsideInputs(outDir, [{ dir: site.model.templateSetDir, label: 'the template set' }]);
  const files = new Map<string, string>(site.pages);
  const target = await writeOutputFolder({ root: outDir, below: [], files, ...(options.force ? { force: true } : {}) });
  return { ...site, outDir: target };
}
