// Everything `offerkit changes` loads, behind one module (bundled by the build).

export { runCommand } from '../output.js';
export { runChanges } from '../run-changes.js';
