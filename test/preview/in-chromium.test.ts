// The preview suites in real browsers, as one test file: mocha gives a file to one worker, so the browsers run
// one after the other in that worker while the other worker runs everything else (test/preview/browser.ts).
// Each *.suite.ts module registers its suite when imported.

import './accessibility.suite.js';
import './next-steps-preview.suite.js';
import './package-preview.suite.js';
import './preview-expressions.suite.js';
import './preview-hostile.suite.js';
import './preview-page.suite.js';
import './preview-wizard.suite.js';
import { runBrowserSuites } from './browser.js';

runBrowserSuites();
