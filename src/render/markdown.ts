// Markdown for offer descriptions and terms, rendered safely: the text is escaped first, then a small set
// of constructs becomes HTML — headings, paragraphs, ordered and unordered lists, block quotes, fenced code,
// horizontal rules, **strong**, *emphasis*, `code`, [links](https://…) and <https://…>. Raw HTML in the
// source is shown as text; links other than https and mailto are shown as text, never followed; images
// (![alt](url)) are never loaded: their alt text is shown.

import { escapeHtml, link } from './html.js';

/** Inline markup of one already-unescaped line of text. */
function inline(text: string): string {
  // Code spans first: their content is literal.
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let out = '';
      let rest = part;
      // Links: [text](url) and <url>, found on the raw text so their URL is judged before escaping.
      // Linear on any input: link text stops at the next bracket, the URL at the next parenthesis, so no
      // attempt scans past where the next one starts (`[a](` repeated a million times stays fast); a URL may hold
      // one level of parentheses, as CommonMark allows.
      const re = /(!?)\[([^[\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+"[^"\n]*")?\)|<((?:https?:\/\/|mailto:)[^<>\s]+)>/;
      for (let m = re.exec(rest); m; m = re.exec(rest)) {
        out += emphasis(escapeHtml(rest.slice(0, m.index)));
        if (m[1]) out += `<span class="inert-image" title="Images are not loaded in the preview">${escapeHtml(m[2] ? `[image: ${m[2]}]` : '[image]')}</span>`;
        else out += m[4] ? link(m[4]).text : link(m[3], m[2] || m[3]).text;
        rest = rest.slice(m.index + m[0].length);
      }
      return out + emphasis(escapeHtml(rest));
    })
    .join('');
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/__([^_]+)__/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
}

/**
 * An ATX heading (`## Text ##`): its level and text, or undefined. Read by hand, not with
 * /^(#{1,6})\s+(.*?)\s*#*\s*$/, whose lazy text and three trailing quantifiers took a minute on a heading of
 * 5,000 spaces: leading hashes, white space, then the rest without its closing hashes and white space.
 */
function headingOf(line: string): { level: number; text: string } | undefined {
  let hashes = 0;
  while (line[hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 6 || !/\s/.test(line[hashes] ?? '')) return undefined;
  let text = line.slice(hashes).trimStart().trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  text = text.slice(0, end).trimEnd();
  return { level: hashes, text };
}

/** `topLevel`: the HTML level a Markdown `#` heading becomes (3 under a page's own h1/h2, the default). */
export function markdownToHtml(source: string, options: { topLevel?: number } = {}): string {
  const top = options.topLevel ?? 3;
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*```/.exec(line);
    if (fence) {
      flushPara();
      flushList();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = headingOf(line);
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flushPara();
      flushList();
    } else if (heading) {
      flushPara();
      flushList();
      // Offer text sits under the page's own headings: its levels start at `top`.
      const level = Math.min(6, heading.level + top - 1);
      out.push(`<h${level}>${inline(heading.text)}</h${level}>`);
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flushPara();
      flushList();
      out.push('<hr>');
    } else if (item) {
      flushPara();
      const tag = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(item[2]);
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else if (/^\s*>\s?/.test(line)) {
      flushPara();
      flushList();
      out.push(`<blockquote><p>${inline(line.replace(/^\s*>\s?/, ''))}</p></blockquote>`);
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return out.join('\n');
}
