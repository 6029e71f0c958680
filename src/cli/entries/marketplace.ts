// Everything `offerkit marketplace` loads, behind one module (bundled by the build).

export { runCommand } from '../output.js';
export { runMarketplace } from '../run-marketplace.js';
