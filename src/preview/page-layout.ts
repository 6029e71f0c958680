// The frame of every preview page: a strict Content-Security-Policy (no network at all; the one script and
// one stylesheet are inline and allowed by their hashes), the stylesheet and browser script bundled at
// build time, the page's data as inert JSON, and the diagnostics banner.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { packagePath } from '../paths.js';
import { html, raw, scriptJson, type Html } from '../render/html.js';

let assets: { js: string; css: string } | undefined;

function loadAssets(): { js: string; css: string } {
  if (!assets) {
    const read = (name: string) => {
      try {
        return readFileSync(packagePath('build', 'preview', name), 'utf8');
      } catch {
        throw new Error(`The preview's browser bundle (build/preview/${name}) is missing: run npm run build.`);
      }
    };
    // A closing tag inside the inline code would end the element early.
    assets = { js: read('preview.js').replace(/<\/(script)/gi, '<\\/$1'), css: read('preview.css').replace(/<\/(style)/gi, '<\\/$1') };
  }
  return assets;
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The policy every page carries (also sent as a header by the server). */
export function contentSecurityPolicy(): string {
  const { js, css } = loadAssets();
  return `default-src 'none'; img-src data:; style-src ${sha256(css)}; script-src ${sha256(js)}; base-uri 'none'; form-action 'none'`;
}

export function diagnosticsBanner(diagnostics: Diagnostic[], title: string, options: { collapsed?: boolean } = {}): Html {
  if (!diagnostics.length) return html``;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'}`;
  const list = html`<ul>${diagnostics.map((d) => html`<li class="diag diag-${d.severity}" data-code="${d.code}"><span class="sev">${d.severity}</span> <code>${d.code}</code> ${d.message}${d.file ? html` <span class="where">${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}</span>` : ''}</li>`)}</ul>`;
  // On install pages the findings are for the publisher: folded, so the form comes first.
  if (options.collapsed) {
    return html`<section class="diagnostics ${errors ? 'has-errors' : 'warnings-only'}" id="diagnostics" aria-label="Diagnostics">
  <details><summary>${title}: ${counts} from offerkit validate</summary>
  <p>The preview shows the package as it is; fix these before publishing.</p>${list}</details>
</section>`;
  }
  return html`<section class="diagnostics ${errors ? 'has-errors' : 'warnings-only'}" id="diagnostics" aria-label="Diagnostics">
  <h2>${title}</h2>
  <p>${counts} from offerkit validate. The preview shows the offer as it is; fix these before publishing.</p>
  ${list}
</section>`;
}

export function page(options: { title: string; body: Html; data: unknown; nav?: Html }): string {
  const { js, css } = loadAssets();
  return `<!doctype html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<style>${raw(css)}</style>
</head>
<body>
${options.nav ?? html``}
<main>
${options.body}
</main>
<footer><p>Preview made by offerkit from the offer's files. Nothing here is loaded from the internet; the page works offline.</p></footer>
<script type="application/json" id="preview-data">${scriptJson(options.data)}</script>
<script>${raw(js)}</script>
</body>
</html>`.text}
`;
}
