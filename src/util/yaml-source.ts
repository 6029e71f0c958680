// YAML documents (offer.yaml, policy files, template-set manifests) read with positions kept, so that a
// JSON pointer from schema validation maps back to a line and column in the user's file.

import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { decodePointer } from './json-pointer.js';
import type { Position } from './line-index.js';

export interface YamlSource {
  value: unknown;
  text: string;
  diagnostics: Diagnostic[];
  locate(pointer: string, options?: { key?: boolean }): Position | undefined;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const diagnostics: Diagnostic[] = [];
  const pos = (offset: number): Position => {
    const lp = lineCounter.linePos(offset);
    return { line: lp.line, column: lp.col, offset };
  };
  for (const e of doc.errors) {
    const p = pos(e.pos[0]);
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    diagnostics.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
      severity: 'error',
      message: `YAML: ${message}`,
      line: p.line,
      column: p.column,
    });
  }
  for (const w of doc.warnings) {
    const p = pos(w.pos[0]);
    diagnostics.push({ code: 'yaml-warning', severity: 'warning', message: `YAML: ${w.message.split('\n')[0]}`, line: p.line, column: p.column });
  }
  let value: unknown = undefined;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: `YAML: ${(e as Error).message}`, line: 1, column: 1 });
    }
  }

  function locate(pointer: string, options: { key?: boolean } = {}): Position | undefined {
    let node: Node | null | undefined = doc.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    const segments = decodePointer(pointer);
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k]!;
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
