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
