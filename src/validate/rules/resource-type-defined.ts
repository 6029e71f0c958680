// A resource's type and api-version must be ones Azure defines, and a type Azure only lets one read must not be
// deployed. Facts: Azure's resource types as generated for Bicep (schemas/arm-types/, README "Azure's resource
// types"); ARM refuses an unknown type or version with InvalidResourceType / NoRegisteredProviderFound
// (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-register-resource-provider).

import { defineRule } from '../rule.js';
import { reportTypeBreaches } from './resource-types.js';

export default defineRule({
  id: 'resource-type-defined',
  bicep: ['BCP081', 'BCP245'],
  description:
    "Each resource's type and apiVersion must be one Azure's specifications define (the provider namespace, the type, the version), and a type they define only for reading (no create or update) can only be referred to as existing. Checked offline against Azure's resource types; a version missing from them that the provider cache (--provider-cache) lists is a note instead.",
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    reportTypeBreaches(ctx, 'resource-type-defined');
  },
});
