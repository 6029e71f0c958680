import { textOf } from '../../src/util/text-of.js';
// The expression language of CI files, as far as our recipes use it: GitHub Actions' `${{ … }}` and `if:`
// (contexts such as inputs.max-warnings or steps.offerkit.outputs.exit-code, ! == != && || and calls such as
// always()) and Azure Pipelines' conditions (and(), eq(), startsWith(variables['Build.SourceBranch'], 'refs/tags/')).
// String comparison ignores case in both, as theirs does.

export type Value = string | number | boolean | null | { [k: string]: Value } | Value[] | undefined;
export type Functions = Record<string, (...args: Value[]) => Value>;

interface Token { t: 'str' | 'num' | 'id' | 'op' | 'punc'; v: string }

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in: ${src}`);
        if (src[i] === "'" && src[i + 1] === "'") {
          s += "'";
          i += 2;
        }
        else if (src[i] === "'") break;
        else s += src[i++];
      }
      i++;
      out.push({ t: 'str', v: s });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+/.exec(src.slice(i))![0];
      out.push({ t: 'num', v: m });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))![0];
      out.push({ t: 'id', v: m });
      i += m.length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '&&', '||', '<=', '>='].includes(two)) {
        out.push({ t: 'op', v: two });
        i += 2;
      } else if ('!<>'.includes(c)) {
        out.push({ t: 'op', v: c });
        i++;
      } else if ('().,[]'.includes(c)) {
        out.push({ t: 'punc', v: c });
        i++;
      }
      else throw new Error(`unexpected ${c} in: ${src}`);
    }
  }
  return out;
}

/** GitHub's ==: same types compare directly (strings ignoring case); different types compare as numbers (null and '' are 0). */
export function equals(a: Value, b: Value): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x === typeof y && (x === null || typeof x !== 'object')) return typeof x === 'string' ? x.toLowerCase() === (y as string).toLowerCase() : x === y;
  const num = (v: Value) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : NaN);
  return num(x) === num(y);
}

export function truthy(v: Value): boolean {
  return !(v === undefined || v === null || v === false || v === '' || v === 0);
}

function get(obj: Value, key: string): Value {
  if (obj === null || obj === undefined || typeof obj !== 'object') return undefined;
  if (Array.isArray(obj)) return obj[Number(key)];
  const hit = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
  return hit === undefined ? undefined : obj[hit];
}

export function evaluate(src: string, contexts: Record<string, Value>, functions: Functions): Value {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const take = (v?: string) => {
    const t = tokens[p++];
    if (!t || (v !== undefined && t.v !== v)) throw new Error(`expected ${v ?? 'more'} in: ${src}`);
    return t;
  };
  const primary = (): Value => {
    const t = take();
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'op' && t.v === '!') return !truthy(primary());
    if (t.t === 'punc' && t.v === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t.t !== 'id') throw new Error(`unexpected ${t.v} in: ${src}`);
    if (t.v === 'true') return true;
    if (t.v === 'false') return false;
    if (t.v === 'null') return null;
    let v: Value;
    if (peek()?.v === '(') {
      take('(');
      const args: Value[] = [];
      while (peek()?.v !== ')') {
        args.push(or());
        if (peek()?.v === ',') take(',');
      }
      take(')');
      const fn = Object.entries(functions).find(([k]) => k.toLowerCase() === t.v.toLowerCase())?.[1];
      if (!fn) throw new Error(`unknown function ${t.v}() in: ${src}`);
      v = fn(...args);
    } else {
      if (!Object.keys(contexts).some((k) => k.toLowerCase() === t.v.toLowerCase())) throw new Error(`unknown context ${t.v} in: ${src}`);
      v = get(contexts, t.v);
    }
    for (;;) {
      if (peek()?.v === '.') {
        take('.');
        v = get(v, take().v);
      } else if (peek()?.v === '[') {
        take('[');
        const k = or();
        take(']');
        v = get(v, textOf(k));
      } else return v;
    }
  };
  const comparison = (): Value => {
    let a = primary();
    while (peek()?.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(peek().v)) {
      const op = take().v;
      const b = primary();
      a = op === '==' ? equals(a, b) : op === '!=' ? !equals(a, b) : op === '<' ? Number(a) < Number(b) : op === '>' ? Number(a) > Number(b) : op === '<=' ? Number(a) <= Number(b) : Number(a) >= Number(b);
    }
    return a;
  };
  const and = (): Value => {
    let a = comparison();
    while (peek()?.v === '&&') {
      take();
      const b = comparison();
      a = truthy(a) ? b : a;
    }
    return a;
  };
  const or = (): Value => {
    let a = and();
    while (peek()?.v === '||') {
      take();
      const b = and();
      a = truthy(a) ? a : b;
    }
    return a;
  };
  const v = or();
  if (p !== tokens.length) throw new Error(`unexpected ${tokens[p].v} in: ${src}`);
  return v;
}

/** `${{ expr }}` occurrences in a string replaced by their values (GitHub Actions). */
export function interpolate(text: string, contexts: Record<string, Value>, functions: Functions): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, e: string) => {
    const v = evaluate(e, contexts, functions);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export const sharedFunctions: Functions = {
  startsWith: (a, b) => textOf(a ?? '').toLowerCase().startsWith(textOf(b ?? '').toLowerCase()),
  endsWith: (a, b) => textOf(a ?? '').toLowerCase().endsWith(textOf(b ?? '').toLowerCase()),
  contains: (a, b) => (Array.isArray(a) ? a.some((x) => equals(x, b)) : textOf(a ?? '').toLowerCase().includes(textOf(b ?? '').toLowerCase())),
};

/** Does a filter pattern of `on.push.tags` / `trigger.tags.include` (*, **, ?) match a name? */
export function refPatternMatches(pattern: string, name: string): boolean {
  // eslint-disable-next-line no-control-regex -- NUL marks "**" while the pattern is rewritten
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '.').replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`).test(name);
}
