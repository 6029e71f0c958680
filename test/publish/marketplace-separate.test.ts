// The marketplace suite where promotion to live makes a separate submission to the live target.

import { marketplaceSuite } from './marketplace-suite.js';

marketplaceSuite('separate');
