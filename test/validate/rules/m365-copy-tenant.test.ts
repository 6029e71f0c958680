import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

ruleTests('m365-copy-tenant', {
  valid: [
    { name: 'both the subscription\'s tenant', template: factoryCopy() },
    { name: 'the publisher\'s multi-tenant application: its servicePrincipalTenantId differs, the data and destination do not', template: factoryCopy((p) => { (p.office365.typeProperties as Record<string, unknown>).servicePrincipalTenantId = '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a'; }) },
    { name: 'tenant() and subscription() name the same tenant', template: workspaceCopy({}, (p) => { (p.destination.typeProperties as Record<string, unknown>).tenant = '[tenant().tenantId]'; }) },
  ],
  invalid: [
    { name: 'the destination in another tenant (a literal tenant ID)', template: factoryCopy((p) => { (p.destination.typeProperties as Record<string, unknown>).tenant = '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a'; }), errors: [{ message: /reads Microsoft 365 data of tenant \[subscription\(\)\.tenantId\] \(Office365LinkedService\) but signs in to its destination Destination in tenant 4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a/, line: 87, column: 21 }] },
    { name: 'the Microsoft 365 data of a parameter\'s tenant (Synapse artifacts)', template: workspaceCopy({}, (p) => { (p.office365.typeProperties as Record<string, unknown>).office365TenantId = "[parameters('customerTenant')]"; }), errors: [{ message: /of tenant \[parameters\('customerTenant'\)\]/, line: 50, column: 25 }] },
  ],
});
