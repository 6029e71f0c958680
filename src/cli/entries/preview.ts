// Everything `offerkit preview` loads, behind one module: the build bundles it into a single file (fewer modules
// to resolve at start-up) and its output helpers share one module instance with the command.

export { runCommand } from '../output.js';
export { runPreview } from '../run-preview.js';
