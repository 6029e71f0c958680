// Everything a command prints goes through here: secrets redacted, every character that could steer a terminal
// or a CI runner shown instead of sent (format/terminal-safe.ts, the one sanitiser), diagnostics formatted as
// asked, exit codes decided in one place (0 ok, 1 findings, 2 usage or internal error).

import { hasErrors, UserError, usageError, type Diagnostic } from '../diagnostics.js';
import { formatJson } from '../format/json.js';
import { formatStylish } from '../format/stylish.js';
import { inertJson, inertText, terminalSafe, type Channel } from '../format/terminal-safe.js';
import { describeFsError, isFsError } from '../fs/fs-errors.js';
import { streamOf } from '../fs/output-file.js';
import { redact } from '../util/redact.js';

export type Format = 'stylish' | 'json' | 'sarif';

/** Set when a report file goes to standard output (`--sarif -`): the command's own output moves to stderr. */
let stdoutTakenBy: string | undefined;
/** Which option took each standard stream for its report. */
const streamsTaken = new Map<string, string>();

/** What a command prints on stdout (`channel` says how it is read: text for people, json, xml, or ci commands). */
export function out(text: string, channel: Channel = 'text'): void {
  const stream = stdoutTakenBy ? process.stderr : process.stdout;
  stream.write(terminalSafe(redact(text), { channel, color: useColor(stream) }));
}

/** What a command says on stderr (progress, hints); `progress` keeps the carriage return of offerkit's own bar. */
export function err(text: string, options: { progress?: boolean } = {}): void {
  process.stderr.write(terminalSafe(redact(text), { color: useColor(process.stderr), carriageReturn: options.progress === true }));
}

/**
 * Report files a command was asked to write, checked before it starts: two may not go to the same stream,
 * and a report on standard output (`-`, `/dev/stdout`) moves the command's own output to stderr, unless
 * that output is itself for machines (`--json`), which would mix two documents on one stream.
 */
export function routeReports(reports: Readonly<Record<string, string | undefined>>, options: { machineOutput?: string } = {}): void {
  for (const [option, path] of Object.entries(reports)) {
    if (typeof path !== 'string') continue;
    const stream = streamOf(path);
    if (!stream) continue;
    const other = streamsTaken.get(stream);
    if (other) throw usageError(`${other} and ${option} both write to standard ${stream === 'stdout' ? 'output' : 'error'}; send one of them to a file.`);
    streamsTaken.set(stream, option);
    if (stream === 'stdout') {
      if (options.machineOutput) throw usageError(`${option} ${path} writes the report to standard output, where ${options.machineOutput} already goes; send one of them to a file.`);
      stdoutTakenBy = option;
    }
  }
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(stream.isTTY);
}

export function printDiagnostics(diagnostics: Diagnostic[], options: { json?: boolean; files?: string[]; extra?: Record<string, unknown> } = {}): void {
  if (options.json) out(formatJson(diagnostics, options.extra), 'json');
  else if (diagnostics.length || options.files?.length) out(formatStylish(diagnostics, { color: useColor(), ...(options.files ? { files: options.files } : {}) }));
}

export function exitCodeFor(diagnostics: Diagnostic[]): 0 | 1 {
  return hasErrors(diagnostics) ? 1 : 0;
}

/**
 * The exit code with --max-warnings (as ESLint's): more warnings than allowed fail the run too, said on stderr
 * (stdout stays the chosen format).
 */
export function exitCodeWithWarnings(diagnostics: Diagnostic[], maxWarnings: number | undefined): 0 | 1 {
  const code = exitCodeFor(diagnostics);
  if (maxWarnings === undefined || code === 1) return code;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings <= maxWarnings) return 0;
  err(`offerkit: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows.\n`);
  return 1;
}

/**
 * Runs a command body; user errors become diagnostics and exit 1/2, anything else is an internal error (2).
 * `exitWhenDone`: end the process once the output is flushed, even if a library left a timer or socket
 * behind (the Azure SDK can keep a per-attempt timeout alive for seconds after a retried request).
 */
export async function runCommand(json: boolean | undefined, body: () => Promise<number>, options: { exitWhenDone?: boolean } = {}): Promise<void> {
  if (options.exitWhenDone) {
    const finish = () => process.stdout.write('', () => process.stderr.write('', () => setTimeout(() => process.exit(), 20).unref()));
    try {
      await runCommand(json, body);
    } finally {
      finish();
    }
    return;
  }
  try {
    process.exitCode = await body();
  } catch (e) {
    if (e instanceof UserError) {
      if (json) out(formatJson(e.diagnostics), 'json');
      else err(formatStylish(e.diagnostics, { color: useColor(process.stderr) }));
      process.exitCode = e.exitCode;
      return;
    }
    if (isFsError(e)) {
      // A file-system failure nobody caught closer: still the user's to fix, with the path named.
      const d = describeFsError(e, e.path ?? '', 'read');
      if (json) out(formatJson([d]), 'json');
      else err(formatStylish([d], { color: useColor(process.stderr) }));
      process.exitCode = 2;
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (json) out(inertJson(JSON.stringify({ error: { code: 'internal-error', message } }, null, 2)) + '\n', 'json');
    else err(`offerkit: internal error: ${inertText(message)}\n${process.env.OFFERKIT_DEBUG ? `${(e as Error).stack ?? ''}\n` : 'Set OFFERKIT_DEBUG=1 for details.\n'}`);
    process.exitCode = 2;
  }
}
