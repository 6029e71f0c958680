// Where offerkit's Partner Center requests knowingly differ from the v1 ingestion swagger, because the
// recorded exchanges or Microsoft's own clients for managed-application offers send something the swagger
// does not describe. Rule for the order of trust: recorded exchanges, then the newest Microsoft client, then
// the swagger. scripts/derive-partner-center-schema.ts applies this list to the swagger's schemas to make
// schemas/partner-center.schema.json, the contract every request body is checked against before it is sent.

export interface ContractDeparture {
  /** The request resource type (resourceType) the departure applies to. */
  resourceType: string;
  /** The property (top level of the request body). */
  property: string;
  /** What offerkit sends instead of (or besides) the swagger's definition: a JSON Schema. */
  schema: Record<string, unknown>;
  /** Why: where Microsoft's own traffic or clients show the service takes it. */
  evidence: string;
}

export const PARTNER_CENTER_DEPARTURES: ContractDeparture[] = [
  {
    resourceType: 'AzureManagedApplicationPackageConfiguration',
    property: 'allowedDataActions',
    schema: { type: 'array', items: { type: 'string' } },
    evidence: "microsoft/az-partner-center-cli sends the locking policy's data actions apart from allowedCustomerActions (managed_apps/confs/variant/package.py); the swagger's model lacks the field.",
  },
  {
    resourceType: 'AzureManagedApplicationPackageConfiguration',
    property: 'deploymentMode',
    schema: { type: 'string', enum: ['Incremental', 'Complete'] },
    evidence: 'Both Microsoft clients set the deployment mode of a managed-application plan (az-partner-center-cli package.py, partnercenter-cli-extension plan_technicalconfiguration_client.py); the swagger lacks it.',
  },
  {
    resourceType: 'AzureManagedApplicationPackageConfiguration',
    property: 'publisherManagementMode',
    schema: { type: 'string' },
    evidence: 'partnercenter-cli-extension reads it from the live package configuration and writes it back (plan_technicalconfiguration_client.py).',
  },
  {
    resourceType: 'AzureManagedApplicationPackageConfiguration',
    property: 'customerAccessEnableState',
    schema: { type: 'string' },
    evidence: 'partnercenter-cli-extension reads it from the live package configuration and writes it back (plan_technicalconfiguration_client.py).',
  },
  {
    resourceType: 'AzureSkuVariant',
    property: 'SubType',
    schema: { type: 'string', enum: ['managed-application', 'solution-template'] },
    evidence: 'The recorded exchange test_managed_app_creation.yaml creates a managed-application plan with "SubType" in the request body and the service answers with subType: it binds property names without regard to case. offerkit sends subType, the name the service answers with.',
  },
  {
    resourceType: 'AzureSkuVariant',
    property: 'subType',
    schema: { type: 'string', enum: ['managed-application', 'solution-template'] },
    evidence: 'The recorded answer to that request names it subType; partnercenter-cli-extension tells managed-application plans apart by it (offer_submission_client.py). A merged PUT of the plan sends it back.',
  },
  {
    resourceType: 'AzureSkuVariant',
    property: 'certificationsAzureGovernment',
    schema: { type: 'array' },
    evidence: 'The recorded answer to a plan creation (test_managed_app_creation.yaml) carries certificationsAzureGovernment where the swagger says azureGovernmentCertifications. A merged PUT of the plan sends it back.',
  },
  {
    resourceType: 'ProductAvailability',
    property: 'audiences',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'values'],
        properties: { type: { type: 'string', enum: ['PreviewMarketplaceGroup'] }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
    evidence: 'az-partner-center-cli sets the preview audience as audiences: [{type: PreviewMarketplaceGroup, values: [subscription ids]}] (managed_apps/confs/product_availability.py); the swagger types each item as a bare list of strings.',
  },
];
