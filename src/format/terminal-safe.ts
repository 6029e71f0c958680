// Text from offers and packages reaches terminals and CI logs: control characters (an escape sequence could
// rewrite the screen), bidirectional overrides (could reorder what a reviewer reads) and CI logging commands
// (`##vso[…]` anywhere on a line is obeyed by the Azure Pipelines agent) are shown as visible text instead.

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Controls and bidi marks as `\u{…}`; newlines and tabs kept. */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * `printable`, and CI logging commands broken so that no runner acts on them: Azure Pipelines' `##vso[` and
 * `##[` anywhere, GitHub's `::command::` at the start of a line.
 */
export function inertText(s: string): string {
  return printable(s)
    .replace(/##(vso)?\[/gi, (m) => `# #${m.slice(2)}`)
    .replace(/(^|[\r\n])([ \t]*)::/g, '$1$2: :');
}

/** Text that must stay on one line (a file or entry name): `inertText` with line breaks and tabs shown as `\u{…}` too. */
export function oneLine(s: string): string {
  return inertText(s.replace(/[\r\n\t]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

const JSON_RAW = /[\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text (as JSON.stringify writes it) that no terminal or runner acts on, holding the same data: DEL, the
 * C1 controls and bidi marks JSON.stringify leaves raw become \uXXXX escapes, and `##` (Azure Pipelines'
 * `##vso[` and `##[` are obeyed anywhere on a line) becomes `#\u0023`. Both occur only inside strings, where a
 * JSON reader turns them back into the same characters; a string cannot start a line, so GitHub's `::cmd::`
 * is already inert.
 */
export function inertJson(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/##/g, '#\\u0023');
}

/**
 * How a stream of output is read: `text` for people, `json` and `xml` for machines (escapes that keep every
 * value), `ci` for offerkit's own logging commands (already escaped by their formatter: only controls go).
 */
export type Channel = 'text' | 'json' | 'xml' | 'ci';

// Everything a terminal or a runner could obey or that could reorder what is read: C0 controls but tab and
// newline (so carriage return and escape too), DEL, C1, the bidi marks, embeddings, overrides and isolates,
// and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are shown, not sent
const STEERING = /(\u001b\[[0-9;]{0,12}m)|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
/** The colours offerkit's own formatters paint with (SGR: reset, bold, dim, underline, the 16 colours). */
// eslint-disable-next-line no-control-regex -- the escape that starts a colour code is what this recognises
const OWN_COLOUR = /^\u001b\[(?:(?:0|1|2|4|22|24|39|3[0-7]|9[0-7])(?:;|m))+$/;

const hex4 = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/**
 * The last pass before anything reaches a terminal or a CI log, whatever printed it: every steering character
 * written as `\uXXXX` (in JSON the same value: `\u202E` is how JSON escapes U+202E), `##vso[` and `##[`
 * broken, and `::` at a line's start broken. Only `ci` keeps logging commands, and only `color` keeps the
 * colour codes offerkit's formatters add; `carriageReturn` keeps `\r` for a progress bar offerkit draws.
 */
export function terminalSafe(text: string, o: { channel?: Channel; color?: boolean; carriageReturn?: boolean } = {}): string {
  const channel = o.channel ?? 'text';
  const s = text.replace(STEERING, (m: string, sgr: string | undefined) => {
    if (sgr) return o.color && OWN_COLOUR.test(sgr) ? sgr : `\\u001B${sgr.slice(1)}`;
    if (m === '\r' && o.carriageReturn) return m;
    return `\\u${hex4(m)}`;
  });
  if (channel === 'ci') return s;
  // In JSON a `#` can only stand inside a string, where \u0023 is the same character (inertJson).
  if (channel === 'json') return inertJson(s);
  return s.replace(/##(vso)?\[/gi, (m) => `# #${m.slice(2)}`).replace(/(^|[\n\r])([ \t]*)::/g, '$1$2: :');
}

/** Values echoed in messages are clipped (diagnostics.ts holds it, below every floor that writes a message). */
export { clipped } from '../diagnostics.js';
