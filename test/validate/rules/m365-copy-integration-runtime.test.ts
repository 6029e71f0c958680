import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

const viaRuntime = (p: { office365: Record<string, unknown>; destination: Record<string, unknown> }) => {
  p.office365.connectVia = { referenceName: 'Runtime', type: 'IntegrationRuntimeReference' };
  p.destination.connectVia = { referenceName: 'Runtime', type: 'IntegrationRuntimeReference' };
};

ruleTests('m365-copy-integration-runtime', {
  valid: [
    { name: 'the default Azure integration runtime (no connectVia)', template: factoryCopy() },
    { name: 'a regional Azure integration runtime', template: factoryCopy((p) => { viaRuntime(p); p.runtime = { type: 'Managed', typeProperties: { computeProperties: { location: 'West Europe' } } }; }) },
    { name: 'a Synapse workspace without a managed virtual network', template: workspaceCopy({ azureADOnlyAuthentication: true }) },
  ],
  invalid: [
    { name: 'a self-hosted integration runtime', template: factoryCopy((p) => { viaRuntime(p); p.runtime = { type: 'SelfHosted' }; }), errors: [{ message: /The Office 365 linked service Office365LinkedService of CopyFromO365ToBlob runs on the self-hosted integration runtime Runtime/, line: 80, column: 23 }, { message: /The destination linked service Destination .* self-hosted/, line: 101, column: 23 }] },
    { name: 'an Azure integration runtime in a Data Factory managed virtual network', template: factoryCopy((p) => { viaRuntime(p); p.runtime = { type: 'Managed', managedVirtualNetwork: { referenceName: 'default', type: 'ManagedVirtualNetworkReference' }, typeProperties: { computeProperties: { location: 'AutoResolve' } } }; }), errors: [{ message: /runs on the integration runtime Runtime, which is in a managed virtual network/, line: 63, column: 34 }] },
    { name: 'a Synapse workspace with a managed virtual network', template: workspaceCopy({ managedVirtualNetwork: 'default' }), errors: [{ message: /has a managed virtual network, so the integration runtimes its pipelines run on are in it/, line: 183, column: 34 }] },
    { name: 'a Synapse workspace whose managed virtual network a parameter decides', template: workspaceCopy({ managedVirtualNetwork: "[if(parameters('isolated'), 'default', '')]" }), errors: [{ message: /when \[if\(parameters\('isolated'\), 'default', ''\)\] gives "default"/, severity: 'warning', line: 183, column: 34 }] },
  ],
});
