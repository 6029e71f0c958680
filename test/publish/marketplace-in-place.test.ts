// The marketplace suite where the promoted preview submission itself, same id and target, reaches InStore.

import { marketplaceSuite } from './marketplace-suite.js';

marketplaceSuite('in-place');
