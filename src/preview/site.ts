// All pages of an offer's preview, by path: index.html and plans/<plan>/install.html. The server and the
// static export both come here, so what a customer opens from disk is what the local server shows.

import { buildPreviewModel, type PreviewModel } from './model.js';
import { installPage } from './page-install.js';
import { overviewPage } from './page-overview.js';

export interface PreviewSite {
  model: PreviewModel;
  /** Path ('index.html', 'plans/<id>/install.html') → HTML. */
  pages: Map<string, string>;
}

export async function renderPreviewSite(offerDir: string, options: { plan?: string } = {}): Promise<PreviewSite> {
  const model = await buildPreviewModel(offerDir, options);
  const pages = new Map<string, string>([['index.html', overviewPage(model)]]);
  if (model.offer) for (const plan of model.plans) pages.set(`plans/${plan.id}/install.html`, installPage(model, plan));
  return { model, pages };
}
