// Building HTML from untrusted text: every interpolated value is escaped unless it is already Html (made by
// these helpers), and URLs become links only when they are https or mailto — a `javascript:` or plain
// `http:` link from an offer file renders as inert text.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Part = Html | string | number | boolean | null | undefined | Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.text;
  if (Array.isArray(p)) return p.map(render).join('');
  return escapeHtml(String(p));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays pass through. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Html(out);
}

export const raw = (s: string): Html => new Html(s);

/** A URL that may become an href: absolute https or mailto, no control characters or spaces. */
export function safeUrl(url: string): string | undefined {
  const u = url.trim();
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
  if (/[\u0000-\u001f\s\u007f\u202a-\u202e\u2066-\u2069]/.test(u)) return undefined;
  return /^(https:\/\/[^/]|mailto:[^/])/i.test(u) ? u : undefined;
}

/** A link when the URL is safe; otherwise the text and the URL as plain text. */
export function link(url: string, text?: string): Html {
  const safe = safeUrl(url);
  if (!safe) return html`<span class="inert-link" title="Link not shown: only https and mailto links are allowed">${text ?? url}</span>`;
  return html`<a href="${safe}" rel="noopener noreferrer" target="_blank">${text ?? url}</a>`;
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the element. */
export function scriptJson(value: unknown): Html {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}
