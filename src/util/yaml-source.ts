// YAML documents (offer.yaml, policy files, template-set manifests) read with positions kept, so that a
// JSON pointer from schema validation maps back to a line and column in the user's file.

import { LineCounter, isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Node, Parser } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { decodePointer } from './json-pointer.js';
import type { Position } from './line-index.js';

export interface YamlSource {
  value: unknown;
  text: string;
  diagnostics: Diagnostic[];
  locate(pointer: string, options?: { key?: boolean }): Position | undefined;
}

/** Nesting deeper than this is refused (offer files need fewer than ten levels). */
export const MAX_YAML_DEPTH = 64;
/** Aliases a document may expand; more marks an expansion ("billion laughs") attack. */
export const MAX_YAML_ALIASES = 100;

/** Where the first quoted scalar that never closes starts, from the parser's own tokens. */
function unclosedQuote(text: string): number | undefined {
  let found: number | undefined;
  const walk = (t: unknown): void => {
    if (found !== undefined || !t || typeof t !== 'object') return;
    const tok = t as { type?: string; source?: string; offset?: number };
    if ((tok.type === 'double-quoted-scalar' || tok.type === 'single-quoted-scalar') && typeof tok.source === 'string' && typeof tok.offset === 'number') {
      const q = tok.type === 'double-quoted-scalar' ? '"' : "'";
      const src = tok.source;
      // Closed when it ends with its quote that is not itself escaped (\" in double quotes; '' in single ones counts as closed).
      const closed = src.length >= 2 && src.endsWith(q) && (q === "'" || !/(^|[^\\])(\\\\)*\\"$/.test(src));
      if (!closed) found = tok.offset;
      return;
    }
    for (const v of Object.values(t)) {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') walk(v);
    }
  };
  for (const tok of new Parser().parse(text)) walk(tok);
  return found;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number): Position => {
    const lp = lineCounter.linePos(offset);
    return { line: lp.line, column: lp.col, offset };
  };
  let tooDeep = false;
  for (const e of doc.errors) {
    const p = pos(e.pos[0]);
    if (e.code === 'RESOURCE_EXHAUSTION') {
      // The parser gave up on nesting: one message, at the first place, instead of one per level.
      if (!tooDeep) diagnostics.push({ code: 'yaml-too-deep', severity: 'error', message: `YAML: the document nests deeper than offerkit reads (more than ${MAX_YAML_DEPTH} levels).`, line: p.line, column: p.column, hint: 'Flatten the structure; offer files need only a few levels.' });
      tooDeep = true;
      continue;
    }
    if (e.code === 'MULTIPLE_DOCS') {
      diagnostics.push({ code: 'yaml-multiple-documents', severity: 'error', message: 'YAML: a second document starts here (after "---"); the file must hold one document.', line: p.line, column: p.column, hint: 'Remove the "---" line and what follows it, or merge it into the first document.' });
      continue;
    }
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // An unclosed quote is found at the end of the file; the place to fix is where the quote opened.
    const opened = e.code === 'MISSING_CHAR' && /quote/i.test(message) ? unclosedQuote(text) : undefined;
    const at = opened !== undefined ? pos(opened) : p;
    diagnostics.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
      severity: 'error',
      message: opened !== undefined ? `YAML: this quoted text is never closed (${message.replace(/^Missing closing /, 'missing closing ')}).` : `YAML: ${message}`,
      line: at.line,
      column: at.column,
    });
  }
  let firstAlias: Node | undefined;
  if (doc.errors.length === 0) {
    // Depth and aliases, checked on the parse tree before anything recurses over the value.
    let deep: Node | undefined;
    let aliases = 0;
    visit(doc, {
      Alias(_k, n) {
        aliases++;
        firstAlias ??= n as unknown as Node;
      },
      Node(_k, n, path) {
        if (!deep && isCollection(n) && path.filter((x) => isCollection(x)).length >= MAX_YAML_DEPTH) {
          deep = n;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (deep) {
      const p = pos(deep.range?.[0] ?? 0);
      diagnostics.push({ code: 'yaml-too-deep', severity: 'error', message: `YAML: the document nests deeper than offerkit reads (more than ${MAX_YAML_DEPTH} levels).`, line: p.line, column: p.column, hint: 'Flatten the structure; offer files need only a few levels.' });
    }
    if (aliases > MAX_YAML_ALIASES && firstAlias) {
      const p = pos(firstAlias.range?.[0] ?? 0);
      diagnostics.push({ code: 'yaml-alias-expansion', severity: 'error', message: `YAML: the document uses ${aliases} aliases (*name); offerkit expands at most ${MAX_YAML_ALIASES}, since alias chains can grow a small file into gigabytes.`, line: p.line, column: p.column, hint: 'Write the values out instead of referring to anchors.' });
    }
  }
  for (const w of doc.warnings) {
    const p = pos(w.pos[0]);
    diagnostics.push({ code: 'yaml-warning', severity: 'warning', message: `YAML: ${w.message.split('\n')[0]}`, line: p.line, column: p.column });
  }
  let value: unknown = undefined;
  if (!diagnostics.some((d) => d.severity === 'error')) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      const alias = /alias/i.test((e as Error).message);
      const p = pos(alias ? ((firstAlias)?.range?.[0] ?? 0) : 0);
      diagnostics.push({ code: alias ? 'yaml-alias-expansion' : 'yaml-syntax', severity: 'error', message: alias ? `YAML: expanding the aliases (*name) would make the document too large; offerkit stops at ${MAX_YAML_ALIASES} expansions.` : `YAML: ${(e as Error).message}`, line: p.line, column: p.column, ...(alias ? { hint: 'Write the values out instead of referring to anchors.' } : {}) });
    }
  }

  function locate(pointer: string, options: { key?: boolean } = {}): Position | undefined {
    let node: Node | null | undefined = doc.contents;
    let offset = node?.range?.[0] ?? 0;
    const segments = decodePointer(pointer);
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k];
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        const valueNode = pair.value as Node | null;
        if (options.key && k === segments.length - 1 && keyNode?.range) return pos(keyNode.range[0]);
        offset = valueNode?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
        node = valueNode;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return pos(offset);
  }

  return { value, text, diagnostics, locate };
}
