// Listing HTML (as Partner Center stores an offer's description, terms and plan descriptions) back to the
// Markdown subset markdown.ts writes: headings, paragraphs, lists, block quotes, fenced code, rules, strong,
// emphasis, code and https/mailto links. Everything else keeps its text and loses its tags. The HTML comes
// from a service, so it is read as untrusted text: one linear pass, no markup survives as HTML.

import { trimTrailing } from '../util/trim-trailing.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return Object.hasOwn(ENTITIES, name.toLowerCase()) ? ENTITIES[name.toLowerCase()] : whole;
  });
}

/** The text without <!-- comments --> (an unclosed one runs to the end), in one pass. */
function withoutComments(html: string): string {
  let out = '';
  let from = 0;
  for (let at = html.indexOf('<!--'); at >= 0; at = html.indexOf('<!--', from)) {
    out += html.slice(from, at);
    const end = html.indexOf('-->', at + 4);
    if (end < 0) return out;
    from = end + 3;
  }
  return out + html.slice(from);
}

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'blockquote', 'hr', 'table', 'tr']);

/** `topLevel`: the HTML heading level that becomes a Markdown `#` (as markdownToHtml was given it). */
export function htmlToMarkdown(html: string, options: { topLevel?: number } = {}): string {
  const top = options.topLevel ?? 3;
  const blocks: string[] = [];
  let line = '';
  let prefix = '';
  const lists: { tag: 'ul' | 'ol'; n: number }[] = [];
  let pre = false;
  let quote = false;
  let href: string | undefined;
  let linkText = '';
  const emit = (s: string) => {
    if (href !== undefined) linkText += s;
    else line += s;
  };
  const flush = () => {
    const text = pre ? line : line.replace(/[ \t\n]+/g, ' ').trim();
    if (text) blocks.push(`${quote ? '> ' : ''}${prefix}${text}`);
    line = '';
    prefix = '';
  };
  // Linear: a tag's attributes never run past the next '<', so each attempt ends where the next begins.
  const tokens = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^<>"']|"[^"<>]*"|'[^'<>]*')*)>|([^<]+)|</g;
  const source = withoutComments(html);
  for (let m = tokens.exec(source); m; m = tokens.exec(source)) {
    if (m[4] !== undefined || m[0] === '<') {
      emit(decodeEntities(m[4] ?? '<'));
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'br') {
      emit(pre ? '\n' : ' ');
      continue;
    }
    if (tag === 'hr') {
      flush();
      blocks.push('---');
      continue;
    }
    if (tag === 'a') {
      if (!closing) {
        const h = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(m[3]);
        const url = decodeEntities(h?.[1] ?? h?.[2] ?? '');
        href = /^(https:\/\/|mailto:)\S+$/i.test(url) ? url : '';
        linkText = '';
      } else if (href !== undefined) {
        const text = linkText.replace(/\s+/g, ' ').trim();
        const url = href;
        href = undefined;
        emit(url ? (text && text !== url ? `[${text}](${url})` : `<${url}>`) : text);
      }
      continue;
    }
    if (tag === 'strong' || tag === 'b') {
      emit('**');
      continue;
    }
    if (tag === 'em' || tag === 'i') {
      emit('*');
      continue;
    }
    if (tag === 'code') {
      if (!pre) emit('`');
      continue;
    }
    if (!BLOCK.has(tag)) continue;
    if (tag === 'pre') {
      if (!closing) {
        flush();
        pre = true;
      } else {
        blocks.push(`\`\`\`\n${trimTrailing(line)}\n\`\`\``);
        line = '';
        pre = false;
      }
      continue;
    }
    if (pre) continue;
    if (tag === 'ul' || tag === 'ol') {
      flush();
      if (closing) lists.pop();
      else lists.push({ tag, n: 0 });
      continue;
    }
    if (tag === 'blockquote') {
      flush();
      quote = !closing;
      continue;
    }
    flush();
    if (closing) continue;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) prefix = `${'#'.repeat(Math.max(1, Number(heading[1]) - top + 1))} `;
    else if (tag === 'li') {
      const list = lists[lists.length - 1];
      prefix = `${'  '.repeat(Math.max(0, lists.length - 1))}${list?.tag === 'ol' ? `${++list.n}.` : '-'} `;
    }
  }
  if (href !== undefined) line += linkText;
  flush();
  // Consecutive list items stay together; other blocks are separated by a blank line.
  let out = '';
  for (let k = 0; k < blocks.length; k++) {
    const item = /^\s*(-|\d+\.) /;
    out += k === 0 ? blocks[k] : `${item.test(blocks[k]) && item.test(blocks[k - 1]) ? '\n' : '\n\n'}${blocks[k]}`;
  }
  return out ? `${out}\n` : '';
}
