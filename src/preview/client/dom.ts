// Building DOM in the browser from data the page did not write itself: text always goes in as text
// (textContent), attributes are set one by one, and no HTML string is ever parsed.

export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** An https/mailto link, or the text alone when the URL is anything else. */
export function safeLink(url: unknown, text: string): Node {
  const u = typeof url === 'string' ? url.trim() : '';
  if (/^(https?:\/\/[^/\s]|mailto:[^/\s])\S*$/i.test(u)) return h('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, text);
  return h('span', { class: 'inert-link' }, text);
}
