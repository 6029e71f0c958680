// Everything `offerkit init` loads, behind one module (bundled by the build).

export { out, runCommand } from '../output.js';
export { initOffer } from '../../init/init-offer.js';
