// The preview's browser script: reads the page's data and starts the part the page needs — the cost
// estimate on the offer page, the install wizard on a plan's install page.

import { startEstimateForm, type OverviewData } from './estimate-form.js';
import { startWizard, type InstallData } from './wizard.js';

function start(): void {
  const el = document.getElementById('preview-data');
  if (!el?.textContent) return;
  const data = JSON.parse(el.textContent) as { page: string } & Record<string, unknown>;
  document.documentElement.dataset.ready = 'loading';
  try {
    if (data.page === 'overview') {
      const form = document.getElementById('cost-form') as HTMLFormElement | null;
      const output = document.getElementById('estimate-output');
      if (form && output) startEstimateForm(form, output, data as unknown as OverviewData);
    } else if (data.page === 'install') {
      const root = document.getElementById('wizard');
      if (root) startWizard(root, data as unknown as InstallData);
    }
    document.documentElement.dataset.ready = 'true';
  } catch (e) {
    document.documentElement.dataset.ready = 'error';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `The preview script failed: ${(e as Error).message}`;
    document.querySelector('main')?.prepend(p);
  }
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
