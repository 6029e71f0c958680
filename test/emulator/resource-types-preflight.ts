// ARM's preflight, as far as Azure's own resource types decide it: before a deployment is validated, previewed or
// run, every resource of its template (nested templates included) is checked against the catalogue Microsoft
// generates from the REST specifications (schemas/arm-types/, the same facts Bicep type-checks with), with the
// parameter values the deployment was given. A type or api-version Azure does not define, a missing required
// property, an unknown property, a value of the wrong kind or outside the allowed set, a read-only property set
// or a name Azure would refuse: the deployment is refused, so no test passes on a template Azure would refuse.
// The emulator is stricter than some providers (many ignore an unknown property): STYLE.md 14.
//
// The error's shape is ARM's: 400 InvalidTemplateDeployment whose details carry, for a type or version Azure
// does not know, InvalidResourceType with ARM's wording (Azure/acs-engine#4037 quotes it: "The resource type
// 'roleAssignments' could not be found in the namespace 'Microsoft.Authorization' for api version
// '2018-06-01'…"), and for the rest PreflightValidationCheckFailed with one inner detail per breach
// (Azure/bicep-types-az#2115 quotes one: MissingRequiredAccountProperty). The inner codes a provider uses vary
// by provider; the ones here (InvalidRequestContent, InvalidResourceName, MissingRequiredProperty) are inferred.

import { staticText, UNKNOWN_TEXT } from '../../src/arm/static-eval.js';
import { resolvePointer } from '../../src/util/json-pointer.js';
import { splitInnerTemplates } from '../../src/validate/inner-templates.js';
import { typeBreaches, type TypeBreach } from '../../src/validate/resource-types.js';
import type { ArmResponse } from './application-definitions.js';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The template as this deployment runs it: each parameter given a value allows only that value, so the checks
 * that follow a parameter's allowed values see exactly the value deployed.
 */
function withValues(template: JsonObject, values: Record<string, unknown>): JsonObject {
  if (!isObject(template.parameters)) return template;
  const parameters: JsonObject = {};
  for (const [name, decl] of Object.entries(template.parameters)) {
    const value = values[name.toLowerCase()];
    parameters[name] = isObject(decl) && value !== undefined ? { ...decl, allowedValues: [value] } : decl;
  }
  return { ...template, parameters };
}

/** Every breach of the template and of the nested templates evaluated in their own scope, with ARM's target: the resource's name. */
function breachesOf(template: JsonObject, depth = 0, nameOf?: (resource: JsonObject) => string | undefined): (TypeBreach & { target: string })[] {
  const { outer, inners } = splitInnerTemplates(template, '');
  const named = (b: TypeBreach) => {
    const resource = resolvePointer(outer, b.resource ?? '') as JsonObject | undefined;
    // ARM names the target by its evaluated name (uniqueString and all): the deployment's own evaluation when the
    // caller has one, else what a static reading can tell.
    const text = isObject(resource) ? (depth === 0 ? nameOf?.(resource) : undefined) ?? staticText(resource.name, outer) : undefined;
    return { ...b, target: text && !text.includes(UNKNOWN_TEXT) ? text : String(isObject(resource) ? resource.name : b.pointer) };
  };
  const out = typeBreaches(outer, '').listed.filter((b) => !b.note && !b.doubtful).map(named);
  if (depth < 8) for (const inner of inners) out.push(...breachesOf(inner.template, depth + 1));
  return out;
}

const INNER_CODE: Partial<Record<TypeBreach['rule'], string>> = { 'resource-property-required': 'MissingRequiredProperty', 'resource-name-format': 'InvalidResourceName' };

/** The refusal of a deployment whose resources break Azure's resource types, or undefined. */
export function refuseByResourceTypes(template: JsonObject, values: Record<string, unknown>, nameOf?: (resource: JsonObject) => string | undefined): ArmResponse | undefined {
  const breaches = breachesOf(withValues(template, values), 0, nameOf);
  if (!breaches.length) return undefined;
  const unknownTypes = breaches.filter((b) => b.rule === 'resource-type-defined');
  const details = unknownTypes.length
    ? unknownTypes.map((b) => ({ code: 'InvalidResourceType', message: b.message, target: b.target }))
    : [
        {
          code: 'PreflightValidationCheckFailed',
          message: 'Preflight validation failed. Please refer to the details for the specific errors.',
          details: breaches.map((b) => ({ code: INNER_CODE[b.rule] ?? 'InvalidRequestContent', message: b.message, target: b.target })),
        },
      ];
  return { status: 400, body: { error: { code: 'InvalidTemplateDeployment', message: 'The template deployment is not valid according to the validation procedure. See inner errors for details.', details } } };
}
