// The whole marketplace suite where the promoted preview submission itself, same id and target, reaches
// InStore (the shape public evidence shows, and the emulator's default).

import { marketplaceSuite } from './marketplace-suite.js';

marketplaceSuite('in-place');
