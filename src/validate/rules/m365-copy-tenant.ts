// One tenant: the Microsoft 365 data, the subscription of the factory or workspace and the destination.

import { prop, propPath } from '../../arm/template.js';
import { DESTINATION_STORES, microsoft365Copies, serviceName } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

/** A tenant as a template gives it, compared the way ARM would: expressions without spaces and case, GUIDs lower case. */
const normal = (v: unknown) => textOf(v).replace(/\s+/g, '').toLowerCase().replace(/^\[tenant\(\)\.tenantid\]$/, '[subscription().tenantid]');

export default defineRule({
  id: 'm365-copy-tenant',
  description: 'The Office 365 linked service\'s office365TenantId and the destination linked service\'s tenant must be the same tenant (for a managed application, subscription().tenantId: the customer\'s). The application\'s own servicePrincipalTenantId may differ (a publisher\'s multi-tenant application).',
  source: `"The Azure subscription containing the data factory or Synapse workspace and the sink data store must be under the same Microsoft Entra tenant as Microsoft 365 (Office 365) tenant"; "If you are an ISV developer developing an application for your customers, then office365TenantId will be your customer's (application installer) Microsoft Entra tenant ID and servicePrincipalTenantId will be your company's Microsoft Entra tenant ID" (${CONNECTOR_PAGE}).`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      const seen = new Set<string>();
      for (const copy of microsoft365Copies(file.json.value)) {
        const source = copy.sourceService;
        const dest = copy.destinationService;
        if (!source || !dest || !DESTINATION_STORES.includes(textOf(propPath(dest.node, 'properties.type')).toLowerCase())) continue;
        const m365 = propPath(source.node, 'properties.typeProperties.office365TenantId');
        const tenant = prop(propPath(dest.node, 'properties.typeProperties'), 'tenant');
        if (m365 === undefined || tenant === undefined || seen.has(`${source.pointer} ${dest.pointer}`)) continue;
        seen.add(`${source.pointer} ${dest.pointer}`);
        if (normal(m365) === normal(tenant)) continue;
        ctx.report({
          file,
          pointer: dest.at('properties', 'typeProperties', 'tenant'),
          message: `${copy.name} reads Microsoft 365 data of tenant ${textOf(m365)} (${serviceName(source, file.json.value)}) but signs in to its destination ${serviceName(dest, file.json.value)} in tenant ${textOf(tenant)}; the Microsoft 365 data, the subscription and the destination must be in one tenant.`,
          hint: 'Give both the same tenant: in a managed application, [subscription().tenantId].',
        });
      }
    }
  },
});
