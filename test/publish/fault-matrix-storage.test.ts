// Faults from Azure Storage at every step of a service-catalog publish (see fault-matrix.ts).

import { faultSuite, STORAGE_ROWS } from './fault-matrix.js';

faultSuite('publish under storage faults: recovers or fails clearly, and a re-run converges', STORAGE_ROWS, 'storage');
