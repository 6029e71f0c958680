// A lenient JSON reader that keeps source positions, the way ARM and arm-ttk read templates:
// a UTF-8 BOM and `//` / `/* */` comments are accepted; duplicate keys, trailing commas and excessive
// nesting are reported as diagnostics with line and column instead of crashing. The parser is iterative,
// so hostile input (10k levels, 50 MB) cannot overflow the stack; it stops at MAX_DEPTH with a diagnostic
// because every consumer after it walks the tree recursively.

import type { Diagnostic } from '../diagnostics.js';
import { LineIndex, type Position } from './line-index.js';
import { decodePointer, escapeSegment } from './json-pointer.js';

export const MAX_DEPTH = 256;

interface ContainerPos {
  start: number;
  /** Offset just after the closing bracket. */
  end?: number;
  /** Property names in the order read (a duplicate appears twice; the last one holds the value). */
  keyNames?: string[];
  /** Per property read: its name's offset, then its value's offset. */
  keyOffsets?: number[];
  /** name → index of its last occurrence, built when a large object is first looked into. */
  keyIndex?: Map<string, number>;
  /** item index → value offset */
  items?: number[];
}

export interface JsonSource {
  /** The parsed document, or undefined when the text is not JSON. */
  value: unknown;
  text: string;
  hadBom: boolean;
  hadComments: boolean;
  /** Syntax and structure findings (no `file`; the caller adds it). */
  diagnostics: Diagnostic[];
  /** Position of the value (or, with `key: true`, of the property name) a pointer designates. */
  locate(pointer: string, options?: { key?: boolean }): Position | undefined;
  /** [start, end) offsets of the object or array a pointer designates. */
  span(pointer: string): [number, number] | undefined;
  /** Position of an offset in the text. */
  position(offset: number): Position;
  /** The pointer of the value that starts at an offset, if one does. */
  pointerAt(offset: number): string | undefined;
  /**
   * The pointer of the innermost property or item whose text holds an offset (a property from its name on);
   * '' when none below the root does.
   */
  pointerContaining(offset: number): string;
}

class ParseFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Frame =
  | { kind: 'object'; value: Record<string, unknown>; pos: ContainerPos; opened: boolean; key?: string; keyOffset?: number; lowerKeys?: Set<string> }
  | { kind: 'array'; value: unknown[]; pos: ContainerPos; opened: boolean };

/** Where the value of a property was read (its last occurrence), or -1. */
function lastKeyIndex(pos: ContainerPos, key: string): number {
  const names = pos.keyNames!;
  if (names.length <= 16) return names.lastIndexOf(key);
  if (!pos.keyIndex) {
    pos.keyIndex = new Map();
    for (let k = 0; k < names.length; k++) pos.keyIndex.set(names[k], k);
  }
  return pos.keyIndex.get(key) ?? -1;
}

export function parseJsonSource(input: string, options: { maxDepth?: number } = {}): JsonSource {
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const hadBom = input.charCodeAt(0) === 0xfeff;
  // A doubled BOM occurs in the wild (arm-ttk's corpus has one); skip every leading BOM.
  let start = 0;
  while (input.charCodeAt(start) === 0xfeff) start++;
  const text = input;
  const positions = new WeakMap<object, ContainerPos>();
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  let hadComments = false;
  let i = start;
  const n = text.length;

  const at = (offset: number) => lines.position(offset);
  const report = (code: string, severity: Diagnostic['severity'], message: string, offset: number, hint?: string) => {
    const p = at(offset);
    diagnostics.push({ code, severity, message, line: p.line, column: p.column, ...(hint ? { hint } : {}) });
  };

  function skipTrivia(): void {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff || c === 0xa0) {
        i++;
      } else if (c === 0x2f /* / */) {
        const d = text.charCodeAt(i + 1);
        if (d === 0x2f) {
          hadComments = true;
          i += 2;
          while (i < n && text.charCodeAt(i) !== 0x0a) i++;
        } else if (d === 0x2a) {
          hadComments = true;
          const end = text.indexOf('*/', i + 2);
          if (end < 0) throw new ParseFailure('json-syntax', 'Unterminated /* comment.', i);
          i = end + 2;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  function readString(): string {
    // text[i] is the opening quote: " (JSON) or ' (tolerated, as Newtonsoft and ARM do)
    const open = i;
    let multiline = false;
    const quote = text.charCodeAt(i);
    if (quote === 0x27) report('json-nonstandard', 'warning', 'Single-quoted string: JSON requires double quotes (ARM tolerates them, other tools do not).', i);
    i++;
    let from = i;
    let out = '';
    for (;;) {
      if (i >= n) throw new ParseFailure('json-syntax', 'Unterminated string.', open);
      const c = text.charCodeAt(i);
      if (c === quote) {
        out += text.slice(from, i);
        i++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(from, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case "'": out += "'"; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ParseFailure('json-syntax', 'Invalid \\u escape in string.', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            throw new ParseFailure('json-syntax', `Invalid escape \\${e ?? ''} in string.`, i);
        }
        i += 2;
        from = i;
        continue;
      }
      if ((c === 0x0a || c === 0x0d) && !multiline) {
        // ARM accepts strings broken over several lines (Newtonsoft reads them); JSON does not.
        multiline = true;
        report('json-nonstandard', 'warning', 'Line break inside a string: ARM accepts multi-line strings, standard JSON tools do not (escape it as \\n).', i);
      }
      // Raw tabs and other control characters: tolerated (Newtonsoft accepts them), kept as they are.
      i++;
    }
  }

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  function readScalar(): unknown {
    const c = text[i];
    if (c === '"' || c === "'") return readString();
    if (c === 't' && text.startsWith('true', i)) { i += 4; return true; }
    if (c === 'f' && text.startsWith('false', i)) { i += 5; return false; }
    if (c === 'n' && text.startsWith('null', i)) { i += 4; return null; }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw new ParseFailure('json-syntax', 'Invalid number.', i);
      i += m[0].length;
      return Number(m[0]);
    }
    if (i >= n) throw new ParseFailure('json-syntax', 'Unexpected end of file: a value was expected.', i);
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))?.[0];
    if (word) throw new ParseFailure('json-syntax', `Unexpected token "${word}": a JSON value was expected (strings need double quotes).`, i);
    throw new ParseFailure('json-syntax', `Unexpected character ${JSON.stringify(text[i])}: a JSON value was expected.`, i);
  }

  function setKey(obj: Record<string, unknown>, key: string, v: unknown): void {
    if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
    else obj[key] = v;
  }

  const stack: Frame[] = [];
  let root: unknown = undefined;
  let haveRoot = false;

  /**
   * Does the object already have a key equal to `key` but for case? Small objects (most of a template) are
   * scanned without allocating; from 8 keys on, a set of lower-cased keys is kept.
   */
  function sameIgnoringCase(frame: Extract<Frame, { kind: 'object' }>, key: string): boolean {
    const lower = key.toLowerCase();
    const keys = frame.pos.keyNames!;
    if (!frame.lowerKeys && keys.length < 8) {
      for (const k of keys) if (k.length === key.length && k.toLowerCase() === lower) return true;
      return false;
    }
    frame.lowerKeys ??= new Set(keys.map((k) => k.toLowerCase()));
    const found = frame.lowerKeys.has(lower);
    frame.lowerKeys.add(lower);
    return found;
  }

  /** Attach a finished value to the container on top of the stack (or make it the root). */
  function attach(v: unknown, valueOffset: number): void {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      haveRoot = true;
      return;
    }
    if (top.kind === 'array') {
      top.value.push(v);
      top.pos.items!.push(valueOffset);
    } else {
      const key = top.key!;
      const keys = top.pos.keyNames!;
      if (Object.prototype.hasOwnProperty.call(top.value, key)) {
        report('json-duplicate-key', 'error', `Duplicate property "${key}": JSON readers disagree on which value wins.`, top.keyOffset!, 'Remove one of the two properties.');
      } else if (keys.length && sameIgnoringCase(top, key)) {
        report('json-duplicate-key-case', 'warning', `Property "${key}" differs only in case from another property of the same object; ARM compares names case-insensitively.`, top.keyOffset!);
      }
      setKey(top.value, key, v);
      keys.push(key);
      top.pos.keyOffsets!.push(top.keyOffset!, valueOffset);
      top.key = undefined;
    }
  }

  /** Begin a value at i: containers are pushed, scalars attached. */
  function beginValue(): void {
    skipTrivia();
    const c = text[i];
    const offset = i;
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) {
        throw new ParseFailure('json-too-deep', `Nesting deeper than ${maxDepth} levels.`, i);
      }
      i++;
      if (c === '{') {
        const value: Record<string, unknown> = {};
        const pos: ContainerPos = { start: offset, keyNames: [], keyOffsets: [] };
        positions.set(value, pos);
        attach(value, offset);
        stack.push({ kind: 'object', value, pos, opened: false });
      } else {
        const value: unknown[] = [];
        const pos: ContainerPos = { start: offset, items: [] };
        positions.set(value, pos);
        attach(value, offset);
        stack.push({ kind: 'array', value, pos, opened: false });
      }
      return;
    }
    attach(readScalar(), offset);
  }

  /** After `{` or `,` in an object: read `"key":` and set it on the frame. Returns false at `}`. */
  function readKey(frame: Extract<Frame, { kind: 'object' }>, afterComma: boolean): boolean {
    skipTrivia();
    if (text[i] === '}') {
      if (afterComma) report('json-trailing-comma', 'warning', 'Trailing comma before "}".', i);
      return false;
    }
    frame.keyOffset = i;
    if (text[i] === '"' || text[i] === "'") {
      frame.key = readString();
    } else {
      if (i >= n) throw new ParseFailure('json-syntax', 'Unexpected end of file inside an object: "}" expected.', i);
      // Unquoted property names: Newtonsoft (and so ARM and arm-ttk) reads them.
      const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 256));
      if (!m) throw new ParseFailure('json-syntax', 'Property name expected (in double quotes).', i);
      report('json-nonstandard', 'warning', `Unquoted property name ${m[0]}: JSON requires double quotes.`, i);
      frame.key = m[0];
      i += m[0].length;
    }
    skipTrivia();
    if (text[i] !== ':') throw new ParseFailure('json-syntax', `":" expected after property name "${frame.key}".`, i);
    i++;
    return true;
  }

  /**
   * Pops the finished container, recording where it ends. Its position lists are copied to their exact length: a
   * list grown by push keeps room for 17 entries or more (a createUiDefinition of 25,000 steps kept 21 MB of it).
   */
  function close(): void {
    const f = stack.pop();
    if (!f) return;
    const pos = f.pos;
    pos.end = i;
    if (pos.keyNames) pos.keyNames = pos.keyNames.slice();
    if (pos.keyOffsets) pos.keyOffsets = pos.keyOffsets.slice();
    if (pos.items) pos.items = pos.items.slice();
  }

  try {
    beginValue();
    // Each loop turn handles the top frame: either it has just been opened, or a child value finished.
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (!top.opened) {
        top.opened = true;
        if (top.kind === 'object') {
          if (!readKey(top, false)) { i++; close(); continue; }
        } else {
          skipTrivia();
          if (text[i] === ']') { i++; close(); continue; }
        }
        beginValue();
        continue;
      }
      skipTrivia();
      const c = text[i];
      if (c === ',') {
        i++;
        if (top.kind === 'object') {
          if (!readKey(top, true)) { i++; close(); continue; }
        } else {
          skipTrivia();
          if (text[i] === ']') {
            report('json-trailing-comma', 'warning', 'Trailing comma before "]".', i);
            i++;
            close();
            continue;
          }
        }
        beginValue();
      } else if (c === (top.kind === 'object' ? '}' : ']')) {
        i++;
        close();
      } else if (i >= n) {
        throw new ParseFailure('json-syntax', `Unexpected end of file: "${top.kind === 'object' ? '}' : ']'}" expected (the file may be truncated).`, i);
      } else {
        throw new ParseFailure('json-syntax', `"," or "${top.kind === 'object' ? '}' : ']'}" expected.`, i);
      }
    }
    skipTrivia();
    if (i < n) throw new ParseFailure('json-syntax', 'Unexpected content after the end of the JSON document.', i);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    report(e.code, 'error', e.message, Math.min(e.offset, n));
    return { value: undefined, text, hadBom, hadComments, diagnostics, locate: () => undefined, span: () => undefined, position: (o) => lines.position(o), pointerAt: () => undefined, pointerContaining: () => '' };
  }
  if (!haveRoot) root = undefined;

  const rootValue = root;
  function locate(pointer: string, options: { key?: boolean } = {}): Position | undefined {
    const segments = decodePointer(pointer);
    let node: unknown = rootValue;
    let offset = 0;
    let keyOffset: number | undefined;
    if (node && typeof node === 'object') offset = positions.get(node)?.start ?? 0;
    for (const seg of segments) {
      if (!node || typeof node !== 'object') break;
      const pos = positions.get(node);
      if (!pos) break;
      if (Array.isArray(node)) {
        const idx = Number(seg);
        const o = pos.items?.[idx];
        if (o === undefined) break;
        offset = o;
        keyOffset = undefined;
        node = node[idx];
      } else {
        const k = pos.keyNames ? lastKeyIndex(pos, seg) : -1;
        if (k < 0) break;
        keyOffset = pos.keyOffsets![2 * k];
        offset = pos.keyOffsets![2 * k + 1];
        node = (node as Record<string, unknown>)[seg];
      }
    }
    return lines.position(options.key && keyOffset !== undefined ? keyOffset : offset);
  }

  function span(pointer: string): [number, number] | undefined {
    let node: unknown = rootValue;
    for (const seg of decodePointer(pointer)) {
      if (!node || typeof node !== 'object') return undefined;
      node = Array.isArray(node) ? node[Number(seg)] : (node as Record<string, unknown>)[seg];
    }
    if (!node || typeof node !== 'object') return undefined;
    const pos = positions.get(node);
    return pos?.end !== undefined ? [pos.start, pos.end] : undefined;
  }

  /**
   * The last child of a container whose text starts at or before `offset` (by its value's start, or with
   * `byName` by its property name's), found by binary search; -1 when none does.
   */
  function childBefore(pos: ContainerPos, offset: number, byName: boolean): number {
    const starts = pos.items ?? pos.keyOffsets!;
    const stride = pos.items ? 1 : 2;
    const first = pos.items || byName ? 0 : 1;
    let lo = 0;
    let hi = starts.length / stride - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid * stride + first] <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k;
  }

  /** Child k of a container, with its pointer; undefined for a duplicate's earlier occurrence (not in the tree). */
  function child(node: unknown, pos: ContainerPos, k: number, pointer: string): { node: unknown; pointer: string } | undefined {
    if (pos.items) return { node: (node as unknown[])[k], pointer: `${pointer}/${k}` };
    const name = pos.keyNames![k];
    if (lastKeyIndex(pos, name) !== k) return undefined;
    return { node: (node as Record<string, unknown>)[name], pointer: `${pointer}/${escapeSegment(name)}` };
  }

  /** Descends from the root to the value that starts at `offset`: a binary search per level, no index. */
  function pointerAt(offset: number): string | undefined {
    let at: { node: unknown; pointer: string } | undefined = { node: rootValue, pointer: '' };
    for (let depth = 0; at && depth <= maxDepth; depth++) {
      const pos = at.node !== null && typeof at.node === 'object' ? positions.get(at.node) : undefined;
      if (!pos) return undefined;
      if (pos.start === offset) return at.pointer;
      if (offset < pos.start || (pos.end !== undefined && offset >= pos.end)) return undefined;
      const k = childBefore(pos, offset, false);
      if (k < 0) return undefined;
      at = child(at.node, pos, k, at.pointer);
      if (at && (pos.items ? pos.items[k] : pos.keyOffsets![2 * k + 1]) === offset) return at.pointer;
    }
    return undefined;
  }

  function pointerContaining(offset: number): string {
    let at = { node: rootValue, pointer: '' };
    for (let depth = 0; depth <= maxDepth; depth++) {
      const pos = at.node !== null && typeof at.node === 'object' ? positions.get(at.node) : undefined;
      if (!pos || offset < pos.start || (pos.end !== undefined && offset >= pos.end)) return at.pointer;
      // A child's text runs from its name (or its value, in an array) to where the next child starts.
      const k = childBefore(pos, offset, true);
      const next = k < 0 ? undefined : child(at.node, pos, k, at.pointer);
      if (!next) return at.pointer;
      at = next;
    }
    return at.pointer;
  }

  return { value: rootValue, text, hadBom, hadComments, diagnostics, locate, span, position: (o) => lines.position(o), pointerAt, pointerContaining };
}
