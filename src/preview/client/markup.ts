// The markup InfoBox and TextBlock texts may hold, read without the browser's HTML parser. Any parser of the
// browser — DOMParser, a <template>'s inert content, document.implementation.createHTMLDocument — creates the
// attributes it reads, and Chromium 156 (Debian's, 2026) tries to run an `onerror=` of such an inert document and
// reports it against the page's Content-Security-Policy, where the pinned Chromium 143 stays silent — both checked
// with each of the three. So this tokenizer keeps only
// the small subset the portal shows (paragraphs, lists, emphasis, code, line breaks, links) and turns everything
// else into text: no attribute but a link's href is ever read, and no markup ever reaches a DOM parser.

export type MarkupNode = string | { tag: string; children: MarkupNode[]; href?: string };

export const INLINE_TAGS = new Set(['b', 'strong', 'i', 'em', 'code', 'br', 'span', 'u']);
export const BLOCK_TAGS = new Set(['p', 'ul', 'ol', 'li', 'div']);
/** Elements whose content is not text for the reader: dropped with it. */
const DROPPED = new Set(['script', 'style', 'template', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'select', 'svg', 'math', 'object']);
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'area', 'base', 'col', 'embed', 'source', 'track', 'param']);
const MAX_DEPTH = 20;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML character references (the common named ones and every numeric one) as text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (all, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;

/** Reads attributes from `i` to the end of a tag; returns the index after `>` and the href, if any. */
function readAttributes(source: string, i: number): { end: number; href?: string } {
  let href: string | undefined;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '>') return { end: i + 1, ...(href !== undefined ? { href } : {}) };
    if (/[\s/]/.test(c)) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && !/[\s/>=]/.test(source[i])) i++;
    const name = source.slice(nameStart, i).toLowerCase();
    while (i < n && /\s/.test(source[i])) i++;
    let value = '';
    if (source[i] === '=') {
      i++;
      while (i < n && /\s/.test(source[i])) i++;
      const q = source[i];
      if (q === '"' || q === "'") {
        const close = source.indexOf(q, i + 1);
        const stop = close < 0 ? n : close;
        value = source.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const start = i;
        while (i < n && !/[\s>]/.test(source[i])) i++;
        value = source.slice(start, i);
      }
    }
    if (name === 'href') href = decodeEntities(value);
  }
  return { end: n, ...(href !== undefined ? { href } : {}) };
}

/** The markup as a tree of the allowed elements and text. */
export function parseMarkup(source: string): MarkupNode[] {
  const root: { tag: string; children: MarkupNode[] } = { tag: '', children: [] };
  const stack: { tag: string; children: MarkupNode[]; href?: string }[] = [root];
  const top = () => stack[stack.length - 1];
  const text = (t: string) => {
    if (!t) return;
    const kids = top().children;
    const last = kids[kids.length - 1];
    if (typeof last === 'string') kids[kids.length - 1] = last + t;
    else kids.push(t);
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      text(decodeEntities(source.slice(i)));
      break;
    }
    text(decodeEntities(source.slice(i, lt)));
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (source[i + 1] === '!' || source[i + 1] === '?') {
      const end = source.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(source);
    if (!m) {
      text('<');
      i++;
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = readAttributes(source, i + m[0].length);
    i = attrs.end;
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    if (DROPPED.has(tag)) {
      // Its content goes with it, up to its end tag (or the end of the text).
      const close = source.toLowerCase().indexOf(`</${tag}`, i);
      if (close < 0) break;
      i = readAttributes(source, close + tag.length + 2).end;
      continue;
    }
    const allowed = INLINE_TAGS.has(tag) || BLOCK_TAGS.has(tag) || tag === 'a';
    if (!allowed || stack.length > MAX_DEPTH) continue;
    const el: { tag: string; children: MarkupNode[]; href?: string } = { tag, children: [], ...(tag === 'a' && attrs.href !== undefined ? { href: attrs.href } : {}) };
    top().children.push(el);
    if (!VOID.has(tag) && !(source[i - 2] === '/' && source[i - 1] === '>')) stack.push(el);
  }
  return root.children;
}

/** The text a node shows (a link's words). */
export function textContent(nodes: readonly MarkupNode[]): string {
  return nodes.map((x) => (typeof x === 'string' ? x : x.tag === 'br' ? '\n' : textContent(x.children))).join('');
}
