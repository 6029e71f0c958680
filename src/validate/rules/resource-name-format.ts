// A resource's name must have one segment per type below the namespace, and its own segment the length, the
// pattern or the fixed value Azure's resource type gives it (a storage account: 3 to 24 lower-case letters and
// digits; a blob service: "default"). Segments: Microsoft's "Resolve errors for resource name and type
// mismatch" (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-invalid-name-segments).

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-name-format',
  bicep: ['BCP332', 'BCP333'],
  description:
    "A resource's name, where it can be known before deployment (a literal, or a format()/concat() whose parts are known), must have one segment per level of its type, and its own segment must be a value the type allows: within its length (an error), matching the pattern Azure's specification gives (a warning: patterns are less exact than lengths), or the fixed name (\"default\") a singleton child must have.",
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-name-format');
  },
});
