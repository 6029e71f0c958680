// The marketplace suite where promotion to live makes a separate submission to the live target: only the
// tests that go live (the rest are the same in either shape and run in marketplace-in-place.test.ts).

import { marketplaceSuite } from './marketplace-suite.js';

marketplaceSuite('separate', 'promotion');
