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
}

export const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

export function deploymentParameters(outputs: Record<string, unknown>, templateParameters: Record<string, { type: string; hasDefault: boolean }>): ParametersFile {
  // Parameter names are the template's: a prototype-free map, so `__proto__` is kept as a parameter.
  const parameters = Object.create(null) as Record<string, { value: unknown }>;
  const missing: ParametersFile['missing'] = [];
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
    parameters[name] = { value: v };
  }
  return { document: { $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters }, missing };
}
