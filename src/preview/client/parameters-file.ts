// From the createUiDefinition outputs to an ARM deployment parameters file: each output that names a
// mainTemplate parameter gives its value; a parameter without a default that gets no value (no output, an
// empty value, or an expression the preview could not compute) is listed as missing. Pure: the browser's
// review and `offerkit preview --parameters-out` use the same code.

import { NotEvaluated } from './expressions.js';

/** Output names the managed-application platform consumes itself, not mainTemplate parameters. */
export const PLATFORM_OUTPUTS: Record<string, string> = {
  jitaccesspolicy: 'managed application setting: just-in-time access',
  managedidentity: 'managed application setting: managed identity',
  applicationresourcename: 'managed application setting: application name',
  managedresourcegroupid: 'managed application setting: managed resource group',
};

/** Regions the form offers when neither the package nor the offer restricts them (the portal lists them all). */
export const FALLBACK_REGIONS = ['eastus', 'westus2', 'westeurope', 'northeurope', 'uksouth', 'southeastasia'];

export interface ParametersFile {
  document: { $schema: string; contentVersion: string; parameters: Record<string, { value: unknown }> };
  missing: { name: string; why: string }[];
  /** Secure parameters (securestring, secureobject) the form gives a value: masked or left out, never in clear. */
  secure: string[];
}

/**
 * The subscription and resource group the preview's form runs in, with the properties Microsoft's referencing
 * functions document (subscription(): id, subscriptionId, tenantId, displayName; resourceGroup(): mode, name,
 * location — https://learn.microsoft.com/azure/azure-resource-manager/managed-applications/create-ui-definition-referencing-functions).
 */
export const SAMPLE_SUBSCRIPTION = { id: '/subscriptions/00000000-0000-0000-0000-000000000000', subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: '00000000-0000-0000-0000-000000000000', displayName: 'Contoso subscription (preview)' };
export const sampleResourceGroup = (name: string, location: string) => ({ mode: 'New', name, location, id: `${SAMPLE_SUBSCRIPTION.id}/resourceGroups/${name}` });

/** How a secure parameter's value shows wherever the preview shows values. */
export const MASK = '••••••••';

const isSecure = (type: string) => type.toLowerCase() === 'securestring' || type.toLowerCase() === 'secureobject';

export const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/**
 * The parameters file of the outputs. A secure parameter's value — whatever control gives it, a PasswordBox or a
 * plain TextBox — is never written in clear: `secure: 'mask'` (the review's file) writes the mask, `'omit'` (a file
 * written to disk, which `offerkit deploy` would read) leaves it out for the deployment to ask for.
 */
export function deploymentParameters(outputs: Record<string, unknown>, templateParameters: Record<string, { type: string; hasDefault: boolean }>, options: { secure?: 'mask' | 'omit' } = {}): ParametersFile {
  // Parameter names are the template's: a prototype-free map, so `__proto__` is kept as a parameter.
  const parameters = Object.create(null) as Record<string, { value: unknown }>;
  const missing: ParametersFile['missing'] = [];
  const secure: string[] = [];
  for (const [name, def] of Object.entries(templateParameters)) {
    const key = Object.keys(outputs).find((k) => k.toLowerCase() === name.toLowerCase());
    const v = key === undefined ? undefined : outputs[key];
    if (v instanceof NotEvaluated) {
      if (!def.hasDefault) missing.push({ name, why: `its output ${key} could not be evaluated by the preview (${v.expression}${v.reason ? `: ${v.reason}` : ''})` });
      continue;
    }
    if (v === undefined || v === null || v === '') {
      if (!def.hasDefault) missing.push({ name, why: key === undefined ? 'no output of createUiDefinition provides it' : `its output ${key} has no value` });
      continue;
    }
    if (isSecure(def.type)) {
      secure.push(name);
      if ((options.secure ?? 'mask') === 'omit') continue;
      parameters[name] = { value: MASK };
      continue;
    }
    parameters[name] = { value: v };
  }
  return { document: { $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters }, missing, secure };
}
