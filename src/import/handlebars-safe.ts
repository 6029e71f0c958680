// A package's JSON template made into a handlebars template that renders back to the same JSON. The text is
// read with a tokenizer that knows every form offerkit's template reader (util/json-source.ts) accepts —
// double- and single-quoted strings with their escapes, `//` and `/* */` comments, unquoted names, BOMs and
// no-break spaces as white space — so a quote inside a comment or a `"` inside a single-quoted string cannot
// flip what counts as a string. What changes, and only in ways the reader gives the same values for:
// - `{{` inside a string: its first brace written `\u007b` (the same string);
// - `{{` in a comment: written `\{{`, handlebars' own escape (the comment renders byte for byte), or `{ {`
//   after a backslash, where handlebars has no escape;
// - a character the template-set loader would change or refuse, inside a string: carriage return as `\r`,
//   other controls, DEL, C1 and the bidi controls as `\uXXXX` escapes (the same string value); in a comment
//   (no value) such a character becomes a space, and a lone carriage return in a `//` comment too (the
//   loader would read it as a line end, ending the comment early).
// Every change but the brace escapes is counted, so the import can say what it did.

export interface SafeJson {
  text: string;
  /** How many `{{` were escaped (in strings and in comments). */
  braces: number;
  /** How many characters of strings were written as escapes (carriage returns, controls, bidi). */
  escaped: number;
  /** How many characters of comments were replaced by a space. */
  commentChars: number;
}

/**
 * C0 controls but tab and line feed (carriage return included), DEL, C1, the bidi embeddings, overrides and
 * isolates: what the template-set loader normalises (CR) or refuses (the rest) in a template's literal text.
 */
function risky(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/** JSON text (as json-source reads it) → handlebars template text that renders to the same JSON values. */
export function handlebarsSafe(text: string): SafeJson {
  const out: string[] = [];
  let braces = 0;
  let escaped = 0;
  let commentChars = 0;
  const n = text.length;
  let i = 0;
  // The text between changes is copied in slices, so a 50 MB template costs one pass and little garbage.
  let from = 0;
  const flush = (to: number) => {
    if (to > from) out.push(text.slice(from, to));
  };
  const replace = (at: number, length: number, by: string) => {
    flush(at);
    out.push(by);
    from = at + length;
  };
  /** `{{` outside a string: handlebars' escape, unless a backslash comes just before (then a space between). */
  const commentBraces = (at: number) => {
    braces++;
    if (text[at - 1] === '\\') replace(at, 2, '{ {');
    else replace(at, 0, '\\');
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // A string, as json-source reads it: to the same quote, `\` escaping the next character.
      const quote = c;
      i++;
      while (i < n && text[i] !== quote) {
        const d = text[i];
        if (d === '\\') {
          i += 2;
          continue;
        }
        if (d === '{' && text[i + 1] === '{') {
          braces++;
          replace(i, 1, '\\u007b');
        } else if (risky(d.charCodeAt(0))) {
          escaped++;
          replace(i, 1, d === '\r' ? '\\r' : `\\u${hex4(d)}`);
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      // To the line feed: json-source ends a `//` comment there and nowhere else.
      i += 2;
      while (i < n && text[i] !== '\n') {
        const d = text[i];
        if (d === '{' && text[i + 1] === '{') {
          commentBraces(i);
          i += 2;
          continue;
        }
        if (risky(d.charCodeAt(0)) && !(d === '\r' && text[i + 1] === '\n')) {
          commentChars++;
          replace(i, 1, ' ');
        }
        i++;
      }
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end;
      for (i += 2; i < stop; i++) {
        const d = text[i];
        if (d === '{' && text[i + 1] === '{') {
          commentBraces(i);
          i++;
          continue;
        }
        if (risky(d.charCodeAt(0)) && d !== '\r') {
          commentChars++;
          replace(i, 1, ' ');
        }
      }
      i = stop + 2;
      continue;
    }
    // Outside strings and comments valid JSON has no `{{`; a stray one is broken the way comments are.
    if (c === '{' && text[i + 1] === '{') {
      commentBraces(i);
      i += 2;
      continue;
    }
    i++;
  }
  flush(n);
  return { text: out.join(''), braces, escaped, commentChars };
}
