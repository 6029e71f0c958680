// A property's value must be of the kind Azure's resource type gives it (string, integer, boolean, object,
// array); a warning, since providers' specifications are not perfect and some providers convert.

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-property-type',
  bicep: ['BCP036'],
  description:
    "A property's value must be of the kind Azure's resource type gives it: a string, an integer, a boolean, an object or an array. Literals are checked, and expressions whose kind is certain: a parameter's allowed values or declared type, a variable's value, a function that always returns one kind (equals() is a boolean).",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-property-type');
  },
});
