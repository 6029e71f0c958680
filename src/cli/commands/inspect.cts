// offerkit inspect <app.zip>: entries with sizes and sha256, and every reason the zip is unsafe or incomplete.

import type { Argv, ArgumentsCamelCase } from 'yargs';

interface Args {
  zip: string;
  json: boolean;
}

export const command = 'inspect <zip>';
export const describe = 'List the entries of an app.zip with sizes and sha256, and check it is safe and complete';

export function builder(y: Argv): Argv<Args> {
  return y
    .positional('zip', { type: 'string', demandOption: true, describe: 'Path of the package' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' }) as unknown as Argv<Args>;
}

export async function handler(argv: ArgumentsCamelCase<Args>): Promise<void> {
  const { runCommand, out, printDiagnostics, exitCodeFor, inspectPackageFile, UserError } = await import('../entries/inspect.js');
  await runCommand(argv.json, async () => {
    const r = await inspectPackageFile(argv.zip, argv.zip);
    // Nothing was read: no listing, only why (a usage error, like any path that cannot be read).
    if (!r.readable) throw new UserError(r.diagnostics, 2);
    if (argv.json) {
      printDiagnostics(r.diagnostics, { json: true, extra: { file: r.file, size: r.size, sha256: r.sha256, entries: r.entries } });
    } else {
      out(`${r.file}  ${r.size} bytes  sha256 ${r.sha256}\n`);
      for (const e of r.entries) out(`  ${String(e.size).padStart(10)}  ${String(e.compressedSize).padStart(10)}  ${e.sha256 ?? '(not read)'.padEnd(64)}  ${e.name}\n`);
      out('\n');
      printDiagnostics(r.diagnostics, { files: [r.file] });
    }
    return exitCodeFor(r.diagnostics);
  });
}
