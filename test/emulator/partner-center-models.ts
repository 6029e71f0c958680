// The shapes the Partner Center emulator accepts: for each resource type of the submission API v1, the JSON
// property names its models define (as Microsoft's published client models list them in their attribute
// maps, ../shared/reference/partner-center/model-docs), plus the few that live responses were seen to carry.
// A request naming any other property is refused, as a strict service would; this is what keeps offerkit
// from sending fields Partner Center does not know.

const COMMON = ['resourceType', 'id', 'ID', '@odata.etag'];

export const KNOWN_FIELDS: Record<string, string[]> = {
  AzureApplication: [...COMMON, 'name', 'externalIDs', 'externalIds', 'isModularPublishing', 'offerMarketingUrlIdentifier'],
  AzureListing: [...COMMON, 'languageCode', 'title', 'description', 'shortDescription', 'publisherName', 'keywords', 'productDisplayName', 'summary', 'listingUris', 'listingContacts', 'accessInformation', 'gettingStartedInstructions', 'allowOnlyManagedDiskDeployments', 'compatibleProducts'],
  ListingImage: [...COMMON, 'fileName', 'type', 'fileSasUri', 'state', 'description', 'order'],
  AzureProperty: [...COMMON, 'industries', 'categories', 'additionalCategories', 'submissionVersion', 'hideKeys', 'productTags', 'appVersion', 'useEnterpriseContract', 'termsOfUse', 'marketingOnlyChange', 'globalAmendmentTerms', 'customAmendments'],
  ProductAvailability: [...COMMON, 'visibility', 'enterpriseLicensing', 'emailAudiences', 'subscriptionAudiences', 'hideKeyAudience'],
  FeatureAvailability: [...COMMON, 'visibility', 'marketStates', 'properties', 'trial', 'tenantAudiences', 'subscriptionAudiences', 'priceSchedules', 'customMeters', 'isHidden'],
  AzureSkuVariant: [...COMMON, 'extendedProperties', 'state', 'friendlyName', 'conversionPaths', 'leadGenID', 'externalID', 'referenceVariantID', 'azureGovernmentCertifications', 'cloudAvailabilities', 'subType', 'SubType', 'certificationsAzureGovernment'],
  AzureApplicationPackage: [...COMMON, 'state', 'isEmpty', 'fileName', 'fileSasUri', 'fileSize', 'validationItems', 'publishTargets', 'isCertified'],
  // Documented fields, and three that Partner Center's own CLI extension reads from live responses.
  AzureManagedApplicationPackageConfiguration: [...COMMON, 'version', 'allowJitAccess', 'canEnableCustomerActions', 'allowedCustomerActions', 'publicAzureTenantID', 'publicAzureAuthorizations', 'azureGovernmentTenantID', 'azureGovernmentAuthorizations', 'policies', 'packageReferences', 'deploymentMode', 'publisherManagementMode', 'customerAccessEnableState'],
  SubmissionCreationRequest: ['resourceType', 'targets', 'resources', 'variantResources', 'publishOption', 'extendedProperties'],
  BaseLeadConfiguration: ['resourceType', 'dailyDigestEmailContacts', 'contactEmail'],
  HttpsEndpointLeadConfiguration: ['resourceType', 'dailyDigestEmailContacts', 'contactEmail', 'httpsEndpointUri'],
};

/** Nested shapes, checked where they appear. */
export const NESTED_FIELDS: Record<string, { fields: string[] }> = {
  listingUris: { fields: ['type', 'subtype', 'displayText', 'uri'] },
  listingContacts: { fields: ['type', 'email', 'name', 'phone', 'uri'] },
  marketStates: { fields: ['marketCode', 'state'] },
  priceSchedules: { fields: ['isBaseSchedule', 'marketCodes', 'friendlyName', 'schedules'] },
  schedules: { fields: ['retailPrice', 'pricingModel', 'priceCadence', 'pricingUnits', 'dateTimeRange'] },
  retailPrice: { fields: ['priceTierID', 'openPrice', 'currencyCode'] },
  priceCadence: { fields: ['type', 'value'] },
  pricingUnits: { fields: ['name', 'unitType', 'isUnlimitedUnit', 'lowerUnit', 'upperUnit'] },
  customMeters: { fields: ['isEnabled', 'ID', 'uniqueID', 'displayName', 'unitOfMeasure', 'priceInUsd', 'includedBaseQuantities'] },
  includedBaseQuantities: { fields: ['recurringUnit', 'isInfinite', 'quantity'] },
  subscriptionAudiences: { fields: ['ID', 'description'] },
  publicAzureAuthorizations: { fields: ['principalID', 'roleDefinitionID'] },
  policies: { fields: ['policyName', 'policyDefinitionID', 'policyParameters', 'policySku'] },
  packageReferences: { fields: ['type', 'value'] },
  publishOption: { fields: ['releaseTimeInUtc', 'isManualPublish', 'isAutoPromote', 'certificationNotes'] },
  variantResources: { fields: ['variantID', 'resources'] },
};

const TYPES: Record<string, 'string' | 'boolean' | 'array' | 'number' | 'object'> = {
  title: 'string', description: 'string', shortDescription: 'string', summary: 'string', keywords: 'array', listingUris: 'array', listingContacts: 'array',
  categories: 'array', termsOfUse: 'string', useEnterpriseContract: 'boolean', subscriptionAudiences: 'array', visibility: 'string', isHidden: 'boolean',
  marketStates: 'array', priceSchedules: 'array', customMeters: 'array', version: 'string', allowJitAccess: 'boolean', canEnableCustomerActions: 'boolean',
  allowedCustomerActions: 'array', publicAzureTenantID: 'string', publicAzureAuthorizations: 'array', policies: 'array', packageReferences: 'array',
  deploymentMode: 'string', friendlyName: 'string', externalID: 'string', fileName: 'string', state: 'string', order: 'number', openPrice: 'number', priceInUsd: 'number',
};

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Why a request body does not fit the resource type, or undefined when it does. */
export function checkBody(resourceType: string, body: Record<string, unknown>): string | undefined {
  const known = KNOWN_FIELDS[resourceType];
  if (!known) return `resourceType "${resourceType}" is not accepted here`;
  for (const [k, v] of Object.entries(body)) {
    if (!known.includes(k)) return `The property "${k}" does not exist on type ${resourceType}`;
    const want = TYPES[k];
    if (want && v !== null && v !== undefined && typeOf(v) !== want) return `The property "${k}" must be of type ${want}`;
    const problem = checkNested(k, v);
    if (problem) return problem;
  }
  return undefined;
}

function checkNested(key: string, value: unknown): string | undefined {
  const spec = NESTED_FIELDS[key];
  if (!spec || value === null || value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return `Items of "${key}" must be objects`;
    for (const [k, v] of Object.entries(item)) {
      if (!spec.fields.includes(k)) return `The property "${k}" does not exist in "${key}"`;
      const want = TYPES[k];
      if (want && v !== null && v !== undefined && typeOf(v) !== want) return `The property "${key}.${k}" must be of type ${want}`;
      const problem = checkNested(k, v);
      if (problem) return problem;
    }
  }
  return undefined;
}
