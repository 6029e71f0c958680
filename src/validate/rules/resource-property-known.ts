// A resource's property must be one its type defines at that api-version (with a did-you-mean); a warning,
// since providers' specifications are not perfect and most providers ignore what they do not know.

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-property-known',
  bicep: ['BCP037', 'BCP089'],
  description:
    "Every property of a resource (at any depth, discriminated objects by their discriminator, property copy loops included) must be one Azure's resource type defines for that api-version; a misspelt name is said with the closest known one. Values given through a variable are checked where the variable is written.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-property-known');
  },
});
