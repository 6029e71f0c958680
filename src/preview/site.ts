// All pages of a preview, by path. An offer folder gives index.html and plans/<plan>/install.html; a bare
// package (a folder or app.zip without offer.yaml) gives index.html and install/index.html. The server and the
// static export both come here, so what a customer opens from disk is what the local server shows.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { buildPreviewModel, type PreviewModel } from './model.js';
import { buildPackagePreview, packagePages, type PackagePreview } from './package-preview.js';
import { installPage } from './page-install.js';
import { overviewPage } from './page-overview.js';

export interface PreviewSite {
  /** The offer's model (offer previews). */
  model?: PreviewModel;
  /** The package's model (package previews). */
  package?: PackagePreview;
  /** Path ('index.html', 'plans/<id>/install.html', 'install/index.html') → HTML. */
  pages: Map<string, string>;
  /** Every finding the pages show; `fatal` ones mean there is nothing to preview. */
  diagnostics: Diagnostic[];
  fatal: boolean;
}

export type PreviewKind = 'offer' | 'folder' | 'zip';

export function previewKind(path: string): PreviewKind {
  if (existsSync(join(path, 'offer.yaml'))) return 'offer';
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? 'folder' : 'zip';
}

export async function renderPreviewSite(path: string, options: { plan?: string } = {}): Promise<PreviewSite> {
  const kind = previewKind(path);
  if (kind !== 'offer') {
    const p = await buildPackagePreview(path, kind);
    return { package: p, pages: packagePages(p), diagnostics: p.diagnostics, fatal: Boolean(p.fatal) };
  }
  const model = await buildPreviewModel(path, options);
  const pages = new Map<string, string>([['index.html', overviewPage(model)]]);
  if (model.offer) for (const plan of model.plans) pages.set(`plans/${plan.id}/install.html`, installPage(model, plan));
  return { model, pages, diagnostics: [...model.fatal, ...model.diagnostics, ...model.plans.flatMap((p) => p.diagnostics)], fatal: model.fatal.some((d) => d.severity === 'error') };
}
