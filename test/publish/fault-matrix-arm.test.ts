// Faults from ARM and Entra at every step of a service-catalog publish (see fault-matrix.ts).

import { ARM_ROWS, faultSuite } from './fault-matrix.js';

faultSuite('publish under ARM and Entra faults: recovers or fails clearly, and a re-run converges', ARM_ROWS, 'arm');
