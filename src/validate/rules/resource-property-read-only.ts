// A property Azure's resource type marks read-only is set by Azure: a value in a template is ignored or refused.

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-property-read-only',
  bicep: ['BCP073'],
  description: "A property Azure's resource type marks read-only (provisioningState, principalId, a primary endpoint…) must not be set: Azure fills it in and ignores or refuses a value given in the template.",
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-property-read-only');
  },
});
