// ARM template language expressions (`[concat('a', parameters('b'))]`): recognising them, parsing them
// into a small syntax tree, and the queries rules ask of them (which functions are called, which
// parameters and variables are referenced). Also used for createUiDefinition expressions, whose syntax
// is the same plus lambdas: `filter(list, (item) => contains(item.name, 'abc'))` (Microsoft's
// createUiDefinition collection functions: https://learn.microsoft.com/azure/azure-resource-manager/managed-applications/create-ui-definition-collection-functions).

export type ExprNode =
  | { kind: 'call'; name: string; args: ExprNode[]; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'literal'; value: boolean | null; start: number; end: number }
  | { kind: 'member'; object: ExprNode; property: string; start: number; end: number }
  | { kind: 'index'; object: ExprNode; index: ExprNode; start: number; end: number }
  /** `(a, b) => body` or `a => body`, an argument of map(), filter() and the like. */
  | { kind: 'lambda'; params: string[]; body: ExprNode; start: number; end: number }
  /** A lambda's parameter, read inside its body. */
  | { kind: 'variable'; name: string; start: number; end: number };

/** A string ARM evaluates: starts with `[` and ends with `]`, and is not escaped with `[[`. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 2 && value.startsWith('[') && value[1] !== '[' && value.endsWith(']');
}

/** The literal text of an escaped string (`[[x]` → `[x]`), or the string itself. */
export function unescapeLiteral(value: string): string {
  return value.startsWith('[[') && value.endsWith(']') ? value.slice(1) : value;
}

export class ExpressionSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const NUMBER = /-?\d+(\.\d+)?/y;
const NAME = /[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)?/y;
const PROPERTY = /[A-Za-z_$][\w$-]*/y;
const IDENTIFIER = /[A-Za-z_][\w]*/y;

/** What `\s` matches, without a regular expression per character. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** Parse the inside of `[ … ]` (pass the whole string; brackets are stripped when present). */
export function parseExpression(source: string): ExprNode {
  let text = source.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  const fail = (message: string): never => {
    throw new ExpressionSyntaxError(message, i);
  };
  /** Lambda parameters in scope, innermost last. */
  const params: string[] = [];
  const identifierAt = (at: number): string | undefined => {
    IDENTIFIER.lastIndex = at;
    return IDENTIFIER.exec(text)?.[0];
  };
  const arrowAt = (at: number): number => {
    let k = at;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    return text.startsWith('=>', k) ? k + 2 : -1;
  };

  /** `(a, b) => body` from an opening parenthesis, or `a => body`; undefined when none starts at i. */
  function lambda(): ExprNode | undefined {
    const start = i;
    const names: string[] = [];
    let k = i;
    if (text[k] === '(') {
      k++;
      for (;;) {
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        if (text[k] === ')' && !names.length) break;
        const name = identifierAt(k);
        if (!name) return undefined;
        names.push(name);
        k += name.length;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        if (text[k] === ',') {
          k++;
          continue;
        }
        break;
      }
      if (text[k] !== ')') return undefined;
      k++;
    } else {
      const name = identifierAt(k);
      if (!name) return undefined;
      names.push(name);
      k += name.length;
    }
    const after = arrowAt(k);
    if (after < 0) return undefined;
    i = after;
    params.push(...names);
    const body = expression();
    params.splice(params.length - names.length, names.length);
    return { kind: 'lambda', params: names, body, start, end: body.end };
  }

  function primary(): ExprNode {
    ws();
    const start = i;
    const c = text[i];
    if (c === '(' || (c !== undefined && /[A-Za-z_]/.test(c) && arrowAt(i + (identifierAt(i)?.length ?? 0)) >= 0)) {
      const fn = lambda();
      if (fn) return fn;
      if (c === '(') fail('a lambda `(name) => expression` expected after "("');
    }
    if (c === "'") {
      i++;
      let value = '';
      for (;;) {
        const q = text.indexOf("'", i);
        if (q < 0) {
          i = n;
          fail('unterminated string literal');
        }
        value += text.slice(i, q);
        i = q + 1;
        // '' inside a literal is one quote
        if (text[i] !== "'") break;
        value += "'";
        i++;
      }
      return { kind: 'string', value, start, end: i };
    }
    if (c !== undefined && /[-0-9]/.test(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail('invalid number');
      i += m![0].length;
      return { kind: 'number', value: Number(m![0]), start, end: i };
    }
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail(i >= n ? 'unexpected end of expression' : `unexpected character ${JSON.stringify(text[i])}`);
    const name = m![0];
    i += name.length;
    ws();
    if (text[i] !== '(') {
      // A lambda parameter, perhaps followed by a property the name pattern took in (`item.name`).
      const head = name.split('.')[0];
      if (params.includes(head)) {
        i = start + head.length;
        return { kind: 'variable', name: head, start, end: i };
      }
      const lower = name.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true', start, end: i };
      if (lower === 'null') return { kind: 'literal', value: null, start, end: i };
      fail(`"(" expected after function name "${name}"`);
    }
    i++;
    const args: ExprNode[] = [];
    ws();
    if (text[i] === ')') {
      i++;
    } else {
      for (;;) {
        args.push(expression());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ')') {
          i++;
          break;
        }
        fail(i >= n ? `")" expected to close "${name}("` : `"," or ")" expected in arguments of "${name}"`);
      }
    }
    return { kind: 'call', name, args, start, end: i };
  }

  function expression(): ExprNode {
    let node = primary();
    for (;;) {
      ws();
      if (text[i] === '.') {
        i++;
        ws();
        PROPERTY.lastIndex = i;
        const m = PROPERTY.exec(text);
        if (!m) fail('property name expected after "."');
        i += m![0].length;
        node = { kind: 'member', object: node, property: m![0], start: node.start, end: i };
      } else if (text[i] === '[') {
        i++;
        const index = expression();
        ws();
        if (text[i] !== ']') fail('"]" expected');
        i++;
        node = { kind: 'index', object: node, index, start: node.start, end: i };
      } else {
        return node;
      }
    }
  }

  const root = expression();
  ws();
  if (i < n) fail(`unexpected ${JSON.stringify(text.slice(i, i + 10))} after the end of the expression`);
  return root;
}

/** Parse, or undefined when the text is not a valid expression. */
export function tryParseExpression(source: string): ExprNode | undefined {
  if (parsed.has(source)) return parsed.get(source);
  let tree: ExprNode | undefined;
  try {
    tree = parseExpression(source);
  } catch {
    tree = undefined;
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(source, tree);
  return tree;
}

/**
 * Parsed expressions by source: several rules parse the same strings of a template. The trees are shared,
 * so callers only read them. Bounded: cleared when full.
 */
const parsed = new Map<string, ExprNode | undefined>();
const PARSED_MAX = 20_000;

/** Every node of the tree, depth first. */
export function* walkExpression(node: ExprNode): Generator<ExprNode> {
  yield node;
  switch (node.kind) {
    case 'call':
      for (const a of node.args) yield* walkExpression(a);
      break;
    case 'member':
      yield* walkExpression(node.object);
      break;
    case 'index':
      yield* walkExpression(node.object);
      yield* walkExpression(node.index);
      break;
    case 'lambda':
      yield* walkExpression(node.body);
      break;
  }
}

/** Function calls in the tree (names compared case-insensitively by callers). */
export function calls(node: ExprNode): Extract<ExprNode, { kind: 'call' }>[] {
  return [...walkExpression(node)].filter((n): n is Extract<ExprNode, { kind: 'call' }> => n.kind === 'call');
}

/** Names passed as a literal first argument to `fn` (e.g. fn = 'parameters'). */
export function referencedNames(node: ExprNode, fn: string): string[] {
  const out: string[] = [];
  for (const c of calls(node)) {
    if (c.name.toLowerCase() === fn && c.args[0]?.kind === 'string') out.push(c.args[0].value);
  }
  return out;
}

/** If the expression is exactly `fn('name')` (e.g. `[parameters('location')]`), the name. */
export function simpleReference(value: unknown, fn: string): string | undefined {
  if (!isExpression(value)) return undefined;
  const node = tryParseExpression(value);
  if (node?.kind === 'call' && node.name.toLowerCase() === fn && node.args.length === 1 && node.args[0].kind === 'string') {
    return node.args[0].value;
  }
  return undefined;
}
