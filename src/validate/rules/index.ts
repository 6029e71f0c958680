// The rule catalogue: every rule offerkit runs, in one list (one file per rule beside this one).

import type { Rule } from '../rule.js';
import adminpasswordShouldNotBeALiteral from './adminpassword-should-not-be-a-literal.js';
import adminusernameShouldNotBeALiteral from './adminusername-should-not-be-a-literal.js';
import allowedValuesShouldActuallyBeAllowed from './allowed-values-should-actually-be-allowed.js';
import apiversionsShouldBeRecentInReferenceFunctions from './apiversions-should-be-recent-in-reference-functions.js';
import apiversionsShouldBeRecent from './apiversions-should-be-recent.js';
import armTemplateLimits from './arm-template-limits.js';
import artifactsParameter from './artifacts-parameter.js';
import commandtoexecuteMustUseProtectedsettingsForSecrets from './commandtoexecute-must-use-protectedsettings-for-secrets.js';
import consentFidelity from './consent-fidelity.js';
import controlsInOutputsMustExist from './controls-in-outputs-must-exist.js';
import createuidefinitionControls from './createuidefinition-controls.js';
import createuidefinitionMustNotHaveBlanks from './createuidefinition-must-not-have-blanks.js';
import createuidefinitionOutputPaths from './createuidefinition-output-paths.js';
import createuidefinitionSchema from './createuidefinition-schema.js';
import createuidefinitionShouldHaveSchema from './createuidefinition-should-have-schema.js';
import credentialConfirmationShouldNotBeHidden from './credential-confirmation-should-not-be-hidden.js';
import customerUsageAttribution from './customer-usage-attribution.js';
import dependsonBestPractices from './dependson-best-practices.js';
import deploymentResourcesMustNotBeDebug from './deployment-resources-must-not-be-debug.js';
import deploymenttemplateLanguage from './deploymenttemplate-language.js';
import deploymenttemplateMustNotContainHardcodedUri from './deploymenttemplate-must-not-contain-hardcoded-uri.js';
import deploymenttemplateSchemaIsCorrect from './deploymenttemplate-schema-is-correct.js';
import dynamicVariableReferencesShouldNotUseConcat from './dynamic-variable-references-should-not-use-concat.js';
import handlerMustBeCorrect from './handler-must-be-correct.js';
import hideexistingMustBeCorrectlyHandled from './hideexisting-must-be-correctly-handled.js';
import idsShouldBeDerivedFromResourceids from './ids-should-be-derived-from-resourceids.js';
import jitAccessOutput from './jit-access-output.js';
import jsonDuplicateKeys from './json-duplicate-keys.js';
import jsonNonstandard from './json-nonstandard.js';
import jsonfilesShouldBeValid from './jsonfiles-should-be-valid.js';
import locationShouldBeInOutputs from './location-should-be-in-outputs.js';
import locationShouldNotBeHardcoded from './location-should-not-be-hardcoded.js';
import managedappLocationFlows from './managedapp-location-flows.js';
import managedappPackageLayout from './managedapp-package-layout.js';
import m365CopyDateFilter from './m365-copy-date-filter.js';
import m365CopyDestinationRole from './m365-copy-destination-role.js';
import m365CopyDestinationSignIn from './m365-copy-destination-sign-in.js';
import m365CopyIntegrationRuntime from './m365-copy-integration-runtime.js';
import m365CopyOutputFormat from './m365-copy-output-format.js';
import m365CopyScope from './m365-copy-scope.js';
import m365CopyTenant from './m365-copy-tenant.js';
import marketplaceListing from './marketplace-listing.js';
import versionReflectsChanges from './version-reflects-changes.js';
import marketplacePlan from './marketplace-plan.js';
import managedidentityextensionMustNotBeUsed from './managedidentityextension-must-not-be-used.js';
import minAndMaxValueAreNumbers from './min-and-max-value-are-numbers.js';
import outputsMustBePresentInTemplateParameters from './outputs-must-be-present-in-template-parameters.js';
import outputsMustNotContainSecrets from './outputs-must-not-contain-secrets.js';
import outputsNoIndirectSecrets from './outputs-no-indirect-secrets.js';
import parameterTypesShouldBeConsistent from './parameter-types-should-be-consistent.js';
import parametersMustBeReferenced from './parameters-must-be-referenced.js';
import parametersWithoutDefaultMustExistInCreateuidefinition from './parameters-without-default-must-exist-in-createuidefinition.js';
import passwordParamsMustBeSecure from './password-params-must-be-secure.js';
import passwordTextboxesMustBeUsedForPasswordParameters from './password-textboxes-must-be-used-for-password-parameters.js';
import passwordboxesMustHaveMinLength from './passwordboxes-must-have-min-length.js';
import policyCompliance from './policy-compliance.js';
import providersApiversionsIsNotPermitted from './providers-apiversions-is-not-permitted.js';
import resourceidsShouldNotContain from './resourceids-should-not-contain.js';
import resourceNameFormat from './resource-name-format.js';
import resourcePropertyAllowedValue from './resource-property-allowed-value.js';
import resourcePropertyKnown from './resource-property-known.js';
import resourcePropertyReadOnly from './resource-property-read-only.js';
import resourcePropertyRequired from './resource-property-required.js';
import resourcePropertyType from './resource-property-type.js';
import resourceTypeDefined from './resource-type-defined.js';
import resourcesShouldHaveLocation from './resources-should-have-location.js';
import resourcesShouldNotBeAmbiguous from './resources-should-not-be-ambiguous.js';
import secureParametersNeverDefaulted from './secure-parameters-never-defaulted.js';
import secureParamsInNestedDeployments from './secure-params-in-nested-deployments.js';
import secureStringParametersCannotHaveDefault from './secure-string-parameters-cannot-have-default.js';
import templateShouldNotContainBlanks from './template-should-not-contain-blanks.js';
import textboxesAreWellFormed from './textboxes-are-well-formed.js';
import tooltipsShouldBePresent from './tooltips-should-be-present.js';
import urisShouldBeProperlyConstructed from './uris-should-be-properly-constructed.js';
import usernamesShouldNotHaveADefault from './usernames-should-not-have-a-default.js';
import textboxDefaultMatchesRegex from './textbox-default-matches-regex.js';
import validationsMustHaveMessage from './validations-must-have-message.js';
import variablesMustBeReferenced from './variables-must-be-referenced.js';
import viewdefinitionSchema from './viewdefinition-schema.js';
import virtualMachinesShouldNotBePreview from './virtual-machines-should-not-be-preview.js';
import vmImagesShouldUseLatestVersion from './vm-images-should-use-latest-version.js';
import vmSizeShouldBeAParameter from './vm-size-should-be-a-parameter.js';
import vmsizesMustMatchTemplate from './vmsizes-must-match-template.js';

export const RULES: readonly Rule[] = [
  adminpasswordShouldNotBeALiteral,
  adminusernameShouldNotBeALiteral,
  allowedValuesShouldActuallyBeAllowed,
  apiversionsShouldBeRecentInReferenceFunctions,
  apiversionsShouldBeRecent,
  armTemplateLimits,
  artifactsParameter,
  commandtoexecuteMustUseProtectedsettingsForSecrets,
  consentFidelity,
  controlsInOutputsMustExist,
  createuidefinitionControls,
  createuidefinitionMustNotHaveBlanks,
  createuidefinitionOutputPaths,
  createuidefinitionSchema,
  createuidefinitionShouldHaveSchema,
  credentialConfirmationShouldNotBeHidden,
  customerUsageAttribution,
  dependsonBestPractices,
  deploymentResourcesMustNotBeDebug,
  deploymenttemplateLanguage,
  deploymenttemplateMustNotContainHardcodedUri,
  deploymenttemplateSchemaIsCorrect,
  dynamicVariableReferencesShouldNotUseConcat,
  handlerMustBeCorrect,
  hideexistingMustBeCorrectlyHandled,
  idsShouldBeDerivedFromResourceids,
  jitAccessOutput,
  jsonDuplicateKeys,
  jsonNonstandard,
  jsonfilesShouldBeValid,
  locationShouldBeInOutputs,
  locationShouldNotBeHardcoded,
  managedappLocationFlows,
  managedappPackageLayout,
  m365CopyDateFilter,
  m365CopyDestinationRole,
  m365CopyDestinationSignIn,
  m365CopyIntegrationRuntime,
  m365CopyOutputFormat,
  m365CopyScope,
  m365CopyTenant,
  marketplaceListing,
  marketplacePlan,
  managedidentityextensionMustNotBeUsed,
  minAndMaxValueAreNumbers,
  outputsMustBePresentInTemplateParameters,
  outputsMustNotContainSecrets,
  outputsNoIndirectSecrets,
  parameterTypesShouldBeConsistent,
  parametersMustBeReferenced,
  parametersWithoutDefaultMustExistInCreateuidefinition,
  passwordParamsMustBeSecure,
  passwordTextboxesMustBeUsedForPasswordParameters,
  passwordboxesMustHaveMinLength,
  policyCompliance,
  providersApiversionsIsNotPermitted,
  resourceidsShouldNotContain,
  resourceNameFormat,
  resourcePropertyAllowedValue,
  resourcePropertyKnown,
  resourcePropertyReadOnly,
  resourcePropertyRequired,
  resourcePropertyType,
  resourceTypeDefined,
  resourcesShouldHaveLocation,
  resourcesShouldNotBeAmbiguous,
  secureParametersNeverDefaulted,
  secureParamsInNestedDeployments,
  secureStringParametersCannotHaveDefault,
  templateShouldNotContainBlanks,
  textboxDefaultMatchesRegex,
  textboxesAreWellFormed,
  tooltipsShouldBePresent,
  urisShouldBeProperlyConstructed,
  usernamesShouldNotHaveADefault,
  validationsMustHaveMessage,
  variablesMustBeReferenced,
  versionReflectsChanges,
  viewdefinitionSchema,
  virtualMachinesShouldNotBePreview,
  vmImagesShouldUseLatestVersion,
  vmSizeShouldBeAParameter,
  vmsizesMustMatchTemplate,
];
