// `offerkit inspect <app.zip>`: entries with sizes and sha256, and every reason the zip is unsafe or incomplete.

import { UserError } from '../../diagnostics.js';
import { inspectPackageFile } from '../../package/inspect-package.js';
import { oneLine } from '../../format/terminal-safe.js';
import { exitCodeFor, out, printDiagnostics } from '../output.js';

/** The command line of `offerkit inspect` as yargs parses it (declared here, used by commands/inspect.cts). */
export interface InspectArgs {
  zip: string;
  json: boolean;
}

export async function runInspect(argv: InspectArgs): Promise<number> {
  const r = await inspectPackageFile(argv.zip, argv.zip);
  // Nothing was read: no listing, only why (a usage error, like any path that cannot be read).
  if (!r.readable) throw new UserError(r.diagnostics, 2);
  if (argv.json) {
    printDiagnostics(r.diagnostics, { json: true, extra: { file: r.file, size: r.size, sha256: r.sha256, entries: r.entries } });
  } else {
    out(`${oneLine(r.file)}  ${r.size} bytes  sha256 ${r.sha256}\n`);
    for (const e of r.entries) out(`  ${String(e.size).padStart(10)}  ${String(e.compressedSize).padStart(10)}  ${e.sha256 ?? '(not read)'.padEnd(64)}  ${oneLine(e.name)}\n`);
    out('\n');
    printDiagnostics(r.diagnostics, { files: [r.file] });
  }
  return exitCodeFor(r.diagnostics);
}

export { runCommand } from '../output.js';
