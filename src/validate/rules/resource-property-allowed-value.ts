// A property's literal must be one Azure's resource type allows: a value of a closed set, a discriminator
// Azure defines, an integer in range, a string or array of the allowed length.

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-property-allowed-value',
  bicep: ['BCP036', 'BCP088', 'BCP327', 'BCP328', 'BCP332', 'BCP333'],
  description:
    "A property's literal value (or every allowed value of the parameter it is given) must be one Azure's resource type allows: one of a closed set of strings (compared case-insensitively, with a did-you-mean), a discriminator value Azure defines, an integer within its range, a string or an array of the allowed length. Open sets (a string with suggested values) accept any string.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-property-allowed-value');
  },
});
