// Everything `offerkit inspect` loads, behind one module (bundled by the build).

export { exitCodeFor, out, printDiagnostics, runCommand } from '../output.js';
export { inspectPackageFile } from '../../package/inspect-package.js';
export { UserError } from '../../diagnostics.js';
