// A property Azure's resource type requires must be set: ARM's preflight or the provider refuses the resource
// without it.

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-property-required',
  bicep: ['BCP035'],
  description:
    "Every property Azure's resource type marks required (at the resource's top level and inside every object it sets, the discriminator of a discriminated object included) must be set. Objects given by an expression that cannot be known before deployment are left alone.",
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-property-required');
  },
});
