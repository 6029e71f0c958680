// Where offerkit's Partner Center requests knowingly differ from the v1 ingestion swagger, because the
// recorded exchanges or Microsoft's own clients for managed-application offers send something the swagger
// does not describe — and, below, what offerkit still infers about the service's behaviour (README lists both). Rule for the order of trust: recorded exchanges, then the newest Microsoft client, then
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

/**
 * What offerkit assumes about how Partner Center behaves where no Microsoft source says so — and what keeps a
 * publish safe if the assumption is wrong. README's "Still inferred" table lists every entry; a real exchange
 * recorded with `npm run record:partner-center` settles one by becoming a test.
 */
export interface PartnerCenterInference {
  /** The behaviour, in a few words (README's first column). */
  behaviour: string;
  /** What offerkit assumes, and what evidence there is. */
  assumed: string;
  /** What happens if it is wrong. */
  ifWrong: string;
}

export const PARTNER_CENTER_INFERENCES: PartnerCenterInference[] = [
  {
    behaviour: 'A submission being created',
    assumed: 'Right after the POST a submission is InProgress/InDraft while its pendingUpdateInfo (updateType Create) is applied; only the statuses Completed and Failed are on record (navcontainerhelper #3536, Get-AppSourceSubmission), so any other status counts as still running.',
    ifWrong: '--submit follows it only up to --wait-timeout, then says it is still being created; `marketplace status` shows its state as Partner Center gives it.',
  },
  {
    behaviour: "A submission's instances",
    assumed: "The instances a submission names hold what it carries: offerkit reads them for the versions in preview and live and for whether a submission holds this draft. The ids differ from one submission to the next in navcontainerhelper #3536; that they are frozen copies is not on record.",
    ifWrong: 'Only a run that left the draft unchanged asks the question, so a changed draft is always submitted; a run killed after writing and before submitting could then be taken as submitted — `marketplace status` shows the draft and preview versions.',
  },
  {
    behaviour: 'Cancelling a failed certification',
    assumed: 'A submission that failed certification is still InProgress and can be deleted (the swagger: "only inprogress Submission can be deleted"); BcContainerHelper cancels any submission in progress other than Failed before a new one, with -force.',
    ifWrong: 'offerkit says it cancelled it only when Partner Center accepts the DELETE; a refused DELETE is passed over and the POST decides.',
  },
  {
    behaviour: 'One submission at a time',
    assumed: 'A new submission is refused while another is in progress (other than one whose automated validation Failed) or being published; the refusal\'s shape is not on record.',
    ifWrong: 'offerkit reads the submissions before it posts and never relies on the refusal; a refusal it did not foresee is reported with Partner Center\'s words and ids.',
  },
  {
    behaviour: 'A separate live submission',
    assumed: 'Going live may also show as a new live-target submission (Published once live); no public exchange shows it — promotion in place is what Microsoft\'s clients document, and is the emulator\'s default.',
    ifWrong: 'Both shapes are understood; status, go-live --wait and publish --submit are tested against each.',
  },
  {
    behaviour: 'Workflow steps of a managed application',
    assumed: 'Step names and a failed step\'s state are those of AppSource offers (Automated validation, Certification, Preview Creation, Publisher Signoff, Publish; Success on record, "Failed" not).',
    ifWrong: 'offerkit decides from the submission\'s state and substate; step names and states are only shown.',
  },
  {
    behaviour: 'Packages offered back for reading',
    assumed: 'An uploaded package gets a read SAS in fileSasUri, as a listing image does in the recorded exchange (test_marketplace_offer_listing_media.yaml).',
    ifWrong: '`init --from marketplace` asks for the package file (--package) when none is offered.',
  },
];
